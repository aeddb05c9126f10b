// Screenshots of the @mention popup in the ask form, light and dark: `node bench/shots/mention-shot.mjs`.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
const here = fileURLToPath(new URL('.', import.meta.url));
const out = await build({ entryPoints: [here + 'mention-entry.ts'], bundle: true, format: 'esm', write: false, conditions: ['development', 'browser'] });
const js = out.outputFiles[0].text;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 720, height: 640 }, colorScheme: scheme });
  await page.setContent(`<html lang="en"><body style="font-family:sans-serif;background:${scheme === 'dark' ? '#111' : '#fff'}"></body></html>`);
  await page.addScriptTag({ type: 'module', content: js });
  const body = page.locator('confab-qa-box').locator('#body');
  await page.waitForFunction(() => document.querySelector('confab-qa-box')?.shadowRoot?.querySelector('#body')?.getAttribute('aria-autocomplete') === 'list', null, { timeout: 30000 });
  await body.click();
  await page.keyboard.type('Thanks for the help @a');
  await page.locator('confab-qa-box').locator('.mentions [role=option]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: `${here}mention-${scheme}.png` });
  await page.close();
}
await browser.close();
