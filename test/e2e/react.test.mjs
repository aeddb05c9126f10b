// confab/react in a real React 19 app: bundled with esbuild, rendered in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { serve } from '../../bench/static-server.mjs';
import { launch } from '../../bench/browser.mjs';

let server;
let browser;

before(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./pages/react-app.tsx', import.meta.url))],
    bundle: true,
    format: 'esm',
    write: false,
    jsx: 'automatic',
    conditions: ['production', 'browser'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  const js = out.outputFiles[0].text;
  server = await serve({
    pages: { '/': '<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="/api/app.js"></script></body></html>' },
    api: (req, res) => {
      if (req.url === '/api/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      else res.writeHead(404).end();
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('React wrappers render the elements, take a backend from <Provider> and deliver typed events', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.origin + '/');
  const feed = page.locator('confab-forum-feed');
  await feed.locator('article').first().waitFor({ timeout: 15000 });
  assert.ok((await feed.locator('article').count()) >= 5);
  await page.waitForFunction(() => window.__seen.includes('load:threads'));
  await feed.locator('article').first().click();
  await page.waitForFunction(() => document.getElementById('opened').textContent !== 'none');
  // The app prevented the inline view: the list is still there and no thread view opened.
  assert.ok((await feed.locator('article').count()) >= 5);
  assert.ok(await page.locator('confab-qa-box').getByRole('heading').first().isVisible());
  assert.deepEqual(errors, []);
  await page.close();
});
