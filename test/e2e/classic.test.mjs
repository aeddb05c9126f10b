// The classic-script page (demo/classic.html): the IIFE build with `window.confab.configure()` from a
// non-module script, against the real server and bundles, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';

const { openPortal, api } = usePortal();
const open = (path, options = {}) => openPortal({ path, console: true, ...options });

const firstContent = (page, tag) =>
  page.waitForFunction((t) => performance.getEntriesByName(`confab:${t}:first-content`).length > 0, tag, { timeout: 20000 });

test('the classic page loads no module scripts and shows all four elements with content, without errors', async () => {
  const { page, context, problems } = await open('/classic.html');
  for (const tag of ['forum-feed', 'qa-box', 'article-search', 'cert-badge']) await firstContent(page, tag);
  assert.equal(await page.locator('script[type="module"]').count(), 0, 'no module scripts on the classic page');
  assert.equal(await page.evaluate(() => typeof window.confab?.configure), 'function');
  const rows = await page.locator('confab-forum-feed article').count();
  assert.ok(rows >= 5, `feed shows threads (${rows})`);
  const badges = await page.locator('confab-cert-badge [part~="item"]').count();
  assert.ok(badges >= 1, `badges shown (${badges})`);
  assert.equal(await page.locator('confab-qa-box [part~="signed-out"]').count(), 1, 'signed out: the sign-in notice');
  assert.deepEqual(problems, []);
  await context.close();
});

test('getToken from the classic script signs requests: the qa-box greets the signed-in partner', async () => {
  const users = await api('/demo/users');
  const partner = users.find((u) => u.org && u.tier);
  const { page, context, problems } = await open('/classic.html', { user: partner.id, dark: true });
  await firstContent(page, 'qa-box');
  // Signed in (the server accepted the token from getToken): no "Sign in to ask" notice.
  assert.equal(await page.locator('confab-qa-box [part~="signed-out"]').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  // classic.js fills #tier after its own fetch of the demo users.
  await page.waitForFunction((t) => document.getElementById('tier')?.textContent === t, partner.tier, { timeout: 20_000 }).catch(() => undefined);
  assert.equal(await page.locator('#tier').textContent(), partner.tier);
  assert.deepEqual(problems, []);
  await context.close();
});

test('parts opened on demand come from dist/iife/ and share the script\'s runtime: thread with Markdown, reply form, German catalogue', async () => {
  const { page, context, problems } = await open('/classic.html');
  const scripts = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await firstContent(page, 'forum-feed');
  const feed = page.locator('confab-forum-feed');
  await feed.locator('article button').first().click();
  // Seeded titles repeat, so wait for the thread view itself rather than a heading by name.
  await feed.getByRole('button', { name: 'Back to threads' }).waitFor({ timeout: 15000 });
  // The posts are Markdown rendered by the lazily loaded renderer, as DOM inside the element.
  await feed.locator('.thread-body p').first().waitFor({ timeout: 15000 });
  // Lazy chunks got their Lit from the classic script: a second Lit would render nothing here.
  assert.ok(await feed.getByRole('button', { name: /reply|sign in/i }).count(), 'the thread panel renders its controls');
  // A catalogue from the same folder; msg() in the classic script switches every element.
  await page.evaluate(() => window.confab.configure({ locale: 'de' }));
  await page.locator('confab-qa-box').getByText(/Frage/).first().waitFor({ timeout: 15000 });
  const lazy = scripts.filter((s) => s.startsWith('/dist/iife/'));
  assert.ok(lazy.some((s) => /\/markdown-/.test(s)), `Markdown renderer fetched from dist/iife/: ${lazy.join(', ')}`);
  assert.ok(lazy.some((s) => /\/de-/.test(s)), `German catalogue fetched from dist/iife/: ${lazy.join(', ')}`);
  assert.deepEqual(scripts.filter((s) => s.startsWith('/dist/chunks/') || s === '/dist/confab.js'), [], 'nothing from the module build');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the classic script and its lazy chunks keep exact source maps (one mapping line per code line)', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const dist = new URL('../../dist/', import.meta.url);
  const files = ['confab.iife.js', ...readdirSync(new URL('iife/', dist)).filter((f) => f.endsWith('.js')).map((f) => `iife/${f}`)];
  assert.ok(files.length > 5, `lazy chunks found: ${files.length}`);
  for (const f of files) {
    // The maps are "hidden" (no sourceMappingURL comment, see rollup.config.mjs); a final newline ends
    // the last line rather than starting another.
    const code = readFileSync(new URL(f, dist), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '').replace(/\n$/, '');
    const map = JSON.parse(readFileSync(new URL(`${f}.map`, dist), 'utf8'));
    assert.equal(map.mappings.split(';').length, code.split('\n').length, `${f}: mapping lines vs code lines`);
  }
});
