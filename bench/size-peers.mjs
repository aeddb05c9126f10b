// `node bench/size-peers.mjs`: Confab's first-load gzip bytes beside the peers a vendor would pick
// instead (issue 7, "Size"). Each peer is put on a page of its own, loaded in Chromium over loopback,
// and every JS and CSS file the page fetched is summed, gzip -9 per file, as bench/size.mjs does for
// Confab. Peers come from bench/package.json (`cd bench && npm install`), never from the SDK's deps.
// Requests to any origin but the loopback server are aborted and listed, never counted.
// Confab's own figures need `npm run build` first; if they cannot be measured the peers table is
// still printed, with the reason. When bench/size.mjs's measure() throws, the per-element figures are
// taken by the same first-load method here (SIZE_PEERS_FALLBACK=1 forces that path, to test it).
import { gzipSync } from 'node:zlib';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, transform } from 'esbuild';
import { launch } from './browser.mjs';
import { servePeers, benchDir, distDir } from './peers/server.mjs';

const KB = 1024;
const started = Date.now();
const SHOELACE_TAGS = ['sl-input', 'sl-button', 'sl-card', 'sl-badge', 'sl-avatar', 'sl-tag'];
const version = (pkg) => {
  try { return JSON.parse(readFileSync(join(benchDir, 'node_modules', pkg, 'package.json'), 'utf8')).version; } catch { return 'not installed'; }
};

// kind: which Confab row it stands beside. entry: bundled with esbuild into bench/peers/dist.
const PEERS = [
  {
    id: 'autocomplete', kind: 'search', pkgs: ['@algolia/autocomplete-js', '@algolia/autocomplete-theme-classic'],
    name: '@algolia/autocomplete-js + autocomplete-theme-classic',
    entry: 'autocomplete.js', css: ['/node_modules/@algolia/autocomplete-theme-classic/dist/theme.min.css'],
    body: '<div id="autocomplete"></div>', ready: { selector: '.aa-Autocomplete' },
    note: 'ESM bundled with esbuild, tree-shaken to what the page uses; no Algolia client (own endpoint via fetch)',
  },
  {
    id: 'docsearch', kind: 'search', pkgs: ['@docsearch/js', '@docsearch/css'],
    name: '@docsearch/js (keyword-only entry) + @docsearch/css',
    entry: 'docsearch.js', css: ['/node_modules/@docsearch/css/dist/style.css'],
    body: '<div id="docsearch"></div>', ready: { selector: '.DocSearch-Button' },
    note: '`@docsearch/js/docsearch`, bundled with esbuild; includes its Algolia search client',
  },
  {
    id: 'docsearch-ai', kind: 'search (extra)', pkgs: ['@docsearch/js', '@docsearch/css'],
    name: '@docsearch/js (default entry, with Ask AI) + @docsearch/css',
    entry: 'docsearch-ai.js', css: ['/node_modules/@docsearch/css/dist/style.css'],
    body: '<div id="docsearch"></div>', ready: { selector: '.DocSearch-Button' },
    note: 'what a bare `import docsearch from "@docsearch/js"` gives',
  },
  {
    id: 'giscus', kind: 'forum', pkgs: ['giscus'],
    name: 'giscus web component (loader only)',
    entry: 'giscus.js', css: [],
    body: '<giscus-widget repo="acme/partner-portal" repoid="R_bench" category="General" categoryid="DIC_bench" mapping="pathname" reactionsenabled="1" emitmetadata="0" inputposition="bottom" theme="light" lang="en" loading="eager"></giscus-widget>',
    ready: { defined: ['giscus-widget'] },
    note: 'npm `giscus` (the <giscus-widget> loader; `@giscus/web-component` is not on the registry here); it then loads the discussion app in an iframe from giscus.app: NOT counted',
  },
  {
    id: 'shoelace', kind: 'library', pkgs: ['@shoelace-style/shoelace'],
    name: `Shoelace autoloader (${SHOELACE_TAGS.join(', ')}) + light theme`,
    script: '/node_modules/@shoelace-style/shoelace/cdn/shoelace-autoloader.js',
    css: ['/node_modules/@shoelace-style/shoelace/cdn/themes/light.css'],
    body: '<sl-card><sl-avatar label="Ada"></sl-avatar> <sl-badge>3</sl-badge> <sl-tag>partner</sl-tag>'
      + '<sl-input label="Search" placeholder="Search the knowledge base"></sl-input> <sl-button variant="primary">Ask</sl-button></sl-card>',
    ready: { defined: SHOELACE_TAGS },
    note: 'cdn/ build served file by file as a CDN would (dist/ has bare imports and needs a bundler); icons or other non-JS/CSS files, if any, are listed, not counted',
  },
];

const debug = (...a) => process.env.DEBUG && console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => (n == null ? '—' : `${(n / KB).toFixed(1)} KB`);
const ratio = (a, b) => (a == null || !b ? '—' : `${(a / b).toFixed(2)}×`);

async function bundlePeers() {
  rmSync(distDir, { recursive: true, force: true });
  const entryPoints = Object.fromEntries(PEERS.filter((p) => p.entry).map((p) => [p.id, join(benchDir, 'peers/entries', p.entry)]));
  await build({
    entryPoints, outdir: distDir, absWorkingDir: benchDir, bundle: true, minify: true, format: 'esm',
    platform: 'browser', conditions: ['production'], define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
}

function pageFor(p) {
  const links = p.css.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  const src = p.script ?? `/peers-dist/${p.id}.js`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${links}</head><body>${p.body}`
    + `<script type="module" src="${src}"></script></body></html>`;
}

/** Smallest honest gzip -9 of a file: as served, or minified by esbuild if that is smaller. */
async function sizes(body, loader) {
  const shipped = gz(body);
  let min = shipped;
  try {
    const { code } = await transform(body.toString('utf8'), { loader, minify: true, legalComments: 'none' });
    min = Math.min(min, gz(Buffer.from(code)));
  } catch { /* keep the shipped figure */ }
  return { shipped, min };
}

async function measurePeer(browser, origin, p) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const foreign = [];
  const bodies = [];
  const other = [];
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    if (!url.protocol.startsWith('http')) return route.continue();
    foreign.push(url.origin + url.pathname);
    return route.abort('blockedbyclient');
  });
  ctx.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin !== origin || r.status() !== 200) return;
    const type = r.headers()['content-type'] ?? '';
    const kind = type.includes('javascript') ? 'js' : type.includes('css') ? 'css' : null;
    const task = r.body().then((b) => (kind ? bodies.push({ path: url.pathname, kind, body: b }) : type.includes('html') || other.push({ path: url.pathname, bytes: gz(b) })), () => {});
    bodies.pending = [...(bodies.pending ?? []), task];
  });
  let error = null;
  debug(p.id, 'goto');
  try {
    await page.goto(`${origin}/${p.id}`, { waitUntil: 'load', timeout: 15000 });
    if (p.ready.selector) await page.waitForSelector(p.ready.selector, { state: 'attached', timeout: 10000 });
    if (p.ready.defined) {
      await page.evaluate((tags) => Promise.race([
        Promise.all(tags.map((t) => customElements.whenDefined(t))),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`not defined in 10 s: ${tags.filter((t) => !customElements.get(t)).join(', ')}`)), 10000)),
      ]), p.ready.defined);
    }
    await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
    await page.waitForTimeout(300);
  } catch (e) {
    error = e.message.split('\n')[0];
  }
  debug(p.id, 'loaded', error ?? '');
  await Promise.race([Promise.all(bodies.pending ?? []), new Promise((r) => setTimeout(r, 5000).unref())]);
  debug(p.id, 'bodies', bodies.length);
  await ctx.close();
  const out = { js: 0, css: 0, jsShipped: 0, cssShipped: 0, jsFiles: 0, cssFiles: 0, foreign: [...new Set(foreign)], other, error };
  for (const f of bodies) {
    const s = await sizes(f.body, f.kind);
    out[f.kind] += s.min;
    out[`${f.kind}Shipped`] += s.shipped;
    out[`${f.kind}Files`] += 1;
  }
  return out;
}

async function measurePeers() {
  await bundlePeers();
  const pages = Object.fromEntries(PEERS.map((p) => [`/${p.id}`, pageFor(p)]));
  const server = await servePeers({ pages });
  const browser = await launch();
  const results = {};
  try {
    for (const p of PEERS) results[p.id] = await measurePeer(browser, server.origin, p);
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

// Same method as bench/size.mjs's firstLoad (kept in step with it): the dist/ JS fetched before the
// first /api/ response. Used only when size.mjs's measure() throws, e.g. when one of its other
// figures (the IIFE) is missing, so the per-element figures can still be set beside the peers.
const CONFAB_ELEMENTS = {
  'confab-forum-feed': '<confab-forum-feed></confab-forum-feed>',
  'confab-qa-box': '<confab-qa-box></confab-qa-box>',
  'confab-article-search': '<confab-article-search mode="inline"></confab-article-search>',
  'confab-cert-badge': '<confab-cert-badge person="p-1"></confab-cert-badge>',
};
async function confabFallback() {
  const { serve, root } = await import('./static-server.mjs');
  readFileSync(join(root, 'dist/confab.js'));
  const page = (body) => `<!doctype html><html lang="en"><body>${body}<script type="module" src="/dist/confab.js" data-api="/api"></script></body></html>`;
  const pages = { '/all': page(Object.values(CONFAB_ELEMENTS).join('\n')) };
  for (const [tag, markup] of Object.entries(CONFAB_ELEMENTS)) pages[`/${tag}`] = page(markup);
  const server = await serve({ pages });
  const browser = await launch();
  const load = async (path) => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const scripts = new Set();
    let dataArrived = false;
    p.on('request', (r) => {
      const url = new URL(r.url());
      if (!dataArrived && url.pathname.startsWith('/dist/') && url.pathname.endsWith('.js')) scripts.add(url.pathname.slice(1));
    });
    const firstData = p.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/'), { timeout: 8000 }).catch(() => null);
    await p.goto(server.origin + path);
    const got = await firstData;
    dataArrived = true;
    if (!got) await p.waitForLoadState('networkidle');
    await ctx.close();
    const bytes = [...scripts].reduce((n, f) => n + gz(readFileSync(join(root, f))), 0);
    return { bytes, files: scripts.size, sawData: Boolean(got) };
  };
  const rows = [];
  try {
    for (const tag of [...Object.keys(CONFAB_ELEMENTS), 'all']) {
      const r = await load(`/${tag}`);
      const what = tag === 'all' ? 'all four elements on one page' : `first load <${tag}>`;
      rows.push({ what: `${what}${r.sawData ? '' : ' (no data request seen)'}`, bytes: r.bytes, files: r.files });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

const withTimeout = (promise, s, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${s} s`)), s * 1000).unref())]);
const reason = (e) => (e.code === 'ENOENT' ? `no build output (${e.path?.replace(/^.*\/(dist\/)/, '$1')}): run \`npm run build\` first` : e.message.split('\n')[0]);

async function measureConfab() {
  try {
    if (process.env.SIZE_PEERS_FALLBACK) throw new Error('SIZE_PEERS_FALLBACK set');
    const { measure } = await import('./size.mjs');
    return { rows: await withTimeout(measure(), 60, 'bench/size.mjs measure()') };
  } catch (e) {
    const error = reason(e);
    debug('size.mjs failed:', error, '- trying the per-element fallback');
    try {
      return { rows: await withTimeout(confabFallback(), 50, 'the fallback measure'), fallback: error };
    } catch (e2) {
      return { rows: [], error: `${error}; fallback: ${reason(e2)}` };
    }
  }
}

const peers = await measurePeers().catch((e) => {
  const error = `peers not measured: ${e.message.split('\n')[0]} (install them with \`cd bench && npm install\`)`;
  return Object.fromEntries(PEERS.map((p) => [p.id, { js: null, css: null, jsShipped: null, cssShipped: null, jsFiles: 0, cssFiles: 0, foreign: [], other: [], error }]));
});
const confab = await measureConfab();
const row = (needle) => confab.rows.find((r) => r.what.includes(needle));
const total = (r) => (r && r.js != null ? r.js + r.css : null);

console.log('\n## First-load size beside peers (gzip -9, per file, summed)\n');
console.log('| Confab (gzip -9) | Confab JS | peer | peer JS | peer CSS | peer JS+CSS | Confab / peer JS | Confab / peer JS+CSS |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|');
const PAIRS = [
  ['<confab-article-search>', 'confab-article-search', ['autocomplete', 'docsearch', 'docsearch-ai']],
  ['<confab-forum-feed>', 'confab-forum-feed', ['giscus']],
  ['<confab-qa-box>', 'confab-qa-box', []],
  ['<confab-cert-badge>', 'confab-cert-badge', []],
  ['all four elements', 'all four elements', ['shoelace']],
];
for (const [label, needle, ids] of PAIRS) {
  const c = row(needle);
  const cBytes = c?.bytes ?? null;
  const cLabel = `${label}${c && /no data request/.test(c.what) ? ' (no data request seen)' : ''}`;
  if (!ids.length) {
    console.log(`| ${cLabel} | ${kb(cBytes)} | (no peer of this kind) | | | | | |`);
    continue;
  }
  for (const id of ids) {
    const p = PEERS.find((x) => x.id === id);
    const r = peers[id];
    const failed = r.error ? ` (FAILED: ${r.error})` : '';
    console.log(`| ${cLabel} | ${kb(cBytes)} | ${p.name}${failed} | ${kb(r.js)} | ${kb(r.css)} | ${kb(total(r))} | ${ratio(cBytes, r.js)} | ${ratio(cBytes, total(r))} |`);
  }
}

console.log('\n### Peers in detail\n');
console.log('| peer | versions | JS files | CSS files | as shipped JS / CSS | minified JS / CSS (counted) | other bytes (not counted) | foreign requests (blocked, not counted) |');
console.log('|---|---|---:|---:|---:|---:|---|---|');
for (const p of PEERS) {
  const r = peers[p.id];
  const versions = p.pkgs.map((n) => `${n}@${version(n)}`).join(', ');
  const other = r.other.length ? `${r.other.length} file(s), ${kb(r.other.reduce((n, o) => n + o.bytes, 0))}` : '—';
  const foreign = r.foreign.length ? r.foreign.map((u) => `\`${u}\``).join(', ') : 'none';
  console.log(`| ${p.id} | ${versions} | ${r.jsFiles} | ${r.cssFiles} | ${kb(r.jsShipped)} / ${kb(r.cssShipped)} | ${kb(r.js)} / ${kb(r.css)} | ${other} | ${foreign} |`);
}

console.log('\nNotes:');
console.log('- Confab ships no CSS files: its styles are inside its JS (Lit adopted stylesheets), so "Confab / peer JS+CSS" is the like-for-like ratio.');
console.log('- Confab counts the JS fetched before its first data response (bench/size.mjs); a peer counts every JS and CSS file fetched until its page is idle.');
console.log('- A peer file counts at the smaller of its gzip -9 as shipped and after esbuild minification (Confab is minified by its build).');
for (const p of PEERS) console.log(`- ${p.id}: ${p.note}.`);
if (confab.fallback) console.log(`- bench/size.mjs measure() threw (${confab.fallback}); Confab's figures above come from the same first-load method run by size-peers.mjs itself.`);
if (confab.error) console.log(`- Confab's figures could NOT be measured: ${confab.error}. The peers above were measured regardless.`);
else if (!confab.rows.length) console.log('- Confab returned no rows.');
console.log(`- took ${((Date.now() - started) / 1000).toFixed(1)} s, loopback only.`);
process.exit(0);
