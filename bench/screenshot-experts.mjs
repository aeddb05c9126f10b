// Screenshots of "Notify experts" in <confab-insights>' unanswered queue (light and dark: the confirm
// step and the outcome) and of the expert's bell, for a look by eye:
// node bench/screenshot-experts.mjs  → experts-{light,dark}-{confirm,done}.png, experts-bell.png (not committed).
import { startServer } from '../test/e2e/server.mjs';
import { launch } from './browser.mjs';

const server = await startServer({}, { timeoutMs: 300_000 }); // seeding takes long on a loaded machine
const browser = await launch();
const open = async (user, dark, path) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(([u, d]) => {
    sessionStorage.setItem('acme-demo-user', u);
    localStorage.setItem('acme-theme', d ? 'dark' : 'light');
  }, [user, dark]);
  await page.goto(server.origin + path);
  return { context, page };
};
try {
  let expertQuestion;
  for (const dark of [false, true]) {
    const { context, page } = await open('p-victor', dark, '/insights.html');
    const row = page.locator('confab-insights [data-experts]').nth(dark ? 1 : 0);
    await row.waitFor({ timeout: 60000 });
    expertQuestion ??= await row.getAttribute('data-experts');
    const table = page.locator('confab-insights [data-experts]').first().locator('xpath=ancestor::table');
    await row.getByRole('button', { name: /^Notify experts/ }).click();
    await row.locator('[data-role="confirm"]').waitFor();
    await table.scrollIntoViewIfNeeded();
    await table.screenshot({ path: `experts-${dark ? 'dark' : 'light'}-confirm.png` });
    await row.locator('[data-role="confirm"]').click();
    await row.locator('[data-role="outcome"]').waitFor();
    await table.screenshot({ path: `experts-${dark ? 'dark' : 'light'}-done.png` });
    await context.close();
  }
  // Someone who got it: the first demo person with an expert request in their notifications.
  const people = await (await fetch(server.origin + '/api/demo/users')).json();
  await new Promise((r) => setTimeout(r, 2000)); // the outbox worker polls every 500 ms
  for (const p of people) {
    const { token } = await (await fetch(`${server.origin}/api/demo/token?user=${p.id}`)).json();
    const list = await (await fetch(`${server.origin}/api/v1/notifications?limit=50`, { headers: { authorization: `Bearer ${token}` } })).json();
    if (!list.items.some((n) => n.type === 'expert_request' && n.target.id === expertQuestion)) continue;
    const { context, page } = await open(p.id, false, '/');
    await page.locator('confab-notifications').getByRole('button', { name: /^Notifications/ }).click();
    await page.locator('confab-notifications').getByRole('button', { name: /asks you to answer/ }).first().waitFor();
    await page.screenshot({ path: 'experts-bell.png', clip: { x: 560, y: 0, width: 720, height: 640 } });
    await context.close();
    break;
  }
} finally {
  await browser.close();
  await server.stop();
}
