// Issue 13's "Done when", in Chromium against the real server: partner A asks in the portal, partner B
// answers (through the API, as another browser would), A's bell counts it without a reload, and opening
// the notification lands A on the answer in the portal's Q&A box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';
import { eventually } from './support/eventually.mjs';

const { openPortal, api } = usePortal();

/** JSON from the API as a demo partner (their token in the Authorization header). */
async function as(userId, path, init = {}) {
  const { token } = await api(`/demo/token?user=${encodeURIComponent(userId)}`);
  return api(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
}

test('A asks, B answers, A’s bell shows it live, and the notification opens the answer', async () => {
  const partners = (await api('/demo/users')).filter((u) => u.org && u.tier);
  const [a, b] = [partners[2], partners[3]];
  const before = (await as(a.id, '/v1/notifications?limit=1')).unread;
  const { page, context, problems } = await openPortal({ user: a.id, console: true });
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  const bell = page.locator('confab-notifications').getByRole('button', { name: /^Notifications/ });
  await bell.waitFor();
  await page.waitForFunction((n) => document.querySelector('confab-notifications')?.unread === n, before, { timeout: 20000 });

  const qa = page.locator('confab-qa-box');
  const title = `Can a renewal keep the original deal discount ${Date.now()}?`;
  await qa.getByRole('combobox', { name: 'Your question' }).or(qa.getByLabel('Your question')).first().fill(title);
  await qa.getByRole('textbox', { name: 'Details' }).fill('Our customer renews in May and asks whether the discount carries over.');
  await qa.getByRole('button', { name: 'Post your question' }).click();
  const question = await eventually(async () => (await api('/v1/questions?sort=latest&limit=50')).items.find((q) => q.title === title), 'the question in the API');
  // Back to the ask form, so that landing on the answer below is the notification's doing.
  await page.evaluate(() => (document.querySelector('confab-qa-box').question = undefined));

  const answer = await as(b.id, `/v1/questions/${question.id}/answers`, { method: 'POST', body: JSON.stringify({ body: 'Yes, when the renewal is registered 30 days ahead.' }) });

  // No reload: the per-partner event stream (opened with a ticket) brings it.
  await page.waitForFunction((n) => document.querySelector('confab-notifications')?.unread === n, before + 1, { timeout: 20000 });
  assert.equal(await bell.getAttribute('aria-label'), `Notifications, ${before + 1} unread`);

  await bell.click();
  const item = page.locator('confab-notifications').getByRole('button', { name: new RegExp(`^${b.name} answered`) }).first();
  await item.click();
  await page.waitForFunction((id) => document.querySelector('confab-qa-box')?.question === id, question.id, { timeout: 20000 });
  await page.waitForFunction(
    (id) => document.querySelector('confab-qa-box').shadowRoot.activeElement?.getAttribute('data-answer') === id,
    answer.id,
    { timeout: 20000 },
  );
  await page.waitForFunction((n) => document.querySelector('confab-notifications')?.unread === n, before, { timeout: 20000 });
  assert.equal((await as(a.id, '/v1/notifications?limit=1')).unread, before);
  assert.ok(urls.some((u) => u.includes('/v1/notifications/events?ticket=')), 'the bell listened with a ticket');
  assert.ok(!urls.some((u) => /access_token|Bearer|eyJ/i.test(u)), `no token in any URL: ${urls.filter((u) => /eyJ/.test(u))}`);
  assert.deepEqual(problems, []);
  await context.close();
});
