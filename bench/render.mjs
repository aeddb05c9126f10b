// Render benchmark: navigation start → each element's `confab:<name>:first-content` mark on the demo
// portal served by the real reference server, cold (fresh context, empty IndexedDB) and warm (a return
// visit in the same context: SWR cache), against a static no-JS HTML page with the same content (its
// first-contentful-paint is the lower bound). Prints a Markdown table.
//
// Each visit is left only once it is fully loaded, as WebPageTest ends a view before its repeat view:
// the load event, then QUIET_MS without a new resource entry (capped at 10 s). Leaving a page the
// moment its marks appear (what --back-to-back still does, for comparison) measured the tail of the
// visit before instead: its answers still arriving, its cache writes, its heap being torn down in the
// renderer the next page reuses. On 2 cores that added about 35 ms to every warm figure (traced: the
// warm page's main thread busy 113 ms instead of 82, its 304s answered 15-20 ms later), more than the
// warm path itself costs over the static page.
//
// Usage: node bench/render.mjs [--runs=10] [--back-to-back]
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from '../test/e2e/server.mjs';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 10);
const BACK_TO_BACK = process.argv.includes('--back-to-back');
/** WebPageTest's "fully loaded": no network activity for 2 s after the load event. */
const QUIET_MS = 2000;
const ELEMENTS = ['forum-feed', 'qa-box', 'article-search', 'cert-badge'];
const median = (xs) => { const s = [...xs].filter((x) => x != null).sort((a, b) => a - b); if (!s.length) return null; const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fmt = (x) => (x == null ? 'n/a' : `${x.toFixed(1)} ms`);
const ratio = (a, b) => (a == null || b == null || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);

// A generous start timeout: on a loaded machine seeding the demo community can take over 90 s.
const server = await startServer({}, { timeoutMs: 300_000 });
let browser;
try {
  // Inside the try: a browser that cannot start (no Chromium) must not leave the server and its data dir behind.
  browser = await launch();
  const { origin } = server;
  // Static lower bound, built from the same API data the elements show.
  const threads = await (await fetch(`${origin}/api/v1/threads?limit=8`)).json();
  const items = (threads.items ?? threads.data ?? threads).slice(0, 8);
  const certs = await (await fetch(`${origin}/api/v1/certifications?org=org-northwind`)).json().catch(() => []);
  const certItems = (certs.items ?? certs.data ?? certs ?? []);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static lower bound</title><link rel="icon" href="data:,">
<style>body{font:14px system-ui,sans-serif;margin:0;background:#f5f6f8}main{display:grid;gap:16px;padding:16px;max-width:1100px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:16px}li{margin:8px 0}.ex{color:#555}
input,textarea{width:100%;padding:8px;box-sizing:border-box}</style></head><body><main>
<section class="card"><h2>Search the knowledge base</h2><input type="search" placeholder="Search guides, how-tos and release notes"></section>
<section class="card"><h2>Partner community</h2><ul>${items.map((t) => `<li><a href="#">${esc(t.title)}</a><div class="ex">${esc(t.excerpt ?? t.body ?? '')}</div></li>`).join('')}</ul></section>
<section class="card"><h2>Questions &amp; answers</h2><form><label>Your question<textarea rows="3"></textarea></label><button>Ask</button></form></section>
<section class="card"><h2>Your certifications</h2><ul>${(Array.isArray(certItems) ? certItems : []).map((c) => `<li>${esc(c.name ?? c.title ?? c.badge?.name ?? c.id)} — ${esc(c.status ?? '')}</li>`).join('')}</ul></section>
</main></body></html>`;
  const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));
  mkdirSync(pagesDir, { recursive: true });
  writeFileSync(pagesDir + 'static.html', html);

  const readMarks = (page) => page.evaluate(async (els) => {
    const deadline = performance.now() + 15000;
    const get = () => els.map((e) => performance.getEntriesByName(`confab:${e}:first-content`)[0]?.startTime ?? null);
    while (get().some((v) => v == null) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return get();
  }, ELEMENTS);

  // Resolves once no resource entry has been added for QUIET_MS (a long-lived stream such as the live
  // feed's never ends, so it never counts), at most 10 s after the call. `goto` has already waited for load.
  const fullyLoaded = (page) => BACK_TO_BACK ? undefined : page.evaluate((quiet) => new Promise((resolve) => {
    const start = performance.now();
    let count = -1, since = start;
    const tick = () => {
      const now = performance.now(), n = performance.getEntriesByType('resource').length;
      if (n !== count) [count, since] = [n, now];
      if (now - since >= quiet || now - start >= 10_000) resolve(undefined);
      else setTimeout(tick, 100);
    };
    tick();
  }), QUIET_MS);

  const cold = Object.fromEntries(ELEMENTS.map((e) => [e, []]));
  const warm = Object.fromEntries(ELEMENTS.map((e) => [e, []]));
  const stat = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${origin}/`);
    (await readMarks(page)).forEach((v, j) => cold[ELEMENTS[j]].push(v));
    await fullyLoaded(page);
    await page.goto('about:blank');
    await page.goto(`${origin}/`);
    (await readMarks(page)).forEach((v, j) => warm[ELEMENTS[j]].push(v));
    // The static page must not start in the warm visit's tail either: that would make it slower.
    await fullyLoaded(page);
    await ctx.close();
    // Static page: served by a route so it needs no server of its own, fresh context each run.
    const sctx = await browser.newContext();
    await sctx.route(`${origin}/__static.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
    const sp = await sctx.newPage();
    await sp.goto(`${origin}/__static.html`);
    const fcp = await sp.evaluate(async () => {
      for (let k = 0; k < 200; k++) {
        const e = performance.getEntriesByName('first-contentful-paint')[0];
        if (e) return e.startTime;
        await new Promise((r) => setTimeout(r, 25));
      }
      return null;
    });
    stat.push(fcp);
    await sctx.close();
  }
  const s = median(stat);
  const rows = ELEMENTS.map((e) => { const c = median(cold[e]), w = median(warm[e]); return `| ${e} | ${fmt(c)} | ${fmt(w)} | ${fmt(s)} | ${ratio(c, s)} | ${ratio(w, s)} |`; });
  const missing = ELEMENTS.map((e) => [e, cold[e].filter((v) => v == null).length, warm[e].filter((v) => v == null).length]).filter(([, a, b]) => a || b);
  const protocol = BACK_TO_BACK ? 'each page left as soon as its marks appeared' : `each page left once fully loaded: load + ${QUIET_MS / 1000} s without a new resource`;
  console.log(`\n### Render: navigation start → first-content (medians of ${RUNS} runs; static = FCP of bench/pages/static.html; ${protocol})\n`);
  console.log('| element | cold median | warm median | static median | cold/static | warm/static |');
  console.log('|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  for (const [e, a, b] of missing) console.log(`\nnote: ${e} mark missing in ${a} cold / ${b} warm runs (15 s wait)`);
} finally {
  await browser?.close();
  await server.stop();
}
