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
import { eventually } from './support/eventually.mjs';

const TIMEOUT = 1500;
// Far slower than TIMEOUT and than ky's 10 s default, so only the configured timeout can end the wait in time.
const NEVER = 30_000;
// The "slow but within the timeout" case: a generous timeout, so the harness, PGlite and a loaded
// browser have seconds to spare around the slowed answer.
const WIDE_TIMEOUT = 5000;
const SLOW = 1000;
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
  // Chromium starts while the server does (assigned when up, so after() closes it either way).
  const launching = launch().then((b) => (browser = b));
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
        // Give up early when the client does (its timeout aborts the request) or the harness stops.
        let closed = false;
        await new Promise((r) => {
          const timer = setTimeout(r, Number(m[1]));
          res.on('close', () => {
            closed = true;
            clearTimeout(timer);
            r();
          });
        });
        if (closed || res.destroyed) return true;
        const r = await fetch(server.origin + m[2] + url.search);
        send(res, r.status, await r.text(), { 'content-type': r.headers.get('content-type') ?? 'application/json' });
        return true;
      }
      return false;
    },
  });
  await launching;
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
  await page.goto(`${harness.origin}/pages/faults-esm.html?api=/slow/${NEVER}/api&timeout=${TIMEOUT}`);
  const alert = page.locator('confab-forum-feed').getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  const shownAt = Date.now();
  assert.match(await alert.textContent(), /taking too long/);
  const threadRequests = harness.log.filter((r) => r.path === `/slow/${NEVER}/api/v1/threads` && r.at >= t0);
  assert.ok(threadRequests.length >= 1, 'the feed asked for its threads');
  // From the first request, not from page.goto: loading the page and the bundle is not the wait.
  const took = shownAt - threadRequests[0].at;
  assert.ok(took < 8000, `the error came from the configured ${TIMEOUT} ms timeout (${took} ms after the request), not ky's 10 s default, long before the ${NEVER / 1000} s answer`);
  const attempts = threadRequests.length;
  assert.ok(attempts >= 1 && attempts <= 3, `${attempts} attempts`);
  assert.equal(await page.locator('confab-forum-feed').getByRole('button', { name: 'Try again' }).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('answers slower than usual but within the timeout still show', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${harness.origin}/pages/faults-esm.html?api=/slow/${SLOW}/api&timeout=${WIDE_TIMEOUT}`);
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
  const body = 'Half a thought, then the tab crashed.';
  await feed().getByLabel('Message').fill(body);
  // Drafts are saved as they are typed (debounced): wait until IndexedDB holds this one.
  await eventually(async () => (await draftValues(page)).some((d) => d.title === title && d.body === body), 'the draft in IndexedDB', { timeout: 20_000 });
  await page.close();
  page = await context.newPage();
  await page.goto(url);
  await waitForMarks(page, ['forum-feed']);
  await feed().getByRole('button', { name: 'New thread' }).click();
  await feed().getByLabel('Title').waitFor({ timeout: 20_000 });
  // The form opens first; the draft is read from IndexedDB after.
  const fields = async () => [await feed().getByLabel('Title').inputValue(), await feed().getByLabel('Message').inputValue()];
  await eventually(async () => (await fields())[0] === title, 'the restored draft title', { timeout: 20_000 }).catch(() => undefined);
  assert.deepEqual(await fields(), [title, body]);
  await context.close();
});

/**
 * The new-thread drafts in the page's IndexedDB (the confab-drafts database's values, parsed), read
 * without creating the database when it is not there yet.
 */
function draftValues(page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'confab-drafts')) return [];
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('confab-drafts');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    try {
      if (!db.objectStoreNames.contains('drafts')) return [];
      const values = await new Promise((res, rej) => {
        const r = db.transaction('drafts').objectStore('drafts').getAll();
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      return values.flatMap((v) => {
        try {
          return [JSON.parse(typeof v === 'string' ? v : v.text)];
        } catch {
          return [];
        }
      });
    } finally {
      db.close();
    }
  });
}
