// Scale in the page: (a) <confab-forum-feed page-size="50"> paged with "Load more" to 1,000 threads,
// (b) <confab-article-search mode="inline"> over 100,000 articles. Both against a synthetic API of our
// own (bench/static-server.mjs; shapes copied from the reference server's responses) so the numbers
// are the elements', not the database's. Reports time, JS heap (CDP Runtime.getHeapUsage after GC)
// and long tasks (PerformanceObserver 'longtask'). Usage: node bench/scale.mjs [--threads=1000] [--articles=100000]
import { launch } from './browser.mjs';
import { serve } from './static-server.mjs';

const arg = (n, d) => Number(process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d);
const THREADS = arg('threads', 1000);
const ARTICLES = arg('articles', 100_000);
const RUNS = arg('runs', 3);

// --- synthetic data -------------------------------------------------------------------------------
const words = 'gateway firewall sso okta sizing license renewal mdf webinar quota migration cluster failover vpn sd-wan threat intel portal pricing tier deal registration certification exam lab backup restore upgrade release notes api token webhook logging alerting dashboard'.split(' ');
const products = ['Acme Cloud Gateway', 'Acme Edge Firewall', 'Acme SD-WAN', 'Acme Threat Intel', 'Acme Backup'];
const types = ['guide', 'how-to', 'troubleshooting', 'release-note', 'faq', 'reference'];
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const phrase = (n) => Array.from({ length: n }, () => pick(words)).join(' ');
const now = Date.now();
const threads = Array.from({ length: THREADS }, (_, i) => ({
  id: `t-${String(i).padStart(5, '0')}`, title: `${phrase(6)} #${i}`, excerpt: phrase(30) + '…', category: pick(['mdf', 'sales-enablement', 'technical']),
  tags: [pick(words), pick(words)], author: { id: `p-${i % 40}`, name: `Partner ${i % 40}`, orgName: 'Northwind Networks', avatarUrl: null },
  replyCount: i % 7, score: i % 23, solved: i % 3 === 0, createdAt: new Date(now - i * 60_000).toISOString(), lastActivityAt: new Date(now - i * 60_000).toISOString(),
}));
const articles = Array.from({ length: ARTICLES }, (_, i) => {
  const title = `${phrase(5)} ${i}`;
  return { id: `kb-${i}`, title, snippet: `${title} ${phrase(25)}…`, product: pick(products), contentType: pick(types), updatedAt: new Date(now - i * 3_600_000).toISOString() };
});
const spans = (text, terms) => terms.flatMap((t) => { const k = text.toLowerCase().indexOf(t); return k < 0 ? [] : [{ start: k, length: t.length }]; });
function search(q, limit, offset) {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = [];
  for (const a of articles) {
    const t = a.title.toLowerCase(), s = a.snippet.toLowerCase();
    let score = 0;
    for (const w of terms) score += (t.includes(w) ? 3 : 0) + (s.includes(w) ? 1 : 0);
    if (score) hits.push([score, a]);
  }
  hits.sort((x, y) => y[0] - x[0]);
  const facet = (k) => Object.entries(hits.reduce((m, [, a]) => ((m[a[k]] = (m[a[k]] ?? 0) + 1), m), {})).map(([value, count]) => ({ value, count }));
  const page = hits.slice(offset, offset + limit).map(([, a]) => ({ ...a, highlights: { title: spans(a.title, terms), snippet: spans(a.snippet, terms) } }));
  return { items: page, nextCursor: offset + limit < hits.length ? String(offset + limit) : null, total: hits.length, facets: { product: facet('product'), contentType: facet('contentType') }, moreForSignedIn: false };
}
let lastSearchMs = 0;
function api(req, res) {
  const url = new URL(req.url, 'http://x');
  const json = (body, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 20));
  const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
  if (url.pathname === '/api/v1/threads') {
    return json({ items: threads.slice(offset, offset + limit), nextCursor: offset + limit < threads.length ? String(offset + limit) : null });
  }
  if (url.pathname === '/api/v1/articles/search') {
    const t0 = performance.now();
    const r = search(url.searchParams.get('q') ?? '', limit, offset);
    lastSearchMs = performance.now() - t0;
    return json(r);
  }
  if (url.pathname === '/api/v1/events') { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write(': hi\n\n'); req.on('close', () => res.end()); return; }
  if (url.pathname === '/api/v1/me') return json({ id: null }, 401);
  return json({ title: 'Not Found', status: 404 }, 404);
}

const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script>window.__lt={count:0,total:0};new PerformanceObserver((l)=>{for(const e of l.getEntries()){__lt.count++;__lt.total+=e.duration}}).observe({type:'longtask',buffered:true});</script>
<script type="module" src="/dist/confab.js" data-api="/api"></script></head><body>`;
const pages = {
  '/feed.html': `${head}<confab-forum-feed page-size="50"></confab-forum-feed></body></html>`,
  '/search.html': `${head}<confab-article-search mode="inline"></confab-article-search></body></html>`,
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const srv = await serve({ pages, api });
const origin = srv.origin ?? `http://127.0.0.1:${srv.address?.().port ?? srv.port}`;
const browser = await launch();

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}
const longtasks = (page) => page.evaluate(() => ({ ...window.__lt }));

const results = { feed: [], search: [] };
try {
  for (let run = 0; run < RUNS; run++) {
    // (a) feed paged to THREADS rows.
    {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${origin}/feed.html`);
      const rows = page.locator('confab-forum-feed article');
      await rows.first().waitFor({ timeout: 15000 });
      const heap0 = await heap(page);
      const lt0 = await longtasks(page);
      const t0 = Date.now();
      const more = page.locator('confab-forum-feed [part~="load-more"]');
      let clicks = 0;
      for (;;) {
        const n = await rows.count();
        if (n >= THREADS || clicks > THREADS / 50 + 5) break;
        await more.click({ timeout: 10000 });
        clicks++;
        await page.waitForFunction((want) => document.querySelector('confab-forum-feed').shadowRoot.querySelectorAll('article').length >= want, Math.min(THREADS, n + 50), { timeout: 10000, polling: 'raf' });
      }
      const ms = Date.now() - t0;
      const n = await rows.count();
      const lt = await longtasks(page);
      results.feed.push({ ms, rows: n, clicks, heap0, heap1: await heap(page), ltCount: lt.count - lt0.count, ltTotal: lt.total - lt0.total, ltAll: lt });
      await ctx.close();
    }
    // (b) inline search over ARTICLES.
    {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${origin}/search.html`);
      const input = page.locator('confab-article-search [part~="input"]');
      await input.waitFor({ timeout: 15000 });
      await page.waitForFunction(() => performance.getEntriesByName('confab:article-search:first-content').length > 0, null, { timeout: 15000 }).catch(() => {});
      const heap0 = await heap(page);
      const lt0 = await longtasks(page);
      const q = 'okta gateway';
      await input.click();
      const t0 = Date.now();
      await input.pressSequentially(q, { delay: 30 });
      const typed = Date.now();
      await page.waitForFunction(() => {
        const root = document.querySelector('confab-article-search').shadowRoot;
        return root.querySelectorAll('[part~="option"]').length > 0 && !root.querySelector('[aria-busy="true"]');
      }, null, { timeout: 15000, polling: 'raf' });
      const done = Date.now();
      const n = await page.locator('confab-article-search [part~="option"]').count();
      const lt = await longtasks(page);
      results.search.push({ ms: done - typed, fromFirstKey: done - t0, results: n, serverMs: lastSearchMs, heap0, heap1: await heap(page), ltCount: lt.count - lt0.count, ltTotal: lt.total - lt0.total });
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  await (srv.close?.() ?? srv.stop?.());
}

const f = results.feed, s = results.search;
const m = (xs, k) => median(xs.map((x) => x[k]));
console.log(`\n### Scale in the page (synthetic API; medians of ${RUNS} runs; heap = CDP Runtime.getHeapUsage after forced GC)\n`);
console.log('| scenario | time | rows/results | JS heap before → after | long tasks (count / total) |');
console.log('|---|---|---|---|---|');
console.log(`| feed: ${THREADS} threads, page-size 50, ${m(f, 'clicks')} × "Load more" | ${m(f, 'ms')} ms (first page → ${THREADS} rows) | ${m(f, 'rows')} | ${mb(m(f, 'heap0'))} → ${mb(m(f, 'heap1'))} | ${m(f, 'ltCount')} / ${m(f, 'ltTotal').toFixed(0)} ms |`);
console.log(`| search: ${ARTICLES.toLocaleString('en')} articles, inline, "okta gateway" typed at 30 ms/key | ${m(s, 'ms')} ms after last key (${m(s, 'fromFirstKey')} ms from first key; fake server scoring ${m(s, 'serverMs').toFixed(0)} ms) | ${m(s, 'results')} shown | ${mb(m(s, 'heap0'))} → ${mb(m(s, 'heap1'))} | ${m(s, 'ltCount')} / ${m(s, 'ltTotal').toFixed(0)} ms |`);
