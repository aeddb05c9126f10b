// Screenshots of the Report actions (a feed row, a reply, an answer) and of <confab-mod-queue> in
// the demo portal, light and dark, for a look by eye (after `npm run build`):
// node bench/screenshot-moderation.mjs → moderation-*.png in the working directory (not committed).
import { startServer } from '../test/e2e/server.mjs';
import { launch } from './browser.mjs';

const server = await startServer();
const browser = await launch();
try {
  for (const dark of [false, true]) {
    const theme = dark ? 'dark' : 'light';
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const as = (user) => page.addInitScript(([u, d]) => {
      sessionStorage.setItem('acme-demo-user', u);
      localStorage.setItem('acme-theme', d ? 'dark' : 'light');
    }, [user, dark]);
    await as('p-ava');
    await page.goto(server.origin + '/');
    const feed = page.locator('confab-forum-feed');
    await feed.locator('[part~="report"]').first().waitFor();
    await feed.screenshot({ path: `moderation-feed-rows-${theme}.png` });
    await feed.locator('article.item').nth(1).locator('.title-link').click();
    await feed.locator('li.post').first().waitFor();
    await page.waitForTimeout(800);
    await feed.screenshot({ path: `moderation-thread-${theme}.png` });
    await feed.locator('li.post [part~="report"]').first().click();
    await feed.locator('dialog.report-dialog[open]').waitFor();
    await page.screenshot({ path: `moderation-dialog-${theme}.png` });
    await page.keyboard.press('Escape');
    const qa = page.locator('confab-qa-box');
    if (await qa.count()) {
      const link = qa.locator('[part~="similar"] a, .similar a, [part~="item"] a').first();
      if (await link.count()) {
        await link.click();
        await qa.locator('li.answer').first().waitFor({ timeout: 15000 }).catch(() => {});
        await page.waitForTimeout(800);
        await qa.screenshot({ path: `moderation-answers-${theme}.png` });
      }
    }
    await context.close();
    const modContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const modPage = await modContext.newPage();
    await modPage.addInitScript(([u, d]) => {
      sessionStorage.setItem('acme-demo-user', u);
      localStorage.setItem('acme-theme', d ? 'dark' : 'light');
    }, ['p-morgan', dark]);
    await modPage.goto(server.origin + '/moderation.html');
    await modPage.locator('confab-mod-queue').locator('[data-action]').first().waitFor({ timeout: 20000 }).catch(() => {});
    await modPage.waitForTimeout(800);
    await modPage.screenshot({ path: `moderation-queue-${theme}.png`, fullPage: true });
    await modContext.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
