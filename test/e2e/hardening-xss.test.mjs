// Hardening: the XSS corpus (test/fixtures/xss-vectors.json) through the forum feed, in Chromium
// against the real server (ARCHITECTURE "Embedding facts": the widgets run in the vendor's origin, so
// sanitising is a security boundary).
//
// Through the API (demo tokens): thread titles, thread bodies (the first post) and tags. The API has no
// way to set display names or org names, so the loopback server rewrites every `author` in proxied API
// responses to carry vectors as name and org. Reply bodies: hardening-xss-bodies; Q&A:
// hardening-xss-qa; article content and badge names (no API to write them): hardening-xss-fake.
//
// Each view asserts: the canary (window.__confabPwned, also set by a postMessage from an opaque frame)
// stays unset; no active element, on* attribute or script URL is in any Confab shadow root; no request
// leaves for a foreign origin, except images named by `bodyAllowsRequest` vectors inside Markdown bodies
// (aborted and recorded, never executed); plain-text fields show the payload literally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForMarks } from './support/harness.mjs';
import { fitsTitle, fitsTag, pwned, auditDom, allowedBodyRequest, hoverAll, pool, useXssFixture, clickWhileThere } from './support/xss.mjs';

let vectors;
const threads = []; // { id, title, vector }

const { open } = useXssFixture({
  realServer: true,
  async seed({ vectors: corpus, post }) {
    vectors = corpus;
    // Tags: the short vectors, five per thread, until all are used.
    const tagPool = vectors.filter((v) => fitsTag(v.payload)).map((v) => v.payload);
    const titled = vectors.filter((v) => fitsTitle(v.payload));
    const created = await pool(titled, 6, (v, i) =>
      post('/v1/threads', { title: v.payload, body: v.payload, category: 'xss', tags: [...new Set(tagPool.slice(i * 5, i * 5 + 5).map((t) => t.trim()))] }));
    created.forEach((t, i) => threads.push({ id: t.id, title: t.title, vector: titled[i] }));
  },
});

test('the corpus was posted through the API as thread titles, bodies and tags', () => {
  assert.ok(vectors.length >= 150, `${vectors.length} vectors`);
  assert.ok(threads.length >= 150, `${threads.length} threads with vector titles`);
});

test('feed list: vector titles, excerpts, tags and author/org names render as text; nothing runs; no request', async () => {
  const { context, page, guard, problems } = await open('show=feed&category=xss');
  guard.phase.name = 'feed-list';
  await waitForMarks(page, ['forum-feed']);
  const feed = page.locator('confab-forum-feed');
  const more = feed.locator('[part~="load-more"]');
  await clickWhileThere(more, feed.locator('article[data-id]'));
  assert.equal(await more.count(), 0, 'every page of threads is in');
  const rows = await feed.locator('article[data-id]').count();
  assert.ok(rows >= threads.length, `${rows} rows for ${threads.length} vector threads`);
  const titles = await page.evaluate(() => [...document.querySelector('confab-forum-feed').shadowRoot.querySelectorAll('article h3 bdi')].map((b) => b.textContent));
  const shown = new Set(titles);
  const missing = threads.filter((t) => !shown.has(t.title)).map((t) => t.vector.id);
  assert.deepEqual(missing, [], 'every title shows literally as its text');
  await hoverAll(page);
  await page.waitForTimeout(500);
  assert.equal(await pwned(page), null, 'canary');
  assert.deepEqual(await auditDom(page), []);
  assert.deepEqual(guard.foreign, [], 'titles, excerpts, tags and names never cause a request');
  assert.deepEqual(problems, []);
  await context.close();
});

test('opened vector threads: the title heading is literal text, the vector body is sanitised; nothing runs', async () => {
  const { context, page, guard, problems } = await open('show=feed&category=xss');
  await waitForMarks(page, ['forum-feed']);
  const feed = page.locator('confab-forum-feed');
  const allowed = allowedBodyRequest(vectors);
  // The vectors that ran when written straight into a page (positive controls), on the first page of the feed.
  const present = new Set(await page.evaluate(() => [...document.querySelector('confab-forum-feed').shadowRoot.querySelectorAll('article[data-id]')].map((a) => a.dataset.id)));
  const live = threads.filter((t) => t.vector.liveUnsanitised && present.has(t.id)).slice(0, 15);
  assert.ok(live.length >= 5, `${live.length} live vectors to open`);
  for (const t of live) {
    guard.phase.name = `thread ${t.vector.id}`;
    await page.evaluate((id) => document.querySelector('confab-forum-feed').shadowRoot.querySelector(`article[data-id="${id}"] .title-link`).click(), t.id);
    const back = feed.getByRole('button', { name: 'Back to threads' });
    await back.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => !document.querySelector('confab-forum-feed').shadowRoot.querySelector('[aria-busy="true"]'), null, { timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.querySelector('confab-forum-feed').shadowRoot.querySelector('.thread-title bdi')?.textContent), t.title, `${t.vector.id}: the heading is the literal title`);
    await hoverAll(page);
    assert.equal(await pwned(page), null, `canary after ${t.vector.id}`);
    assert.deepEqual(await auditDom(page), [], `DOM after ${t.vector.id}`);
    await back.click();
    await feed.locator('article').first().waitFor({ timeout: 20_000 });
  }
  assert.deepEqual(guard.foreign.filter((r) => !allowed(r)), []);
  assert.deepEqual(problems, []);
  await context.close();
});
