// Hardening: all four elements under a strict Content-Security-Policy with Trusted Types enforced
// (ARCHITECTURE "Embedding facts": strict CSP and require-trusted-types-for 'script' hold with zero
// violations). The page is served by a loopback server that also serves dist/ and proxies /api to the
// reference server, so everything is same-origin ('self').
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch } from '../../bench/browser.mjs';
import { startHarness, demoToken, demoUsers, waitForMarks } from './support/harness.mjs';

const CSP = "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types confab lit-html";

let server;
let harness;
let browser;
let token;
const title = `CSP Markdown thread ${Date.now()}`;

before(async () => {
  // Chromium starts while the server does (assigned when up, so after() closes it either way).
  const launching = launch().then((b) => (browser = b));
  server = await startServer();
  harness = await startHarness({ api: server.origin, csp: CSP });
  await launching;
  const partner = (await demoUsers(server.origin)).find((u) => u.org && u.tier);
  token = await demoToken(server.origin, partner.id);
  // A thread whose body uses most of the Markdown the sanitiser allows.
  const body = [
    '## Steps', '', 'Use **bold**, _emphasis_, `code` and a [link](https://example.com/docs).', '',
    '1. one', '2. two', '', '> quoted', '', '```js', 'const x = 1;', '```', '', '| a | b |', '|---|---|', '| 1 | 2 |',
  ].join('\n');
  const r = await fetch(`${server.origin}/api/v1/threads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title, body, category: 'technical', tags: ['csp'] }),
  });
  assert.ok(r.ok, `create thread: HTTP ${r.status} ${await r.text()}`);
});

after(async () => {
  await browser?.close();
  await harness?.stop();
  await server?.stop();
});

// One visit does everything; the tests below judge what it recorded.
let visit;
async function browse() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Chromium also logs each violation on the console: a second witness besides the event.
  page.on('console', (m) => {
    if (/Content Security Policy|Trusted Type/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  const response = await page.goto(`${harness.origin}/pages/csp.html?token=${encodeURIComponent(token)}`);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the page is really served with the strict policy');
  assert.equal(await page.evaluate(() => typeof window.trustedTypes?.createPolicy), 'function');

  await waitForMarks(page, ['forum-feed', 'qa-box', 'article-search', 'cert-badge']);

  // Open the Markdown thread: the body goes through core/markdown (marked + DOMPurify + Trusted Types).
  const feed = page.locator('confab-forum-feed');
  await feed.getByRole('button', { name: title }).click();
  await feed.locator('strong', { hasText: 'bold' }).first().waitFor({ timeout: 20_000 });
  assert.equal(await feed.locator('table td', { hasText: '2' }).count() > 0, true, 'the Markdown table rendered');
  assert.equal(await feed.locator('a[href="https://example.com/docs"]').count(), 1, 'the Markdown link rendered');

  // Search and open an article (the reader renders its Markdown body too).
  const search = page.locator('confab-article-search');
  await search.getByRole('combobox').fill('gateway');
  await search.getByRole('option').first().waitFor({ timeout: 20_000 });
  await search.getByRole('option').first().click();
  await page.waitForFunction(() => {
    const root = document.querySelector('confab-article-search')?.shadowRoot;
    const find = (r) => {
      for (const el of r.querySelectorAll('*')) {
        if (el.matches('h1, h2, h3, p, li') && el.closest('[part~="reader"], .reader, article')) return true;
        if (el.shadowRoot && find(el.shadowRoot)) return true;
      }
      return false;
    };
    return root && find(root);
  }, null, { timeout: 20_000 });

  // Deflection suggestions while typing a question.
  const qa = page.locator('confab-qa-box');
  await qa.getByLabel('Your question').first().fill('How do I register a deal for a partner?');
  await page.waitForTimeout(1500);

  // Verify a badge (renders the verdict panel).
  const badge = page.locator('confab-cert-badge');
  await badge.getByRole('button', { name: 'Verify' }).first().click();
  await badge.getByText(/^Verified/).first().waitFor({ timeout: 20_000 });

  // Let late work (lazy chunks, markdown renderer, live updates) settle, then count.
  await page.waitForTimeout(1000);
  const violations = await page.evaluate(() => window.__cspViolations);
  await context.close();
  return { violations, problems };
}

test('under a strict CSP + Trusted Types all four elements show content, a Markdown thread renders, with zero violations of any kind', async () => {
  visit ??= await browse();
  assert.deepEqual(visit.violations, [], `CSP violations:\n${JSON.stringify(visit.violations, null, 2)}`);
  assert.deepEqual(visit.problems, []);
});

// A page whose CSP trusts scripts by nonce ('strict-dynamic'): the loader's modulepreload links are
// inserted by script, so each must carry the nonce the page gave the loader, or the preload is refused.
test('under a nonce-based CSP with strict-dynamic the loader preloads with the page\'s nonce, with zero violations', async () => {
  const NONCE_CSP = "script-src 'nonce-confab-test-nonce' 'strict-dynamic'; object-src 'none'; base-uri 'none'";
  const nonceHarness = await startHarness({ api: server.origin, csp: NONCE_CSP });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${nonceHarness.origin}/pages/csp-nonce.html`);
    await waitForMarks(page, ['forum-feed', 'cert-badge']);
    const links = await page.evaluate(() => [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.nonce));
    assert.ok(links.length >= 3, `the loader preloaded the elements' chunks (${links.length} links)`);
    assert.deepEqual([...new Set(links)], ['confab-test-nonce']);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await nonceHarness.stop();
  }
});

test('where IndexedDB refuses to open (a sandboxed frame, storage turned off) the loader still loads every element', async () => {
  const context = await browser.newContext();
  try {
    // As in an iframe sandboxed without allow-same-origin: open() throws instead of failing its request.
    await context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('access to the Indexed Database API is denied in this context', 'SecurityError');
      };
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${harness.origin}/pages/csp-nonce.html`);
    await waitForMarks(page, ['forum-feed', 'cert-badge']);
    assert.equal(await page.evaluate(() => typeof window.confab), 'object', 'the loader finished and set globalThis.confab');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
