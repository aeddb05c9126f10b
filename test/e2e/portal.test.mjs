// The demo portal end to end: real server (PGlite), real bundles, real Chromium, driven through the UI
// the way a partner would; results are checked through the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';
import { eventually } from './support/eventually.mjs';

const { openPortal: open, api, origin } = usePortal();
// Every portal test here also fails on console errors, not only page errors.
const openPortal = (o = {}) => open({ ...o, console: true });
/** The items of an API list with this title, or null while there are none. */
const titled = async (path, title) => {
  const mine = (await api(path)).items.filter((i) => i.title === title);
  return mine.length ? mine : null;
};

test('the portal shows all four elements with content, without errors', async () => {
  const { page, context, problems } = await openPortal();
  for (const tag of ['forum-feed', 'qa-box', 'article-search', 'cert-badge']) {
    await page.waitForFunction((t) => performance.getEntriesByName(`confab:${t}:first-content`).length > 0, tag, { timeout: 20000 });
  }
  const feedRows = await page.locator('confab-forum-feed article').count();
  assert.ok(feedRows >= 5, `feed shows threads (${feedRows})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the server as `npm start` runs it (main.ts) keeps idle connections 65 s and tells clients so (server/src/listen.ts)', async () => {
  // A server closing an idle connection just as a client reuses it resets that request: main.ts must
  // serve through listen(), whose keep-alive outlasts the clients' (test/server/listen.test.ts).
  const r = await fetch(`${origin()}/api/health`);
  await r.arrayBuffer();
  assert.equal(r.headers.get('keep-alive'), 'timeout=65');
});

test('a signed-in partner posts a thread through the UI and the API has exactly one', async () => {
  const users = await api('/demo/users');
  const partner = users.find((u) => u.org && u.tier);
  const { page, context, problems } = await openPortal({ user: partner.id });
  const feed = page.locator('confab-forum-feed');
  await feed.getByRole('button', { name: 'New thread' }).click();
  const title = `E2E thread ${Date.now()}`;
  await feed.getByLabel('Title').fill(title);
  await feed.getByLabel('Message').fill('Posted by the **end-to-end** test.');
  await feed.getByLabel('Category').fill('technical');
  await feed.getByRole('button', { name: 'Post thread' }).click();
  const mine = await eventually(() => titled('/v1/threads?sort=latest&limit=50', title), `the thread "${title}" in the API`);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].author.id, partner.id);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the knowledge-base search finds an article by its title', async () => {
  const { page, context } = await openPortal();
  const search = page.locator('confab-article-search');
  const probe = await api('/v1/articles/search?q=gateway&limit=1');
  const wanted = probe.items[0].title;
  await search.getByRole('combobox').fill(wanted);
  await search.getByRole('option').first().waitFor({ timeout: 15000 });
  const first = await search.getByRole('option').first().textContent();
  assert.ok(first.includes(wanted), `first option "${first}" names "${wanted}"`);
  await context.close();
});

test('a signed-in partner asks a question through the UI and the API has exactly one', async () => {
  const users = await api('/demo/users');
  const partner = users.filter((u) => u.org && u.tier)[1];
  const { page, context, problems } = await openPortal({ user: partner.id });
  const qa = page.locator('confab-qa-box');
  const title = `How do I renew a lapsed partner certification ${Date.now()}?`;
  await qa.getByRole('combobox', { name: 'Your question' }).or(qa.getByLabel('Your question')).first().fill(title);
  await qa.getByRole('textbox', { name: 'Details' }).fill('Our certification lapsed last week; what is the fastest path back?');
  await qa.getByRole('button', { name: 'Post your question' }).click();
  const mine = await eventually(() => titled('/v1/questions?sort=latest&limit=50', title), `the question "${title}" in the API`);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].author.id, partner.id);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a certification issued by the reference server verifies in the browser', async () => {
  const { page, context } = await openPortal();
  const badge = page.locator('confab-cert-badge');
  await badge.getByRole('button', { name: 'Verify' }).first().click();
  const verdict = badge.getByText(/^Verified/).first();
  await verdict.waitFor({ timeout: 20000 });
  assert.match(await verdict.textContent(), /Verified/);
  await context.close();
});

test('at phone width (390 px) every demo page fits: no sideways scroll, the dark-mode toggle on screen and working', async () => {
  for (const path of ['/', '/moderation.html', '/insights.html', '/spa.html', '/classic.html']) {
    const { page, context, problems } = await openPortal({ path, viewport: { width: 390, height: 800 } });
    const toggle = page.locator('#theme-toggle');
    await toggle.waitFor();
    // The widest the page gets while its elements load and render (every frame for 2 s): measured once
    // when the toggle appeared, a table that widened the page a moment later went unseen.
    const fit = await page.evaluate(async () => {
      let scrollWidth = 0;
      for (const end = performance.now() + 2000; performance.now() < end; await new Promise(requestAnimationFrame)) {
        scrollWidth = Math.max(scrollWidth, document.documentElement.scrollWidth);
      }
      const r = document.querySelector('#theme-toggle').getBoundingClientRect();
      return { scrollWidth, left: r.left, right: r.right };
    });
    assert.ok(fit.scrollWidth <= 390, `${path}: page is ${fit.scrollWidth} px wide`);
    assert.ok(fit.left >= 0 && fit.right <= 390, `${path}: toggle at ${fit.left}-${fit.right} px`);
    await toggle.click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('every demo page has the one shared header and sidebar: switcher, dark-mode toggle, bell, the page marked current', async () => {
  const pages = { '/': 'Community', '/moderation.html': 'Moderation', '/insights.html': 'Insights (program staff)', '/spa.html': 'Single-page app demo', '/classic.html': 'Classic-script demo' };
  for (const [path, current] of Object.entries(pages)) {
    const { page, context, problems } = await openPortal({ path });
    await page.locator('#theme-toggle').waitFor();
    const chrome = await page.evaluate(() => ({
      headers: document.querySelectorAll('header.topbar').length,
      signin: !!document.querySelector('header #signin'),
      bell: !!document.querySelector('header confab-notifications'),
      sidebar: [...document.querySelectorAll('aside.sidebar a')].map((a) => a.textContent),
      // The whole document, not only the sidebar: one link, and only one, is the current page (the
      // single-page app's own view links mark the current view, inside their nav).
      current: [...document.querySelectorAll('a[aria-current="page"]')].filter((a) => !a.closest('nav[data-chrome-nav]')).map((a) => a.textContent),
    }));
    assert.deepEqual(chrome, {
      headers: 1, signin: true, bell: true, current: [current],
      sidebar: ['Community', 'Moderation', 'Insights (program staff)', 'Community on Discourse', 'Single-page app demo', 'Classic-script demo'],
    }, path);
    // The switcher is wired on every page: the demo users are listed.
    await page.waitForFunction(() => document.querySelectorAll('#signin option').length > 1, undefined, { timeout: 20000 });
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('the "Sign in as" switcher: the elements follow sign-in, a partner switch and sign-out without a reload', async () => {
  const users = await api('/demo/users');
  const [a, b] = users.filter((u) => u.org && u.tier);
  const { page, context, problems } = await openPortal();
  // A reload would drop this marker: the elements must follow without one.
  await page.evaluate(() => (window.__sameDocument = true));
  const qa = page.locator('confab-qa-box');
  const feed = page.locator('confab-forum-feed');
  await qa.getByRole('button', { name: 'Sign in to ask' }).waitFor({ timeout: 20000 });
  await page.selectOption('#signin', a.id);
  await qa.getByText(`Posting as ${a.name}`).waitFor({ timeout: 20000 });
  await feed.getByRole('button', { name: 'New thread' }).click();
  await feed.getByLabel('Title').waitFor({ timeout: 20000 });
  await page.selectOption('#signin', b.id);
  await qa.getByText(`Posting as ${b.name}`).waitFor({ timeout: 20000 });
  assert.equal(await qa.getByText(`Posting as ${a.name}`).count(), 0);
  await page.selectOption('#signin', '');
  await qa.getByRole('button', { name: 'Sign in to ask' }).waitFor({ timeout: 20000 });
  assert.equal(await qa.getByText('Posting as').count(), 0);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload happened');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the loader preloads every chunk of each element on the page at once (modulepreload), and no script is fetched twice', async () => {
  const { page, context, problems } = await openPortal();
  for (const tag of ['forum-feed', 'qa-box', 'article-search', 'cert-badge']) {
    await page.waitForFunction((t) => performance.getEntriesByName(`confab:${t}:first-content`).length > 0, tag, { timeout: 20000 });
  }
  const { preloads, scripts } = await page.evaluate(() => ({
    preloads: [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => new URL(l.href).pathname),
    scripts: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')),
  }));
  // Boot's graph (the core chunk) and each element's own first chunk are asked for up front.
  for (const chunk of ['core', 'forum-feed', 'qa-box', 'article-search', 'cert-badge']) {
    assert.ok(preloads.some((p) => p.startsWith(`/dist/chunks/${chunk}-`)), `${chunk} preloaded: ${preloads.join(' ')}`);
  }
  // So are the contract chunks boot starts for them (FIRST_CALLS in src/boot.ts: the groups with a chunk of
  // their own; `me` is in core): without them an element's first request waited for its schemas.
  for (const group of ['threads', 'questions', 'articles', 'certifications']) {
    assert.ok(preloads.some((p) => p.startsWith(`/dist/chunks/contract-${group}-`)), `contract-${group} preloaded: ${preloads.join(' ')}`);
  }
  assert.equal(new Set(preloads).size, preloads.length, 'each chunk preloaded once');
  // The import() of a preloaded chunk reuses the preload: had the two requests differed (credentials
  // mode, URL), the browser would have fetched the chunk a second time.
  const twice = scripts.filter((p, i) => scripts.indexOf(p) !== i);
  assert.deepEqual(twice, [], 'no script fetched twice');
  for (const p of preloads) assert.ok(scripts.includes(p), `${p} fetched`);
  // Chunks are named by their content: a returning visitor keeps them. The loader's name never changes.
  const chunk = await page.request.get(`${new URL(page.url()).origin}${preloads[0]}`);
  assert.equal(chunk.headers()['cache-control'], 'public, max-age=31536000, immutable');
  const loader = await page.request.get(`${new URL(page.url()).origin}/dist/confab.js`);
  assert.equal(loader.headers()['cache-control'], 'no-cache');
  // ...and it carries a validator, so a returning visitor revalidates it (a 304) instead of downloading it.
  assert.ok(loader.headers().etag, 'the loader has an ETag');
  // The loader opens the cache database while the modules load (the first visit creates it there):
  // it must create the store core/cache.ts reads and writes, or every cache access would fail.
  const stores = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('confab');
        open.onsuccess = () => (resolve([...open.result.objectStoreNames]), open.result.close());
      }),
  );
  assert.deepEqual(stores, ['cache']);
  assert.deepEqual(problems, []);
  await context.close();
});
