// Hardening: style isolation both ways (ARCHITECTURE "Embedding facts": Shadow DOM isolates the
// widgets from the host's CSS; theming crosses only through --confab-* properties, ::part() and the
// inherited font and colour). Each element is screenshotted in a neutral page and in a page with the
// demo portal's hostile global CSS (demo/portal.css); the two must match within a small tolerance.
// And the host's own elements have the same computed styles before and after Confab loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch } from '../../bench/browser.mjs';
import { startHarness, waitForMarks } from './support/harness.mjs';

const ELEMENTS = { feed: ['confab-forum-feed', 'forum-feed'], qa: ['confab-qa-box', 'qa-box'], search: ['confab-article-search', 'article-search'], badge: ['confab-cert-badge', 'cert-badge'] };
// Share of pixels allowed to differ (anti-aliasing), and how far a channel may move before a pixel counts.
const MAX_DIFF_SHARE = 0.01;
const CHANNEL_TOLERANCE = 48;

let server;
let harness;
let browser;

before(async () => {
  // Chromium starts while the server does (assigned when up, so after() closes it either way).
  const launching = launch().then((b) => (browser = b));
  server = await startServer();
  harness = await startHarness({ api: server.origin });
  await launching;
});

after(async () => {
  await browser?.close();
  await harness?.stop();
  await server?.stop();
});

async function shoot(el, hostile) {
  const [tag, mark] = ELEMENTS[el];
  // The two shots are seconds apart, so relative times ("3 hours ago") read the same on both pages.
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${harness.origin}/pages/isolation.html?el=${el}${hostile ? '&hostile=1' : ''}`);
  await waitForMarks(page, [mark]);
  await settled(page, tag);
  const png = await stableShot(page.locator(tag), { animations: 'disabled', caret: 'hide' });
  await context.close();
  assert.deepEqual(problems, []);
  return png;
}

/** Waits until `tag` is ready for its picture: fonts loaded, every image in its shadow trees finished, nothing aria-busy. */
async function settled(page, tag) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForFunction((t) => {
    const host = document.querySelector(t);
    const deep = (root) => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? deep(el.shadowRoot) : [])]);
    const all = [host, ...deep(host.shadowRoot)];
    return document.fonts.status === 'loaded' && all.every((el) => (el.localName !== 'img' || el.complete) && el.getAttribute('aria-busy') !== 'true');
  }, tag, { timeout: 20_000 });
}

/** Screenshots until two shots in a row are the same (as Playwright's toHaveScreenshot does), at most `tries`. */
async function stableShot(locator, options, tries = 10) {
  let last = await locator.screenshot(options);
  for (let i = 1; i < tries; i++) {
    await locator.page().waitForTimeout(100);
    const next = await locator.screenshot(options);
    if (next.equals(last)) return next;
    last = next;
  }
  return last;
}

/** Per-pixel comparison in the browser (no PNG decoder in node_modules): size, and the share of differing pixels. */
async function compare(a, b) {
  const page = await browser.newPage();
  const result = await page.evaluate(async ([a64, b64, tol]) => {
    const load = async (s) => createImageBitmap(await (await fetch(`data:image/png;base64,${s}`)).blob());
    const [ia, ib] = await Promise.all([load(a64), load(b64)]);
    if (ia.width !== ib.width || ia.height !== ib.height) return { size: [[ia.width, ia.height], [ib.width, ib.height]], share: 1 };
    const data = (img) => {
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height).data;
    };
    const da = data(ia);
    const db = data(ib);
    let diff = 0;
    for (let i = 0; i < da.length; i += 4) {
      if (Math.abs(da[i] - db[i]) > tol || Math.abs(da[i + 1] - db[i + 1]) > tol || Math.abs(da[i + 2] - db[i + 2]) > tol) diff++;
    }
    return { size: [[ia.width, ia.height]], share: diff / (ia.width * ia.height), diff };
  }, [a.toString('base64'), b.toString('base64'), CHANNEL_TOLERANCE]);
  await page.close();
  return result;
}

for (const el of Object.keys(ELEMENTS)) {
  test(`<${ELEMENTS[el][0]}> looks the same in a neutral page and inside the hostile portal CSS`, async () => {
    const neutral = await shoot(el, false);
    const hostile = await shoot(el, true);
    const r = await compare(neutral, hostile);
    assert.equal(r.size.length, 1, `same box size: ${JSON.stringify(r.size)}`);
    assert.ok(r.share <= MAX_DIFF_SHARE, `${(r.share * 100).toFixed(2)}% of pixels differ (${r.diff}) at ${JSON.stringify(r.size[0])}`);
  });
}

test('the detector sees a real difference (positive control: the same element in another colour)', async () => {
  const a = await shoot('badge', false);
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${harness.origin}/pages/isolation.html?el=badge`);
  await waitForMarks(page, ['cert-badge']);
  await page.evaluate(() => document.querySelector('confab-cert-badge').style.setProperty('--confab-color-accent', '#ff00ff'));
  await page.evaluate(() => (document.getElementById('box').style.color = '#ff0000'));
  await settled(page, 'confab-cert-badge');
  const b = await stableShot(page.locator('confab-cert-badge'), { animations: 'disabled' });
  await context.close();
  const r = await compare(a, b);
  assert.ok(r.share > MAX_DIFF_SHARE, `a colour change is detected (${(r.share * 100).toFixed(2)}%)`);
});

test('the host page\'s own elements are unchanged by Confab (computed styles before and after, neutral and hostile)', async () => {
  for (const hostile of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    const page = await context.newPage();
    await page.goto(`${harness.origin}/pages/isolation.html${hostile ? '?hostile=1' : ''}`);
    await waitForMarks(page, ['forum-feed', 'qa-box', 'article-search', 'cert-badge']);
    await page.waitForTimeout(500);
    const [beforeStyles, afterStyles] = await page.evaluate(() => [window.__before, window.__hostStyles()]);
    assert.deepEqual(afterStyles, beforeStyles, `host styles changed (${hostile ? 'hostile' : 'neutral'} page)`);
    // Nothing global was added: no stylesheet in the document, no adopted sheet on the document.
    const globalSheets = await page.evaluate(() => ({ adopted: document.adoptedStyleSheets.length, styleEls: document.querySelectorAll('style').length, links: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname) }));
    assert.deepEqual(globalSheets, { adopted: 0, styleEls: 0, links: hostile ? ['/demo/portal.css'] : [] });
    await context.close();
  }
});

test('theming crosses only where documented: --confab-* properties, ::part(), inherited font, and theme="light|dark|auto"', async () => {
  // Reduced motion: the product's tokens cut the buttons' 120 ms background transition then.
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${harness.origin}/pages/isolation.html?el=badge`);
  await waitForMarks(page, ['cert-badge']);
  // The read-out lives in the page so that waits can poll it synchronously.
  await page.evaluate(() => {
    window.__read = () => {
      const root = document.querySelector('confab-cert-badge').shadowRoot;
      const base = root.querySelector('.base');
      const copy = [...root.querySelectorAll('button')].find((b) => /Copy link/.test(b.textContent));
      const verify = [...root.querySelectorAll('button')].find((b) => /Verify/.test(b.textContent));
      return { surface: getComputedStyle(base).backgroundColor, font: getComputedStyle(base).fontFamily,
        copyTransform: getComputedStyle(copy).textTransform, verifyBg: getComputedStyle(verify).backgroundColor };
    };
  });
  const read = () => page.evaluate(() => window.__read());
  /** The read-out once every field of `want` contains the given text (or after 10 s, for the assertions to report). */
  const readWhen = async (want) => {
    await page.waitForFunction((w) => {
      const r = window.__read();
      return Object.entries(w).every(([k, v]) => r[k].includes(v));
    }, want, { timeout: 10_000 }).catch(() => undefined);
    return read();
  };
  /** Two animation frames: a style change (and a cut transition) has been applied. */
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  const initial = await read();
  assert.equal(initial.surface, 'rgb(255, 255, 255)');
  // Documented hooks reach in.
  await page.addStyleTag({ content: `
    #box { font-family: "Courier New", monospace !important; }
    confab-cert-badge { --confab-color-accent: rgb(255, 0, 255); }
    confab-cert-badge::part(button) { text-transform: uppercase; }` });
  const themed = await readWhen({ font: 'Courier New', verifyBg: 'rgb(255, 0, 255)', copyTransform: 'uppercase' });
  assert.match(themed.font, /Courier New/, 'the host font is inherited');
  assert.equal(themed.verifyBg, 'rgb(255, 0, 255)', '--confab-color-accent colours the primary button');
  assert.equal(themed.copyTransform, 'uppercase', '::part(button) reaches the buttons');
  // Undocumented host rules do not (the same rule without ::part).
  await page.addStyleTag({ content: 'button { text-transform: lowercase !important; background: red !important; }' });
  // Nothing should change here, so there is nothing to wait for: give a change the frames it would need.
  await frames();
  await page.waitForTimeout(400);
  const untouched = await read();
  assert.equal(untouched.copyTransform, 'uppercase');
  assert.equal(untouched.verifyBg, 'rgb(255, 0, 255)');
  // theme: explicit dark, explicit light against a dark OS, auto following the OS and the host's data-theme.
  const badge = page.locator('confab-cert-badge');
  await badge.evaluate((el) => el.setAttribute('theme', 'dark'));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('confab-cert-badge').shadowRoot.querySelector('.base')).backgroundColor !== 'rgb(255, 255, 255)');
  const dark = (await read()).surface;
  assert.equal(dark, 'rgb(23, 25, 30)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await badge.evaluate((el) => el.setAttribute('theme', 'light'));
  assert.equal((await readWhen({ surface: 'rgb(255, 255, 255)' })).surface, 'rgb(255, 255, 255)', 'theme="light" ignores a dark OS');
  await badge.evaluate((el) => el.setAttribute('theme', 'auto'));
  assert.equal((await readWhen({ surface: dark })).surface, dark, 'theme="auto" follows the OS');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal((await readWhen({ surface: 'rgb(255, 255, 255)' })).surface, 'rgb(255, 255, 255)');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  assert.equal((await readWhen({ surface: dark })).surface, dark, 'theme="auto" follows the host page\'s data-theme');
  await context.close();
});
