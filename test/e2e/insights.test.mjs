// Issue 15 end to end: vendor staff (Victor Hale) opens the insights page of the demo portal, changes
// the period, exports a CSV, and every number checked is the one the API gives for the same period.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';
import { eventually } from './support/eventually.mjs';

const { openPortal, api, origin } = usePortal();
const STAFF = 'p-victor';

/** The API as vendor staff: GET `path` with Victor's demo token; JSON, or text for CSV. */
async function asStaff(path) {
  const { token } = await api(`/demo/token?user=${STAFF}`);
  const r = await fetch(origin() + '/api' + path, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200, `${path}: HTTP ${r.status}`);
  return /json/.test(r.headers.get('content-type')) ? r.json() : r.text();
}

/** The text of a headline tile's figure. */
const tile = (page, id) => page.locator(`confab-insights [data-tile="${id}"] .tile-value`).textContent();

test('vendor staff opens insights, changes the period and exports a CSV; the numbers match the API', async () => {
  const { page, context, problems, requests } = await openPortal({ path: '/insights.html', user: STAFF, console: true });
  // The element's own request says which period it shows; the API is asked the same. It may have gone
  // out before openPortal returned (seen in CI: a waitForRequest set up after goto then waited 20 s).
  const isInsights = (r) => /\/api\/v1\/insights\?/.test(r.url());
  const first = requests.find(isInsights) ?? (await page.waitForRequest(isInsights, { timeout: 20000 }));
  await page.locator('confab-insights [data-tile="questions"]').waitFor({ timeout: 20000 });
  let query = new URL(first.url()).search;
  let expected = await asStaff(`/v1/insights${query}`);
  assert.equal(await tile(page, 'questions'), expected.volume.totals.questions.current.toLocaleString('en'));
  assert.equal(await tile(page, 'resolution-rate'), expected.resolutionRate.rate.current === null ? '–' : `${Math.round(expected.resolutionRate.rate.current * 100)}%`);
  // The demo's 26 weeks of history make a 30-day period something to compare.
  assert.ok(expected.volume.totals.questions.current > 0 && expected.volume.totals.questions.previous > 0, 'questions in both periods');

  // Change the period to 90 days: one new request, and the tiles follow.
  const next = page.waitForRequest((r) => /\/api\/v1\/insights\?/.test(r.url()) && r.url() !== first.url());
  await page.locator('confab-insights').getByLabel('Period').selectOption('90d');
  query = new URL((await next).url()).search;
  const from = new URLSearchParams(query).get('from');
  const to = new URLSearchParams(query).get('to');
  assert.equal((Date.parse(to) - Date.parse(from)) / 86_400_000, 89, 'ninety days, both ends included');
  await page.locator('confab-insights .period').filter({ hasText: 'compared with the 90 days before' }).waitFor();
  expected = await asStaff(`/v1/insights${query}`);
  assert.equal(await tile(page, 'questions'), expected.volume.totals.questions.current.toLocaleString('en'));

  // Export the summary: the downloaded file is the API's CSV for the same period, and its numbers are the JSON's.
  const download = page.waitForEvent('download');
  await page.locator('confab-insights').getByRole('button', { name: 'Export summary (CSV)' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), `insights-summary-${from}-to-${to}.csv`);
  // Read through the download's stream: e2e files share one Chromium (test/e2e/run.mjs), and a browser
  // connected to remotely has no local path for a download.
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  const csv = Buffer.concat(chunks).toString('utf8');
  assert.equal(csv, await asStaff(`/v1/insights/export?table=summary&from=${from}&to=${to}`));
  const header = csv.split(/\r?\n/)[0];
  assert.ok(header.length > 0, 'a header row');
  assert.ok(csv.includes(String(expected.volume.totals.questions.current)), 'the questions figure is in the CSV');

  // Notify experts of the oldest unanswered question: a confirm step, then "Notified N experts"; then
  // one of those experts opens the portal and the bell shows Victor's request.
  const row = page.locator('confab-insights [data-experts]').first();
  const questionId = await row.getAttribute('data-experts');
  await row.getByRole('button', { name: /^Notify experts/ }).click();
  await row.locator('[data-role="confirm"]').click().catch(async (e) => {
    throw new Error(`no confirm step; the row shows: ${await row.innerHTML()}`, { cause: e });
  });
  const outcome = await row.locator('[data-role="outcome"]').textContent({ timeout: 20000 });
  const notified = Number(/^Notified (\d+) experts?$/.exec(outcome.trim())?.[1]);
  assert.ok(notified >= 1, `experts notified: "${outcome}"`);
  const people = await api('/demo/users');
  const asked = await eventually(async () => {
    const found = [];
    for (const p of people) {
      const { token } = await api(`/demo/token?user=${p.id}`);
      const list = await api('/v1/notifications?limit=50', { headers: { authorization: `Bearer ${token}` } });
      if (list.items.some((n) => n.type === 'expert_request' && n.target.id === questionId)) found.push(p);
    }
    return found.length === notified && found;
  }, `${notified} experts with the request`);
  assert.deepEqual(problems, []);
  await context.close();

  const expert = await openPortal({ user: asked[0].id });
  await expert.page.locator('confab-notifications').getByRole('button', { name: /^Notifications/ }).click();
  await expert.page.locator('confab-notifications').getByRole('button', { name: /^Victor Hale asks you to answer/ }).first().waitFor({ timeout: 20000 });
  await expert.context.close();
});

test('a partner on the insights page is told it is for program staff', async () => {
  const users = await api('/demo/users');
  const partner = users.find((u) => u.org && u.tier);
  const { page, context } = await openPortal({ path: '/insights.html', user: partner.id });
  await page.locator('confab-insights [part~="empty"]').filter({ hasText: 'For program staff' }).waitFor({ timeout: 20000 });
  await context.close();
});
