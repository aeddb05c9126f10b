// Render benchmark: navigation start → each element's `confab:<name>:first-content` mark on the demo
// portal served by the real reference server, cold (fresh context, empty IndexedDB) and warm (second
// visit in the same context: SWR cache), against a static no-JS HTML page with the same content
// (its first-contentful-paint is the lower bound). Prints a Markdown table. Usage: node bench/render.mjs [--runs=10]
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from '../test/e2e/server.mjs';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 10);
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

  const cold = Object.fromEntries(ELEMENTS.map((e) => [e, []]));
  const warm = Object.fromEntries(ELEMENTS.map((e) => [e, []]));
  const stat = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${origin}/`);
    (await readMarks(page)).forEach((v, j) => cold[ELEMENTS[j]].push(v));
    await page.goto('about:blank');
    await page.goto(`${origin}/`);
    (await readMarks(page)).forEach((v, j) => warm[ELEMENTS[j]].push(v));
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
  console.log(`\n### Render: navigation start → first-content (medians of ${RUNS} runs; static = FCP of bench/pages/static.html)\n`);
  console.log('| element | cold median | warm median | static median | cold/static | warm/static |');
  console.log('|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  for (const [e, a, b] of missing) console.log(`\nnote: ${e} mark missing in ${a} cold / ${b} warm runs (15 s wait)`);
} finally {
  await browser?.close();
  await server.stop();
}
