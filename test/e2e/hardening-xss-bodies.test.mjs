// Hardening: every vector of the XSS corpus (test/fixtures/xss-vectors.json) posted through the real
// API as a reply, so one thread view renders the whole corpus as Markdown bodies through core/markdown
// (ARCHITECTURE "Embedding facts": sanitising is a security boundary). Authors are rewritten by the
// loopback server to carry vectors as names and orgs. Titles and tags: hardening-xss.test.mjs.
//
// Each view asserts: the canary (window.__confabPwned, also set by a postMessage from an opaque frame)
// stays unset; no active element, on* attribute or script URL is in any Confab shadow root; no request
// leaves for a foreign origin, except images named by `bodyAllowsRequest` vectors inside Markdown bodies
// (aborted and recorded, never executed); plain-text fields show the payload literally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch } from '../../bench/browser.mjs';
import { startHarness, demoToken, demoUsers, waitForMarks } from './support/harness.mjs';
import { loadVectors, guardForeignRequests, installCanary, pwned, auditDom, allowedBodyRequest, hoverAll } from './support/xss.mjs';

let vectors;
let server;
let harness;
let browser;
let thread;

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }));
  return out;
}

const at = (i) => vectors[((i % vectors.length) + vectors.length) % vectors.length].payload;
// Every `author` of a proxied response gets vectors as name and org name.
let nameCounter = 0;
function rewriteAuthors(node) {
  if (Array.isArray(node)) node.forEach(rewriteAuthors);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'author' && v && typeof v === 'object' && 'name' in v) {
        v.name = at(nameCounter++);
        v.orgName = at(nameCounter++);
      } else rewriteAuthors(v);
    }
  }
  return node;
}

before(async () => {
  vectors = await loadVectors();
  server = await startServer({ CONFAB_RATE_LIMIT: '1000000' });
  harness = await startHarness({ api: server.origin, rewrite: (url, json) => rewriteAuthors(json) });
  browser = await launch();
  const partner = (await demoUsers(server.origin)).find((u) => u.org && u.tier);
  const token = await demoToken(server.origin, partner.id);
  const post = async (path, body) => {
    const r = await fetch(`${server.origin}/api${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `POST ${path} ${JSON.stringify(body).slice(0, 200)}: HTTP ${r.status} ${text}`);
    return JSON.parse(text);
  };
  thread = await post('/v1/threads', { title: 'Every vector as a reply body', body: 'The replies below are the XSS corpus.', category: 'xss-bodies' });
  await pool(vectors.filter((v) => v.payload.trim()), 6, (v) => post(`/v1/threads/${thread.id}/posts`, { body: v.payload }));
});

after(async () => {
  await browser?.close();
  await harness?.stop();
  await server?.stop();
});

test('thread view: every vector as a Markdown reply body; nothing runs, no active content, only allowed body images request', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const guard = await guardForeignRequests(context, [harness.origin]);
  const page = await context.newPage();
  await installCanary(page);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${harness.origin}/pages/xss.html?show=feed&category=xss-bodies`);
  await waitForMarks(page, ['forum-feed']);
  const feed = page.locator('confab-forum-feed');
  guard.phase.name = 'bodies';
  await feed.getByRole('button', { name: 'Every vector as a reply body' }).click();
  await feed.getByRole('button', { name: 'Back to threads' }).waitFor({ timeout: 20_000 });
  const more = feed.getByRole('button', { name: 'Load more replies' });
  // More replies than one page: the button shows once the first page is in.
  await more.waitFor({ timeout: 20_000 });
  for (let i = 0; i < 40 && (await more.count()); i++) {
    await more.click().catch(() => undefined);
    await page.waitForTimeout(250);
  }
  assert.equal(await more.count(), 0, 'every page of replies is in');
  await page.waitForTimeout(1500);
  const text = await page.evaluate(() => document.querySelector('confab-forum-feed').shadowRoot.textContent);
  assert.ok(text.includes('The replies below are the XSS corpus.'), 'the first post rendered');
  // Body images are loading="lazy": bring each into view so every one that survived sanitising asks.
  const images = await page.evaluate(async () => {
    const imgs = [...document.querySelector('confab-forum-feed').shadowRoot.querySelectorAll('img')];
    for (const img of imgs) {
      img.scrollIntoView();
      await new Promise((r) => setTimeout(r, 30));
    }
    return imgs.map((i) => i.getAttribute('src'));
  });
  await hoverAll(page);
  await page.waitForTimeout(800);
  assert.equal(await pwned(page), null, 'canary');
  assert.deepEqual(await auditDom(page), []);
  const allowed = allowedBodyRequest(vectors);
  assert.deepEqual(guard.foreign.filter((r) => !allowed(r)), [], 'only Markdown body images of bodyAllowsRequest vectors may ask for a foreign origin');
  // Positive control for the guard: the allowed body images did ask, and were recorded and aborted.
  for (let i = 0; i < 25 && !guard.foreign.some(allowed); i++) await page.waitForTimeout(200);
  assert.ok(guard.foreign.some(allowed), `the guard saw the allowed body images (${guard.foreign.length} recorded; images: ${JSON.stringify(images)})`);
  assert.deepEqual(problems, []);
  await context.close();
});
