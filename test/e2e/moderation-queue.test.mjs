// Issue 14, "Done when": a partner reports a post in the demo portal; Morgan Reyes (moderator) sees it
// in <confab-mod-queue> on the portal's Moderation page and hides it; the partner's feed no longer
// shows it. Against the REAL reference server (PGlite), in Chromium; checked through the API too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';
import { eventually } from './support/eventually.mjs';

const { openPortal, api } = usePortal();
const MORGAN = 'p-morgan';

test('a partner reports a thread; Morgan hides it from the moderation queue; the partner’s feed no longer shows it', async () => {
  const partners = (await api('/demo/users')).filter((u) => u.org && u.tier);
  const reporter = partners[0];
  // A thread on the feed's first page (page-size 8, latest first) that the reporter did not write.
  const first = (await api('/v1/threads?sort=latest&limit=8')).items;
  const target = first.find((t) => t.author.id !== reporter.id);
  assert.ok(target, 'a thread by someone else on the first page');

  // 1. The partner opens the thread in the feed and reports it through the dialog.
  const partner = await openPortal({ user: reporter.id });
  const feed = partner.page.locator('confab-forum-feed');
  await feed.locator(`article[data-id="${target.id}"]`).waitFor({ timeout: 20000 });
  await feed.getByRole('button', { name: target.title, exact: true }).click();
  await feed.locator('.thread-body').waitFor({ timeout: 15000 });
  await feed.locator(`[data-report="thread:${target.id}"]`).click();
  const dialog = feed.getByRole('dialog', { name: 'Report to the moderators' });
  await dialog.getByRole('radio', { name: 'Spam or advertising' }).check();
  await dialog.getByRole('textbox', { name: 'Note for the moderators (optional)' }).fill('Reseller advert, e2e');
  const flagged = partner.page.waitForResponse((r) => r.url().endsWith('/api/v1/flags') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  assert.equal((await flagged).status(), 200, 'POST /v1/flags accepted');
  await feed.locator('[part~="reported"]').waitFor({ timeout: 15000 });

  // 2. Morgan sees it in the queue on the Moderation page, with the reason and the note, and hides it.
  const morgan = await openPortal({ path: '/moderation.html', user: MORGAN });
  const queue = morgan.page.locator('confab-mod-queue');
  const item = queue.locator(`article[data-key="thread:${target.id}"]`);
  await item.waitFor({ timeout: 20000 });
  assert.match(await item.locator('[part~="chip"]').first().innerText(), /Spam/);
  assert.match(await item.locator('[part~="notes"]').innerText(), /Reseller advert, e2e/);
  await item.getByRole('button', { name: 'Hide', exact: true }).click();
  await queue.getByRole('textbox', { name: 'Reason (kept in the audit log)' }).fill('Advertising');
  const acted = morgan.page.waitForResponse((r) => r.url().endsWith('/api/v1/moderation/actions') && r.request().method() === 'POST');
  await queue.getByRole('button', { name: 'Confirm: Hide' }).click();
  assert.equal((await acted).status(), 200, 'the action was accepted');
  await item.waitFor({ state: 'detached', timeout: 15000 });

  // 3. The partner's feed, loaded again, no longer shows it; nor does the API to anyone but moderators.
  // The reload shows the partner's cached copy of the list first (stale-while-revalidate); the fresh
  // list the feed fetches must leave the thread out, and the feed must then show exactly that list.
  const listed = partner.page.waitForResponse((r) => /\/api\/v1\/threads\?/.test(r.url()) && r.request().method() === 'GET');
  await partner.page.reload();
  const fresh = (await (await listed).json()).items.map((t) => t.id);
  assert.ok(fresh.length > 0 && !fresh.includes(target.id), 'the list the partner’s feed fetched leaves the hidden thread out');
  const rendered = () => feed.locator('article[data-id]').evaluateAll((as) => as.map((a) => a.dataset.id));
  await eventually(async () => JSON.stringify(await rendered()) === JSON.stringify(fresh), 'the feed showing the fresh list');
  assert.ok(!(await rendered()).includes(target.id), 'the hidden thread is not in the partner’s feed');
  assert.ok(!(await api('/v1/threads?sort=latest&limit=100')).items.some((t) => t.id === target.id), 'nor in the public list');

  assert.deepEqual([...partner.problems, ...morgan.problems], []);
  await partner.context.close();
  await morgan.context.close();
});
