// Hardening: every vector of the XSS corpus (test/fixtures/xss-vectors.json) posted through the real
// API as a reply, so one thread view renders the whole corpus as Markdown bodies through core/markdown
// (ARCHITECTURE "Embedding facts": sanitising is a security boundary). Authors are rewritten by the
// loopback server to carry vectors as names and orgs. Titles and tags: hardening-xss.test.mjs.
//
// Each view asserts: the canary (window.__confabPwned, also set by a postMessage from an opaque frame)
// stays unset; no active element, on* attribute or script URL is in any Confab shadow root; no request
// leaves for a foreign origin, except images named by `bodyAllowsRequest` vectors inside Markdown bodies
// (aborted and recorded, never executed); plain-text fields show the payload literally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForMarks } from './support/harness.mjs';
import { pool, useXssFixture, clickWhileThere, assertBodiesSafe, scrollImagesIn } from './support/xss.mjs';

let vectors;
let thread;

const { open } = useXssFixture({
  realServer: true,
  async seed({ vectors: corpus, post }) {
    vectors = corpus;
    thread = await post('/v1/threads', { title: 'Every vector as a reply body', body: 'The replies below are the XSS corpus.', category: 'xss-bodies' });
    await pool(vectors.filter((v) => v.payload.trim()), 6, (v) => post(`/v1/threads/${thread.id}/posts`, { body: v.payload }));
  },
});

test('thread view: every vector as a Markdown reply body; nothing runs, no active content, only allowed body images request', async () => {
  const { context, page, guard, problems } = await open('show=feed&category=xss-bodies');
  await waitForMarks(page, ['forum-feed']);
  const feed = page.locator('confab-forum-feed');
  guard.phase.name = 'bodies';
  await feed.getByRole('button', { name: 'Every vector as a reply body' }).click();
  await feed.getByRole('button', { name: 'Back to threads' }).waitFor({ timeout: 20_000 });
  // By part, not by name: while a page loads the button reads "Loading…".
  const more = feed.locator('[part~="load-more"]');
  const replies = feed.locator('li[part~="post"]');
  // More replies than one page: the button shows once the first page is in.
  await feed.getByRole('button', { name: 'Load more replies' }).waitFor({ timeout: 20_000 });
  await clickWhileThere(more, replies);
  assert.equal(await more.count(), 0, 'every page of replies is in');
  assert.ok((await replies.count()) >= vectors.filter((v) => v.payload.trim()).length, 'every vector reply is shown');
  // The Markdown renderer is a lazy chunk; bodies show as plain text until it is in.
  await feed.locator('.thread-body p', { hasText: 'The replies below are the XSS corpus.' }).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1500);
  const text = await page.evaluate(() => document.querySelector('confab-forum-feed').shadowRoot.textContent);
  assert.ok(text.includes('The replies below are the XSS corpus.'), 'the first post rendered');
  // Body images are loading="lazy": bring each into view until it has asked, so every one that survived sanitising asks.
  const images = await scrollImagesIn(page, 'confab-forum-feed');
  await assertBodiesSafe(page, guard, vectors, { images });
  assert.deepEqual(problems, []);
  await context.close();
});
