// <confab-article-search> and <confab-cert-badge> behaviours (issue 5) against the REAL reference
// server (PGlite), through the demo portal's UI in Chromium; results are checked through the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';

const { openPortal, api } = usePortal();

/** GET /v1/stats as a vendor-staff user (the endpoint is for vendor staff only). */
async function staffStats() {
  const staff = (await api('/demo/users')).find((u) => u.roles.includes('vendor-staff'));
  const { token } = await api(`/demo/token?user=${encodeURIComponent(staff.id)}`);
  return api('/v1/stats', { headers: { authorization: `Bearer ${token}` } });
}

/**
 * Waits until the listed options are the results of `body` (a search response), in order: typed key by
 * key, a prefix's results can render first, and a wait for "some option" would match that stale list.
 */
const optionsShow = (page, body) =>
  page.waitForFunction(
    (titles) => JSON.stringify([...document.querySelector('confab-article-search').shadowRoot.querySelectorAll('[role=option] .title')].map((t) => t.textContent.trim())) === JSON.stringify(titles),
    body.items.map((a) => a.title.trim()),
    { timeout: 15000 },
  );

const searchResponse = (page, pred) =>
  page.waitForResponse((r) => r.url().includes('/api/v1/articles/search?') && r.request().method() === 'GET' && pred(new URL(r.url()).searchParams), {
    timeout: 15000,
  });

// ---------------- article-search ----------------

test('article-search: clicking a product chip narrows the results; the request carries product= and the count matches the API total', async () => {
  const { page, context, problems } = await openPortal();
  const search = page.locator('confab-article-search');
  const q = 'firmware';
  const all = await api(`/v1/articles/search?q=${q}`);
  const facet = all.facets.product.find((f) => f.count > 1 && f.count < all.total);
  assert.ok(facet, 'the seed has a product facet that narrows the results');

  const first = searchResponse(page, (p) => p.get('q') === q && !p.has('product'));
  await search.getByRole('combobox').fill(q);
  await first;
  await search.getByRole('option').first().waitFor({ timeout: 15000 });
  await search.locator('.count').getByText(`${all.total} results`).waitFor({ timeout: 5000 });

  const chip = search.getByRole('button', { name: `${facet.value}, ${facet.count} articles` });
  const narrowed = searchResponse(page, (p) => p.get('q') === q && p.get('product') === facet.value);
  await chip.click();
  const res = await narrowed;
  const body = await res.json();
  // The same page the element asked for: its dropdown pages by its own limit, not the API's default.
  const limit = new URL(res.url()).searchParams.get('limit');
  const expected = await api(`/v1/articles/search?q=${q}&product=${encodeURIComponent(facet.value)}&limit=${limit}`);
  assert.equal(expected.total, facet.count, 'the API total equals the chip count');
  assert.equal(body.total, expected.total);
  await search.locator('.count').getByText(`${expected.total} results`).waitFor({ timeout: 5000 });
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(
    (n) => document.querySelector('confab-article-search').shadowRoot.querySelectorAll('[role=option]').length === n,
    Math.min(expected.total, expected.items.length),
    { timeout: 5000 },
  );
  const titles = await search.locator('[role=option] .title').allTextContents();
  assert.deepEqual(titles, expected.items.map((a) => a.title), 'the options are the narrowed API results');
  assert.deepEqual(problems, []);
  await context.close();
});

test('article-search: ArrowDown then Enter opens the reader; "Was this helpful?" Yes sends feedback that the API accepts', async () => {
  const { page, context, problems } = await openPortal();
  const search = page.locator('confab-article-search');
  const q = 'syslog';
  const expected = await api(`/v1/articles/search?q=${q}`);
  const box = search.getByRole('combobox');
  const resp = searchResponse(page, (p) => p.get('q') === q);
  await box.click();
  await box.pressSequentially(q);
  const body = await (await resp).json();
  await optionsShow(page, body);
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'option-0');
  assert.equal(await search.getByRole('option').first().getAttribute('aria-selected'), 'true');
  await box.press('Enter');
  const wanted = expected.items[0];
  await search.getByRole('heading', { name: wanted.title, level: 2 }).waitFor({ timeout: 15000 });
  await search.getByRole('heading', { name: 'Was this helpful?' }).waitFor({ timeout: 15000 });

  const before = (await staffStats()).helpfulRate.articles;
  assert.ok(before < 1, 'the seed leaves room for the rate to rise');
  await search.getByRole('button', { name: 'Yes', exact: true }).click();
  const isFeedback = (r) => r.url().endsWith(`/api/v1/articles/${wanted.id}/feedback`) && r.method() === 'POST';
  const sentReq = page.waitForRequest(isFeedback);
  const sent = page.waitForResponse((r) => isFeedback(r.request()));
  await search.getByRole('button', { name: 'Send feedback' }).click();
  const req = await sentReq;
  const res = await sent;
  assert.equal(res.status(), 200);
  assert.equal(req.headers()['content-type'], 'application/json');
  // Playwright does not expose this request's body, so check its effect: the vendor's stats count one more "yes".
  const after = (await staffStats()).helpfulRate.articles;
  assert.ok(after > before, `helpful rate for articles rose (${before} -> ${after})`);
  await search.getByText('Thanks for your feedback.').waitFor({ timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('article-search: ArrowDown/ArrowUp/Home/End move aria-activedescendant over the API results; Escape closes, then clears', async () => {
  const { page, context, problems } = await openPortal();
  const search = page.locator('confab-article-search');
  const q = 'deal';
  const resp = searchResponse(page, (p) => p.get('q') === q);
  const box = search.getByRole('combobox');
  await box.click();
  await box.pressSequentially(q);
  const body = await (await resp).json();
  await optionsShow(page, body);
  const n = await search.getByRole('option').count();
  assert.equal(n, body.items.length, 'one option per result of the response');
  assert.ok(n >= 3, `enough options to move over (${n})`);
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.equal(await box.getAttribute('aria-activedescendant'), null, 'nothing active before a key');

  const active = async () => {
    const id = await box.getAttribute('aria-activedescendant');
    const selected = await search.locator('[role=option][aria-selected=true]').evaluateAll((os) => os.map((o) => o.id));
    assert.deepEqual(selected, [id], 'exactly the active option is selected');
    return id;
  };
  await box.press('ArrowDown');
  assert.equal(await active(), 'option-0');
  await box.press('ArrowDown');
  assert.equal(await active(), 'option-1');
  await box.press('End');
  assert.equal(await active(), `option-${n - 1}`);
  await box.press('ArrowDown');
  assert.equal(await active(), 'option-0', 'ArrowDown wraps');
  await box.press('ArrowUp');
  assert.equal(await active(), `option-${n - 1}`, 'ArrowUp wraps');
  await box.press('Home');
  assert.equal(await active(), 'option-0');
  assert.equal((await search.locator('#option-0 .title').textContent()).trim(), body.items[0].title);

  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await box.getAttribute('aria-activedescendant'), null);
  assert.equal(await box.inputValue(), q, 'the first Escape keeps the text');
  await box.press('Escape');
  assert.equal(await box.inputValue(), '', 'the second Escape clears it');
  assert.deepEqual(problems, []);
  await context.close();
});

test('article-search: with no results, "Ask the community" prefills the qa-box title on the same page', async () => {
  const { page, context, problems } = await openPortal();
  const search = page.locator('confab-article-search');
  const qa = page.locator('confab-qa-box');
  const q = 'zyxwvut qqqqq plorbnik';
  assert.equal((await api(`/v1/articles/search?q=${encodeURIComponent(q)}`)).total, 0);
  await page.evaluate(() => {
    window.__asks = [];
    document.addEventListener('confab-ask', (e) => window.__asks.push(e.detail.query));
  });
  const resp = searchResponse(page, (p) => p.get('q') === q);
  await search.getByRole('combobox').fill(q);
  await resp;
  await search.getByText('No articles match your search.').waitFor({ timeout: 15000 });
  await search.getByRole('button', { name: 'Ask the community' }).click();
  assert.deepEqual(await page.evaluate(() => window.__asks), [q]);
  const title = qa.getByLabel('Your question');
  await page.waitForFunction(
    (v) => document.querySelector('confab-qa-box').shadowRoot.querySelector('#title')?.value === v,
    q,
    { timeout: 5000 },
  );
  assert.equal(await title.inputValue(), q);
  assert.deepEqual(problems, []);
  await context.close();
});

// ---------------- cert-badge ----------------

const DAY = 86_400_000;
const expectedStatus = (c, now = Date.now()) =>
  c.revoked ? 'revoked' : c.expires && Date.parse(c.expires) <= now ? 'expired' : c.expires && Date.parse(c.expires) - now <= 60 * DAY ? 'expiring' : 'active';
const STATUS_TEXT = { active: 'Active', expiring: 'Expiring soon', expired: 'Expired', revoked: 'Revoked' };

test('cert-badge: the listed badges show the statuses the API implies (active, expiring soon, expired, revoked)', async () => {
  const { page, context, problems } = await openPortal();
  const subjects = [['org', 'org-northwind'], ['person', 'p-ava'], ['person', 'p-ben'], ['person', 'p-devi']];
  const seen = new Set();
  for (const [kind, id] of subjects) {
    const certs = (await api(`/v1/certifications?${kind}=${id}`)).items;
    assert.ok(certs.length > 0, `${kind} ${id} has certifications`);
    const elId = `e2e-${id}`;
    await page.evaluate(([k, v, elId]) => {
      const el = document.createElement('confab-cert-badge');
      el.id = elId;
      el.setAttribute('layout', 'list');
      el.setAttribute(k, v);
      document.querySelector('main').append(el);
    }, [kind, id, elId]);
    const badge = page.locator(`#${elId}`);
    await badge.getByRole('heading', { level: 3 }).first().waitFor({ timeout: 15000 });
    await page.waitForFunction(([elId, n]) => document.getElementById(elId).shadowRoot.querySelectorAll('li.item').length === n, [elId, certs.length], { timeout: 15000 });
    for (const c of certs) {
      const want = expectedStatus(c);
      seen.add(want);
      const item = badge.locator('li.item').filter({ has: page.getByRole('heading', { name: c.name, exact: true }) });
      assert.equal(await item.count(), 1, `${c.id} shown once`);
      const status = item.locator('[part=status]');
      assert.ok((await status.getAttribute('class')).split(/\s+/).includes(want), `${c.id}: status ${want}`);
      assert.equal((await status.locator('span[aria-hidden=true]').textContent()).trim(), STATUS_TEXT[want]);
      const sentence = await status.locator('.visually-hidden').textContent();
      assert.match(sentence, new RegExp(`^Status: ${want === 'expiring' ? 'expiring soon' : want === 'revoked' ? 'revoked' : want}`));
      if (want === 'revoked') assert.ok(sentence.includes(c.revocationReason), 'the revocation reason is spoken');
    }
  }
  assert.deepEqual([...seen].sort(), ['active', 'expired', 'expiring', 'revoked'], 'the seed covers every status');
  assert.deepEqual(problems, []);
  await context.close();
});

test('cert-badge: a revoked assertion from the reference server fails verification with the revoked reason', async () => {
  const devi = (await api('/v1/certifications?person=p-devi')).items;
  const revoked = devi.find((c) => c.revoked);
  assert.ok(revoked, 'the seed has a revoked certification');
  const serverSide = await api(`/v1/certifications/${revoked.id}/verify`);
  assert.equal(serverSide.verified, false);
  assert.equal(serverSide.reason, 'revoked');

  const { page, context, problems } = await openPortal();
  await page.evaluate((url) => {
    const el = document.createElement('confab-cert-badge');
    el.id = 'e2e-revoked';
    el.setAttribute('assertion', url);
    document.querySelector('main').append(el);
  }, revoked.assertionUrl);
  const badge = page.locator('#e2e-revoked');
  await badge.getByRole('button', { name: /^Verify/ }).first().click();
  const verdict = badge.getByText('Could not verify: the badge was revoked').first();
  await verdict.waitFor({ timeout: 20000 });
  assert.equal(await badge.getByText(/^Verified/).count(), 0, 'never shown as verified');
  assert.deepEqual(problems, []);
  await context.close();
});

test('cert-badge credential: the server’s own Open Badges 3.0 credentials verify in Chromium, and a revoked one reads revoked from the status list', async () => {
  const devi = (await api('/v1/certifications?person=p-devi')).items;
  const revoked = devi.find((c) => c.revoked);
  const active = devi.find((c) => !c.revoked && (!c.expires || Date.parse(c.expires) > Date.now()));
  assert.ok(revoked?.credentialUrl && active?.credentialUrl, 'the seed has an active and a revoked certification with credentials');

  const { page, context, problems } = await openPortal();
  // The demo page itself shows one credential, verified on load.
  await page.locator('#credential').getByText(/^Verified: issued by Acme Partner Program/).first().waitFor({ timeout: 20000 });
  await page.evaluate(([a, r]) => {
    for (const [id, url] of [['e2e-ob3-active', a], ['e2e-ob3-revoked', r]]) {
      const el = document.createElement('confab-cert-badge');
      el.id = id;
      el.setAttribute('credential', url);
      el.setAttribute('verify', '');
      document.querySelector('main').append(el);
    }
  }, [active.credentialUrl, revoked.credentialUrl]);
  await page.locator('#e2e-ob3-active').getByText(/^Verified: issued by Acme Partner Program/).first().waitFor({ timeout: 20000 });
  const badge = page.locator('#e2e-ob3-revoked');
  await badge.getByText('Could not verify: the badge was revoked').first().waitFor({ timeout: 20000 });
  assert.equal(await badge.getByText(/^Verified/).count(), 0, 'never shown as verified');
  await badge.getByRole('button', { name: /verification details/i }).first().click();
  assert.match(await badge.locator('[part~="checks"]').first().textContent(), /bit \d+ is 1 in the signed status list/);
  assert.deepEqual(problems, []);
  await context.close();
});
