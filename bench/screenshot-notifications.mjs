// Screenshots of <confab-notifications> in the demo portal (light and dark), for a look by eye:
// node bench/screenshot-notifications.mjs  → notifications-light.png, notifications-dark.png (not committed).
import { startServer } from '../test/e2e/server.mjs';
import { launch } from './browser.mjs';

const server = await startServer();
const browser = await launch();
try {
  for (const dark of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript((d) => {
      sessionStorage.setItem('acme-demo-user', 'p-ava');
      localStorage.setItem('acme-theme', d ? 'dark' : 'light');
    }, dark);
    await page.goto(server.origin + '/');
    const bell = page.locator('confab-notifications').getByRole('button', { name: /^Notifications/ });
    await bell.click();
    await page.locator('confab-notifications').locator('[part~="popover"]').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `notifications-${dark ? 'dark' : 'light'}.png`, clip: { x: 560, y: 0, width: 720, height: 640 } });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
