// Hardening: responses slower than the RestBackend timeout, and the outbox surviving a reload.
// The script-tag loader has no timeout setting, so the timeout page uses the library build
// (dist/esm, bundled here with esbuild as a vendor's bundler would) with `new RestBackend({ timeout: 1500 })`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startServer } from './server.mjs';
import { launch } from '../../bench/browser.mjs';
import { startHarness, demoToken, demoUsers, waitForMarks, send, ROOT } from './support/harness.mjs';

const TIMEOUT = 1500;
let server;
let harness;
let browser;
let bundle;
let token;

before(async () => {
  const out = await build({
    entryPoints: [join(ROOT, 'test/e2e/pages/faults-esm.js')], bundle: true, format: 'esm', write: false,
    conditions: ['production'], logLevel: 'silent', target: 'es2022',
  });
  bundle = out.outputFiles[0].text;
  server = await startServer();
  harness = await startHarness({
    api: server.origin,
    async handle(req, res, url) {
      if (url.pathname === '/bundle.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(bundle);
        return true;
      }
      // /slow/<ms>/api/...: the real answer, <ms> late.
      const m = /^\/slow\/(\d+)(\/api\/.*)$/.exec(url.pathname);
      if (m) {
        await new Promise((r) => setTimeout(r, Number(m[1])));
        if (res.destroyed) return true;
        const r = await fetch(server.origin + m[2] + url.search);
        send(res, r.status, await r.text(), { 'content-type': r.headers.get('content-type') ?? 'application/json' });
        return true;
      }
      return false;
    },
  });
  browser = await launch();
  const partner = (await demoUsers(server.origin)).find((u) => u.org && u.tier);
  token = await demoToken(server.origin, partner.id);
});

after(async () => {
  await browser?.close();
  await harness?.stop();
  await server?.stop();
});

test(`answers slower than the timeout (${TIMEOUT} ms): "taking too long" with a retry, not an endless wait`, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const t0 = Date.now();
  await page.goto(`${harness.origin}/pages/faults-esm.html?api=/slow/6000/api&timeout=${TIMEOUT}`);
  const alert = page.locator('confab-forum-feed').getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  const took = Date.now() - t0;
  assert.match(await alert.textContent(), /taking too long/);
  assert.ok(took < 6000, `the error came from the client's timeout (${took} ms), before the 6 s answer`);
  const attempts = harness.log.filter((r) => r.path === '/slow/6000/api/v1/threads' && r.at >= t0).length;
  assert.ok(attempts >= 1 && attempts <= 3, `${attempts} attempts`);
  assert.equal(await page.locator('confab-forum-feed').getByRole('button', { name: 'Try again' }).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('answers slower than usual but within the timeout still show', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${harness.origin}/pages/faults-esm.html?api=/slow/700/api&timeout=${TIMEOUT}`);
  await waitForMarks(page, ['forum-feed']);
  assert.ok((await page.locator('confab-forum-feed article').count()) >= 3);
  assert.equal(await page.locator('confab-forum-feed').getByRole('alert').count(), 0);
  await context.close();
});

test('a thread submitted offline is replayed after a reload, once', async () => {
  const context = await browser.newContext();
  let page = await context.newPage();
  await page.goto(`${harness.origin}/pages/faults.html?token=${encodeURIComponent(token)}`);
  await waitForMarks(page, ['forum-feed']);
  const feed = () => page.locator('confab-forum-feed');
  const title = `Replayed after reload ${Date.now()}`;
  await feed().getByRole('button', { name: 'New thread' }).click();
  await feed().getByLabel('Title').fill(title);
  await feed().getByLabel('Message').fill('Queued, then the tab was closed.');
  await feed().getByLabel('Category').fill('technical');
  await context.setOffline(true);
  await feed().getByRole('button', { name: 'Post thread' }).click();
  await feed().locator('[part~="pending-item"]', { hasText: title }).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500); // the outbox entry is in IndexedDB
  await page.close();
  await context.setOffline(false);
  page = await context.newPage();
  await page.goto(`${harness.origin}/pages/faults.html?token=${encodeURIComponent(token)}`);
  const list = async () => (await (await fetch(`${server.origin}/api/v1/threads?sort=latest&limit=50`)).json()).items.filter((t) => t.title === title);
  for (let i = 0; i < 60 && !(await list()).length; i++) await page.waitForTimeout(500);
  await page.waitForTimeout(1500);
  assert.equal((await list()).length, 1);
  await context.close();
});

test('a draft being typed survives a reload (IndexedDB)', async () => {
  const context = await browser.newContext();
  let page = await context.newPage();
  const url = `${harness.origin}/pages/faults.html?token=${encodeURIComponent(token)}`;
  await page.goto(url);
  await waitForMarks(page, ['forum-feed']);
  const feed = () => page.locator('confab-forum-feed');
  const title = `Draft kept ${Date.now()}`;
  await feed().getByRole('button', { name: 'New thread' }).click();
  await feed().getByLabel('Title').fill(title);
  await feed().getByLabel('Message').fill('Half a thought, then the tab crashed.');
  await page.waitForTimeout(1500); // drafts are saved as they are typed (debounced)
  await page.close();
  page = await context.newPage();
  await page.goto(url);
  await waitForMarks(page, ['forum-feed']);
  await feed().getByRole('button', { name: 'New thread' }).click();
  await feed().getByLabel('Title').waitFor({ timeout: 20_000 });
  assert.equal(await feed().getByLabel('Title').inputValue(), title);
  assert.equal(await feed().getByLabel('Message').inputValue(), 'Half a thought, then the tab crashed.');
  await context.close();
});
