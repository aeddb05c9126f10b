// `npm run size`: gzip (-9) sizes of what a partner's browser downloads, against budgets.
// First-load figures are measured, not guessed: a page with one tag is loaded in Chromium and every
// JS file it fetched before its first data request was answered is summed. Exits 1 over budget.
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, root } from './static-server.mjs';
import { launch } from './browser.mjs';

const KB = 1024;
// Budgets are a ratchet set from measurement (issue 18): each element's first load and all of them on
// one page, lowered by what moving from ky 2 to ky 1 saved (issue 17: 35 -> 32 KB, 52 -> 48.5 KB). A new element gets the same per-element budget. `bench/sizes.json` records the figures of
// the last `npm run size -- --record`, so that a growth shows in review.
// Raised on 2026-12-05 (issues 13, 14, 15): content status, follows, the Report action and three backend
// capabilities grew the shared core chunk by 1.1 KB (24.6 -> 25.7 KB) and every first load with it;
// measured then: forum-feed 32.4, qa-box 32.3, cert-badge 32.8, all four 50.2 KB. The ratchet moves up by
// that and no more; moving the capability methods out of the core chunk is the way back down (issue 18).
// Raised again on 2026-12-05 (session 6, issue 14): the Report action on every feed row (an eager button
// and canReport) grew forum-feed's first load 32.4 -> 32.8 KB and all four 50.2 -> 50.6 KB. +0.2 KB for
// the page of four, and no more; the element budget still holds.
// Raised on 2026-12-05 (session 7, issue 18): the loader carries each element's chunk list and adds
// <link rel="modulepreload"> for all of them at once, and opens the cache database while they load
// (0.8 -> 1.2 KB). Measured then: forum-feed 33.2, cert-badge 33.3, all four 51.0, with the bell 54.1 KB.
// The ratchet moves up by that and no more, inside the issue's ceiling (35 KB each, 52 KB the four).
// The way back down: the RestBackend methods are 0.76 KB gzip of the core chunk, one near-identical
// `this.call(...)` wrapper per operation; a table of operations would do it in less.
// Raised on 2026-12-05 (session 7, issue 15, "notify experts"): RestBackend.notifyExperts and its route in
// backends/rest/groups.ts are in the core chunk (+19 B gzip: 25,645 -> 25,664 B), which put the page of four
// at 51,926 B, 9 B over 50.7 KB; the button itself is in insights' lazy panels part. +0.03 KB and no more.
// Both raises together (merged): element 33.4 KB, the four 51.1 + 0.03 KB.
// Then +0.12 KB for the four (session 7, CI): the preload manifest in the loader lists every tag's chunk
// names, whose content hashes change with any element's code, and gzip compresses those random names by
// a different few bytes each build; the issue-13 focus fix (qa-box) and the review's loader guard used the
// rest. Measured then 51.1 KB, at 51.13 over by bytes. Still inside the issue's 52 KB ceiling.
// Raised on 2026-12-05 (session 8, issue 18, "first content"): +0.2 KB for each element and the four. The
// loader hands its open cache connection to core/cache.ts instead of closing it (a second open cost
// 370-860 ms under load, after the network answer it was to beat), and its preload manifest also names
// the contract chunks each element calls first (their names are content hashes, which gzip cannot
// shrink): loader 1,200 -> 1,322 B, core chunk 25,613 -> 25,691 B. Element 33.4 -> 33.6 KB, the four
// 51.25 -> 51.5 KB, still inside the issue's ceiling (35 / 52 KB).
// Raised on 2026-12-05 (session 9, issue 18, "first content"): +0.3 KB for each element and the four.
// The loader boots once the page's own scripts have run or it has handed over getToken, so a portal's
// configure({ getToken }) applies before the first request (loader 1.32 -> 1.43 KB gzip); cert-badge asks
// `me` only when its list needs it; the core chunk caches a signed-out `me` where getToken gave no
// token. Measured then: cert-badge 33.8, forum-feed 33.7, all four 51.7, with the bell 54.8 KB.
// Inside the issue's ceiling (35 KB each, 52 KB the four).
// Raised on 2026-12-05 (session 10, issue 18, "first content"): +0.3 KB for each element, +0.2 KB for the
// four. core/cache-mirror.ts keeps the first view's cache entries in localStorage, so that a return visit
// renders them in its first frame instead of waiting 115-160 ms (load 6-10) for IndexedDB's answer to get
// the main thread: core chunk 25,812 -> 26,104 B gzip. Measured then: cert-badge 34,926 B, forum-feed
// 34,786 B, all four 53,244 B, which is the issue's 52 KB ceiling less 4 B. The way back down: the
// loader's early IndexedDB open and its hand-over to core/cache.ts (session 8) serve only reads the copy
// misses now, and cost 188 B of every first load (loader 103 B, core 85 B, measured by removing them).
const BUDGET = { loader: 2.5 * KB, element: 34.2 * KB, all: 52 * KB, iife: 65 * KB };
// The portal's header bell on top of the four: its own chunks (3 files, measured 3.4 KB more in issue 13).
const BELL_BUDGET = BUDGET.all + 3.2 * KB;
// "All on one page" stays the four content elements it always measured; the bell is its own row.
const FOUR = ['confab-forum-feed', 'confab-qa-box', 'confab-article-search', 'confab-cert-badge'];
const ELEMENTS = {
  'confab-forum-feed': '<confab-forum-feed></confab-forum-feed>',
  'confab-qa-box': '<confab-qa-box></confab-qa-box>',
  'confab-article-search': '<confab-article-search mode="inline"></confab-article-search>',
  'confab-cert-badge': '<confab-cert-badge person="p-1"></confab-cert-badge>',
  'confab-notifications': '<confab-notifications></confab-notifications>',
  'confab-insights': '<confab-insights></confab-insights>',
};

// Moderators' elements: each has the per-element budget, but they are not part of the partner page
// that the "all four elements" row measures (a portal puts the queue on a page of its own).
const STAFF_ELEMENTS = {
  'confab-mod-queue': '<confab-mod-queue></confab-mod-queue>',
};

const gz = (path) => gzipSync(readFileSync(join(root, path)), { level: 9 }).length;
const page = (body) => `<!doctype html><html lang="en"><body>${body}<script type="module" src="/dist/confab.js" data-api="/api"></script></body></html>`;

/** Loads `html` and returns the dist paths of the JS fetched before the first API response. */
async function firstLoad(browser, origin, path) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const scripts = new Set();
  let dataArrived = false;
  p.on('request', (r) => {
    const url = new URL(r.url());
    if (!dataArrived && url.pathname.startsWith('/dist/') && url.pathname.endsWith('.js')) scripts.add(url.pathname.slice(1));
  });
  const firstData = p.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/'), { timeout: 8000 }).catch(() => null);
  await p.goto(origin + path);
  const got = await firstData;
  dataArrived = true;
  if (!got) await p.waitForLoadState('networkidle');
  await ctx.close();
  return { scripts: [...scripts], sawData: Boolean(got) };
}

export async function measure() {
  // The four partner-facing elements share portal pages (with the bell in the header); <confab-insights> is a
  // staff dashboard with a page of its own, measured as its own first load.
  const pages = {
    '/all': page(FOUR.map((t) => ELEMENTS[t]).join('\n')),
    '/all-with-bell': page([...FOUR, 'confab-notifications'].map((t) => ELEMENTS[t]).join('\n')),
  };
  for (const [tag, markup] of Object.entries({ ...ELEMENTS, ...STAFF_ELEMENTS })) pages[`/${tag}`] = page(markup);
  const server = await serve({ pages });
  const browser = await launch();
  const rows = [];
  try {
    rows.push({ what: 'loader dist/confab.js', bytes: gz('dist/confab.js'), budget: BUDGET.loader });
    // What every first load carries before any element code: the floor under the first-load rows.
    const core = readdirSync(join(root, 'dist/chunks')).filter((f) => /^core-.*\.js$/.test(f)).map((f) => `dist/chunks/${f}`);
    rows.push({ what: 'shared runtime: loader + core chunk (no budget)', bytes: gz('dist/confab.js') + core.reduce((n, f) => n + gz(f), 0), files: 1 + core.length, list: ['dist/confab.js', ...core] });
    const union = new Set();
    for (const tag of Object.keys({ ...ELEMENTS, ...STAFF_ELEMENTS })) {
      const { scripts, sawData } = await firstLoad(browser, server.origin, `/${tag}`);
      scripts.forEach((s) => union.add(s));
      rows.push({ what: `first load <${tag}>${sawData ? '' : ' (no data request seen)'}`, bytes: scripts.reduce((n, s) => n + gz(s), 0), budget: BUDGET.element, firstLoad: true, files: scripts.length, list: scripts });
    }
    const all = await firstLoad(browser, server.origin, '/all');
    rows.push({ what: 'all four elements on one page', bytes: all.scripts.reduce((n, s) => n + gz(s), 0), budget: BUDGET.all, firstLoad: true, files: all.scripts.length, list: all.scripts });
    const withBell = await firstLoad(browser, server.origin, '/all-with-bell');
    rows.push({ what: 'the four and <confab-notifications> on one page', bytes: withBell.scripts.reduce((n, s) => n + gz(s), 0), budget: BELL_BUDGET, firstLoad: true, files: withBell.scripts.length, list: withBell.scripts });
    rows.push({ what: 'IIFE dist/confab.iife.js', bytes: gz('dist/confab.iife.js'), budget: BUDGET.iife });
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measure();
  const kb = (n) => `${(n / KB).toFixed(1)} KB`;
  console.log('\n| what (gzip -9) | size | budget | files |\n|---|---:|---:|---:|');
  // --report-first-loads: the first-load rows are printed but do not fail the run (for comparing a
  // work in progress); `npm test` enforces every budget.
  const lenient = process.argv.includes('--report-first-loads');
  let over = 0;
  let failing = 0;
  for (const r of rows) {
    const bad = r.budget !== undefined && r.bytes > r.budget;
    if (bad) over++;
    if (bad && !(lenient && r.firstLoad)) failing++;
    console.log(`| ${r.what} | ${kb(r.bytes)}${bad ? ' OVER' : ''} | ${r.budget === undefined ? '' : kb(r.budget)} | ${r.files ?? 1} |`);
  }
  // --files lists what each first load fetched, biggest first: where to cut next.
  if (process.argv.includes('--files')) {
    for (const r of rows.filter((x) => x.list)) {
      console.log(`\n${r.what}:`);
      for (const [s, n] of r.list.map((s) => [s, gz(s)]).sort((a, b) => b[1] - a[1])) console.log(`  ${kb(n).padStart(8)}  ${s}`);
    }
  }
  // --record writes the figures to bench/sizes.json (commit it with the change that moved them).
  if (process.argv.includes('--record')) {
    const figures = Object.fromEntries(rows.map((r) => [r.what.replace(/ \(.*\)$/, ''), { kb: Number((r.bytes / KB).toFixed(1)), files: r.files ?? 1 }]));
    writeFileSync(new URL('./sizes.json', import.meta.url), `${JSON.stringify(figures, null, 2)}\n`);
  }
  console.log(over ? `\nsize: ${over} figure(s) over budget${failing < over ? ` (${over - failing} reported only)` : ''}` : '\nsize: every figure within budget');
  process.exit(failing ? 1 : 0);
}
