// Hardening: two copies of the loader on one page, one of them another version (ARCHITECTURE
// "Embedding facts": two copies or versions must not crash; define() checks the registry first).
// /dist2/ serves the same build patched to look like another version (its feed heading reads
// "Discussions v2"), so the two are separate module instances with separate element classes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { build } from 'esbuild';
import { startServer } from './server.mjs';
import { launch } from '../../bench/browser.mjs';
import { startHarness, waitForMarks, ROOT } from './support/harness.mjs';
import { eventually } from './support/eventually.mjs';

const TAGS = ['confab-forum-feed', 'confab-qa-box', 'confab-article-search', 'confab-cert-badge', 'confab-provider'];
let server;
let harness;
let browser;

before(async () => {
  const bundled = (await build({ entryPoints: [join(ROOT, 'test/e2e/pages/copies-esm.js')], bundle: true, format: 'esm', write: false,
    conditions: ['production'], logLevel: 'silent', target: 'es2022' })).outputFiles[0].text;
  // Chromium starts while the server does (assigned when up, so after() closes it either way).
  const launching = launch().then((b) => (browser = b));
  server = await startServer();
  harness = await startHarness({
    api: server.origin,
    async handle(req, res, url) {
      if (url.pathname === '/bundle-copies.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(bundled);
        return true;
      }
      if (!url.pathname.startsWith('/dist2/')) return false;
      const rel = normalize(url.pathname.slice('/dist2/'.length));
      if (rel.startsWith('..')) return false;
      let text;
      try {
        text = await readFile(join(ROOT, 'dist', rel), 'utf8');
      } catch {
        return false;
      }
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(rel.endsWith('.js') ? text.replaceAll('"Discussions"', '"Discussions v2"').replaceAll("'Discussions'", "'Discussions v2'").replaceAll('`Discussions`', '`Discussions v2`') : text);
      return true;
    },
  });
  await launching;
});

after(async () => {
  await browser?.close();
  await harness?.stop();
  await server?.stop();
});

async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await context.newPage();
  const warnings = [];
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(harness.origin + path);
  return { context, page, warnings, problems };
}

const warningsFor = (warnings, tag) => warnings.filter((w) => w.includes('[confab]') && w.includes(`<${tag}>`));

/**
 * Console messages reach Node asynchronously: waits until every tag has its warning, then a little
 * longer so that a second warning for a tag would be in too (the callers assert exactly one).
 */
async function warnedForEveryTag(page, warnings) {
  await eventually(() => TAGS.every((t) => warningsFor(warnings, t).length >= 1), 'a [confab] warning for every tag', { timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(1000);
}

test('the second copy is patched to look like another version', async () => {
  const r = await fetch(`${harness.origin}/dist2/confab.js`);
  assert.equal(r.status, 200);
  const chunks = (await (await fetch(`${harness.origin}/dist/confab.js`)).text()).match(/chunks\/forum-feed-[\w-]+\.js/);
  assert.ok(chunks, 'the loader names the forum-feed chunk');
  const v2 = await (await fetch(`${harness.origin}/dist2/${chunks[0]}`)).text();
  assert.match(v2, /Discussions v2/, 'the patch took');
});

test('two copies loaded together: no exception, one definition per tag, each other copy warns once', async () => {
  const { context, page, warnings, problems } = await open('/pages/copies-together.html');
  await waitForMarks(page, ['forum-feed', 'qa-box', 'article-search', 'cert-badge']);
  // Both loaders have fetched and run their element chunks by the time every chunk of both is in.
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => /\/dist2\/chunks\/(forum-feed|qa-box|article-search|cert-badge|provider)-/.test(e.name)).length >= 5, null, { timeout: 30_000 });
  await warnedForEveryTag(page, warnings);
  for (const tag of TAGS) {
    assert.equal(await page.evaluate((t) => typeof customElements.get(t), tag), 'function', `${tag} is defined`);
    assert.equal(warningsFor(warnings, tag).length, 1, `exactly one [confab] warning for <${tag}>: ${JSON.stringify(warnings)}`);
  }
  // One definition per tag, so every instance is the same class (the heading is one version's).
  const heading = await page.locator('confab-forum-feed h2').first().textContent();
  assert.match(heading.trim(), /^Discussions( v2)?$/);
  assert.ok((await page.locator('confab-forum-feed article').count()) >= 3, 'the feed shows threads');
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a second copy arriving after the first has defined everything: the first wins, the second warns once per tag', async () => {
  const { context, page, warnings, problems } = await open('/pages/copies-late.html');
  await waitForMarks(page, ['forum-feed', 'qa-box', 'article-search', 'cert-badge']);
  assert.equal(await page.evaluate((tags) => (window.__firstCtors = tags.map((t) => customElements.get(t))).every(Boolean), TAGS), true);
  await page.evaluate(() => window.__addSecondCopy());
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => /\/dist2\/chunks\/(forum-feed|qa-box|article-search|cert-badge|provider)-/.test(e.name)).length >= 5, null, { timeout: 30_000 });
  await warnedForEveryTag(page, warnings);
  for (const tag of TAGS) assert.equal(warningsFor(warnings, tag).length, 1, `exactly one [confab] warning for <${tag}>: ${JSON.stringify(warnings)}`);
  // The first copy's definitions stayed: same constructors, and its (unpatched) heading.
  assert.equal(await page.evaluate((tags) => tags.every((t, i) => customElements.get(t) === window.__firstCtors[i]), TAGS), true);
  assert.equal((await page.locator('confab-forum-feed h2').first().textContent()).trim(), 'Discussions');
  // New elements added now upgrade with the first definition and render, and nothing warns again.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<confab-forum-feed id="late" page-size="3"></confab-forum-feed>'));
  await page.locator('#late article').first().waitFor({ timeout: 20_000 });
  assert.equal((await page.locator('#late h2').textContent()).trim(), 'Discussions');
  await page.waitForTimeout(500);
  for (const tag of TAGS) assert.equal(warningsFor(warnings, tag).length, 1, `still one warning for <${tag}>`);
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bundled copy registered under the embedder\'s own tag (ConfabForumFeed.define(\'acme-feed\')) lives beside the loader\'s copy', async () => {
  const { context, page, warnings, problems } = await open('/pages/copies-esm.html');
  await page.locator('confab-forum-feed article').first().waitFor({ timeout: 30_000 });
  await page.locator('acme-feed article').first().waitFor({ timeout: 30_000 });
  const same = await page.evaluate(() => customElements.get('acme-feed') === window.__bundledFeed && customElements.get('confab-forum-feed') !== window.__bundledFeed);
  assert.equal(same, true, 'each tag has its own copy\'s class');
  assert.deepEqual(warnings.filter((w) => w.includes('[confab]')), [], 'no warning: nothing was defined twice by different copies');
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  assert.deepEqual(problems, []);
  await context.close();
});
