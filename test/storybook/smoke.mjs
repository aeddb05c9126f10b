#!/usr/bin/env node
// Storybook smoke test: builds Storybook (unless --no-build), serves storybook-static/ on 127.0.0.1,
// opens every story from index.json in Chromium (playwright-core) and fails a story on a page error,
// a console error, Storybook's error display or an empty root, or any axe violation inside the story.
// Docs pages are opened too and checked for errors (not axe: they are Storybook's own UI).
//
// Speed: each worker keeps one page and switches stories in it the way Storybook's own UI does (the
// `setCurrentStory` event on the preview's channel), so the preview bundle, msw's worker and axe load
// once per worker instead of once per story (that reload was most of the 440 s for 130 stories). Stories
// are written to share a page (docs pages render several at once; each has its own backend id). After a
// failing story, and for docs pages, the worker opens a fresh page, so one broken story cannot spill over.
//
//   node test/storybook/smoke.mjs [--no-build] [--only <substring>] [--no-docs]
//   env: CHROME_PATH (default /usr/bin/chromium), SMOKE_CONCURRENCY (default 2),
//        CONFAB_COUNT_FILE (appends "passed failed\n")
//
// A failed request (HTTP 4xx/5xx, or no response) fails the story too. Stories tagged `http-errors`
// show a failing server on purpose: their error responses from the msw mock API (/mock-api/) are expected.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const out = join(root, 'storybook-static');
const argv = process.argv.slice(2);
const noBuild = argv.includes('--no-build');
const noDocs = argv.includes('--no-docs');
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const concurrency = Math.max(1, Number(process.env.SMOKE_CONCURRENCY) || 2);
const require = createRequire(import.meta.url);
const started = Date.now();

/** Page-level axe rules judge the host page (Storybook's iframe), which a vendor owns, not a story. */
const PAGE_RULES = ['region', 'landmark-one-main', 'page-has-heading-one', 'bypass'];
/** How long a story may take to render and play, and how long we wait for it to go quiet afterwards. */
const RENDER_TIMEOUT = 30_000;
const SETTLE_MAX = 6_000;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`storybook smoke: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    finish(0, 1);
  }
}

function finish(passed, failed) {
  console.log(`storybook: ${passed} passed, ${failed} failed`);
  if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${passed} ${failed}\n`);
  process.exit(failed > 0 ? 1 : 0);
}

// ----- build -----
if (!noBuild) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  // preview.ts imports the manifest; `npm run build` makes it, but a fresh checkout may not have it yet.
  if (!existsSync(join(root, 'custom-elements.json'))) {
    run(bin('cem'), ['analyze', '--litelement', '--quiet', '--globs', 'src/elements/**/*.ts', 'src/core/provider.ts', '--exclude', 'src/**/*.styles.ts', '--outdir', '.']);
  }
  run(bin('storybook'), ['build', '--quiet', '-o', 'storybook-static']);
}
if (!existsSync(join(out, 'index.json'))) {
  console.error('storybook smoke: storybook-static/index.json is missing; build first or drop --no-build');
  finish(0, 1);
}

// ----- serve -----
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ico': 'image/x-icon', '.map': 'application/json', '.txt': 'text/plain',
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  // Chromium asks for a favicon on its own; Storybook ships none.
  if (path === '/favicon.ico') return void res.writeHead(204).end();
  let file = normalize(join(out, path));
  if (!file.startsWith(out + sep) && file !== out) return void res.writeHead(403).end();
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    const body = readFileSync(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
const entries = Object.values(index.entries)
  .filter((e) => e.type === 'story' || (e.type === 'docs' && !noDocs))
  .filter((e) => !only || e.id.includes(only))
  .sort((a, b) => (a.type === b.type ? a.id.localeCompare(b.id) : a.type === 'story' ? -1 : 1));

// ----- browser -----
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const axePath = require.resolve('axe-core/axe.min.js');

/** Waits for Storybook to finish rendering (and playing) the entry `id`; returns the final phase. */
async function renderPhase(page, id) {
  const handle = await page.waitForFunction(
    (id) => {
      const p = window.__STORYBOOK_PREVIEW__;
      const r = p?.currentRender;
      // The previous story in this page showed no error display (a failure gets a fresh page), so one now is this entry's.
      if (document.body.classList.contains('sb-show-errordisplay')) return 'errordisplay';
      // Until the switch has happened, the current render is still the previous story's.
      if (!r || r.id !== id) return false;
      // Docs renders have no phase; they are done when the docs root has content.
      if (r.phase === undefined) return document.querySelector('#storybook-docs .sbdocs') ? 'docs' : false;
      return ['completed', 'finished', 'errored', 'aborted'].includes(r.phase) ? r.phase : false;
    },
    id,
    { timeout: RENDER_TIMEOUT, polling: 50 },
  );
  return handle.jsonValue();
}

/**
 * Counts, in every story page, the timers and fetches that could still change what it shows: a
 * pending setTimeout with its due time, and fetches in flight. Installed before Storybook's scripts.
 */
function trackPending() {
  const timers = new Map();
  const { setTimeout: set, clearTimeout: clear, fetch: realFetch } = window;
  let fetches = 0;
  // settle() waits with the real one, or its own waiting would count as pending.
  window.__smokeSetTimeout = set;
  window.setTimeout = function (fn, ms, ...rest) {
    if (typeof fn !== 'function') return set.call(window, fn, ms, ...rest);
    const id = set.call(window, (...a) => {
      timers.delete(id);
      fn(...a);
    }, ms, ...rest);
    timers.set(id, Date.now() + (Number(ms) || 0));
    return id;
  };
  window.clearTimeout = function (id) {
    timers.delete(id);
    return clear.call(window, id);
  };
  window.fetch = function (...a) {
    fetches++;
    return realFetch.apply(this, a).finally(() => fetches--);
  };
  /** True when nothing is due before `until`: no fetch in flight and no timer firing earlier. */
  window.__smokeNothingDueBefore = (until) => fetches === 0 && [...timers.values()].every((due) => due > until);
}

/**
 * Waits until the Confab elements have finished updating and nothing is busy (no skeleton, no
 * aria-busy) for a moment, or SETTLE_MAX passes. A story that stays busy while nothing can change it
 * any more before SETTLE_MAX (a loading story: its backend answers after a timer set for ever, no
 * fetch in flight) is done at once instead of waiting the whole SETTLE_MAX.
 */
async function settle(page) {
  return page.evaluate(async (max) => {
    const t0 = Date.now();
    const end = Date.now() + max;
    const all = (rootNode, out = []) => {
      for (const el of rootNode.querySelectorAll('*')) {
        if (el.localName.startsWith('confab-')) out.push(el);
        if (el.shadowRoot) all(el.shadowRoot, out);
      }
      return out;
    };
    let quietSince = 0;
    let stuck = false;
    while (Date.now() < end) {
      const els = all(document.getElementById('storybook-root') ?? document);
      await Promise.all(els.map((e) => e.updateComplete).filter(Boolean));
      const busy = els.some((e) => e.shadowRoot?.querySelector('[aria-busy="true"], [part~="skeleton"]'));
      if (!busy) {
        quietSince ||= Date.now();
        if (Date.now() - quietSince >= 300) return `quiet after ${Date.now() - t0} ms`;
      } else {
        quietSince = 0;
        // Busy for good: seen twice in a row (a state change in between would have shown up).
        if (window.__smokeNothingDueBefore?.(end)) {
          if (stuck) return `loading for good, seen after ${Date.now() - t0} ms`;
          stuck = true;
        } else stuck = false;
      }
      await new Promise((r) => (window.__smokeSetTimeout ?? setTimeout)(r, 50));
    }
    return `still busy after ${max} ms`;
  }, SETTLE_MAX);
}

/**
 * A worker's browser page and what it collects for the entry being checked. `fresh` opens a new context
 * and page (no service worker, cache or storage carried over); `show` brings an entry on screen.
 */
function worker() {
  let context;
  let page;
  let current = { problems: [], expectHttpErrors: false };

  async function fresh() {
    await context?.close().catch(() => {});
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, reducedMotion: 'reduce' });
    await context.addInitScript(trackPending);
    page = await context.newPage();
    page.on('pageerror', (e) => current.problems.push(`page error: ${e.message.split('\n')[0]}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = m.text();
      // Chromium's own line for a failed request names no URL; the response and requestfailed
      // listeners below report the same failure with its URL.
      if (/^Failed to load resource: /.test(text)) return;
      current.problems.push(`console error: ${text.split('\n')[0].slice(0, 300)}`);
    });
    page.on('response', (r) => {
      if (r.status() < 400) return;
      if (current.expectHttpErrors && new URL(r.url()).pathname.startsWith('/mock-api/')) return;
      current.problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText ?? '';
      // An abort is the element letting go of a request it no longer wants, not a failure.
      if (why !== 'net::ERR_ABORTED') current.problems.push(`request failed: ${r.url().slice(0, 200)} (${why})`);
    });
  }

  /** Loads the preview at the entry (a fresh page), or switches the loaded preview to it. */
  async function show(entry, reload) {
    const viewMode = entry.type === 'docs' ? 'docs' : 'story';
    if (reload) {
      await fresh();
      await page.goto(`${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}`, { waitUntil: 'load', timeout: RENDER_TIMEOUT });
    } else {
      await page.evaluate(([storyId, viewMode]) => window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode }), [entry.id, viewMode]);
    }
  }

  return {
    get page() {
      return page;
    },
    collect(entry) {
      current = { problems: [], expectHttpErrors: (entry.tags ?? []).includes('http-errors') };
      return current.problems;
    },
    show,
    close: () => context?.close().catch(() => {}),
  };
}

async function check(entry, w, reload) {
  const t0 = Date.now();
  const problems = w.collect(entry);
  let settled = '';
  try {
    await w.show(entry, reload);
    const page = w.page;
    const phase = await renderPhase(page, entry.id).catch(() => 'timeout');
    if (phase === 'timeout') problems.push(`did not finish rendering within ${RENDER_TIMEOUT / 1000} s`);
    else if (phase === 'errored' || phase === 'errordisplay') {
      const msg = await page.locator('#error-message').textContent().catch(() => '');
      problems.push(`Storybook error display: ${(msg ?? '').trim().split('\n')[0].slice(0, 300)}`);
    }
    if (entry.type === 'story' && phase !== 'timeout') {
      const empty = await page.evaluate(() => {
        const r = document.getElementById('storybook-root');
        return !r || (r.childElementCount === 0 && !r.textContent.trim());
      });
      if (empty) problems.push('#storybook-root is empty');
      if (await page.locator('.sb-errordisplay').isVisible().catch(() => false)) problems.push('.sb-errordisplay is visible');
      settled = await settle(page);
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async (pageRules) => {
        const rules = Object.fromEntries(pageRules.map((id) => [id, { enabled: false }]));
        const r = await window.axe.run({ include: ['#storybook-root'] }, { resultTypes: ['violations'], rules });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}${v.nodes.length > 3 ? ` +${v.nodes.length - 3}` : ''}`);
      }, PAGE_RULES);
      for (const v of violations) problems.push(`axe ${v}`);
    }
  } catch (e) {
    problems.push(`smoke error: ${String(e?.message ?? e).split('\n')[0]}`);
  }
  const label = `${entry.type === 'docs' ? 'docs ' : ''}${entry.id}`;
  const ms = Date.now() - t0;
  if (problems.length) console.log(`FAIL ${label} (${ms} ms)\n${problems.map((p) => `     - ${p}`).join('\n')}`);
  else console.log(`ok   ${label} (${ms} ms${settled ? `; ${settled}` : ''})`);
  return problems.length === 0;
}

let passed = 0;
let failed = 0;
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, entries.length) }, async () => {
    const w = worker();
    // A fresh page for the first entry, for every docs page, and after a failure.
    let reload = true;
    while (next < entries.length) {
      const entry = entries[next++];
      const ok = await check(entry, w, reload || entry.type === 'docs');
      if (ok) passed++;
      else failed++;
      reload = !ok || entry.type === 'docs';
    }
    await w.close();
  }),
);
await browser.close();
server.close();
console.log(`storybook smoke: ${entries.length} entries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (entries.length === 0) failed++;
finish(passed, failed);
