// <confab-forum-feed> and <confab-qa-box> behaviours (issue 4) against the REAL reference server
// (PGlite), through the demo portal's UI in Chromium; results are checked through the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';
import { waitForMarks } from './support/harness.mjs';

const { openPortal, api } = usePortal();
const tokenFor = async (user) => (await api(`/demo/token?user=${encodeURIComponent(user)}`)).token;
const post = async (user, path, body) =>
  api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(user)}` },
    body: JSON.stringify(body),
  });

const partners = async () => (await api('/demo/users')).filter((u) => u.org && u.tier);

/** Where the row `id` is: from the feed's top, the feed's top in the viewport, and the page's scroll offset. */
const where = (page, id) => page.evaluate((i) => {
  const feed = document.querySelector('confab-forum-feed');
  const row = feed.shadowRoot.querySelector(`article[data-id="${CSS.escape(i)}"]`);
  const feedTop = feed.getBoundingClientRect().top;
  return { inFeed: row.getBoundingClientRect().top - feedTop, feedTop, scrollY: window.scrollY };
}, id);

/** The ids of the feed's rows, in order. */
const rowIds = (feed) => feed.locator('article[data-id]').evaluateAll((as) => as.map((a) => a.dataset.id));

// ---------------- forum-feed ----------------

test('forum-feed: a thread opens inline with its Markdown body as DOM; a partner replies and the API has exactly one new post', async () => {
  const [author, replier] = await partners();
  const title = `E2E markdown thread ${Date.now()}`;
  const created = await post(author.id, '/v1/threads', {
    title,
    body: 'Check **the firmware** first:\n\n- pair nodes\n- enable syslog\n',
    category: 'technical',
  });
  const id = created.id ?? created.thread?.id;
  assert.ok(id, `created thread has an id: ${JSON.stringify(created).slice(0, 200)}`);

  const { page, context, problems } = await openPortal({ user: replier.id });
  const feed = page.locator('confab-forum-feed');
  await feed.getByRole('button', { name: title }).click();
  await feed.getByRole('heading', { name: title }).waitFor({ timeout: 15000 });
  const body = feed.locator('.thread-body');
  await body.locator('strong', { hasText: 'the firmware' }).waitFor({ timeout: 15000 });
  assert.equal(await body.locator('li').count(), 2, 'the list items render as <li>');

  const before = (await api(`/v1/threads/${id}`)).posts.items.length;
  const reply = `Reply from the e2e test ${Date.now()}`;
  await feed.getByRole('textbox', { name: 'Your reply' }).fill(reply);
  const sent = page.waitForResponse((r) => r.url().includes(`/api/v1/threads/${id}/posts`) && r.request().method() === 'POST');
  await feed.getByRole('button', { name: 'Post reply' }).click();
  assert.equal((await sent).status(), 200);
  await feed.locator('.posts .post', { hasText: reply }).waitFor({ timeout: 15000 });
  const after = (await api(`/v1/threads/${id}`)).posts.items;
  assert.equal(after.length, before + 1, 'exactly one new post');
  const mine = after.filter((p) => p.body === reply);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].author.id, replier.id);
  assert.deepEqual(problems, []);
  await context.close();
});

test('forum-feed: "Load more threads" pages by cursor', async () => {
  const { page, context, problems } = await openPortal();
  const feed = page.locator('confab-forum-feed');
  // Every element of the portal has content, so the layout around the feed has mostly settled.
  await waitForMarks(page, ['forum-feed', 'qa-box', 'article-search', 'cert-badge']);
  await feed.locator('article[data-id]').first().waitFor({ timeout: 20000 });
  const first = await rowIds(feed);
  assert.equal(first.length, 8, 'page-size="8"');
  const more = feed.getByRole('button', { name: 'Load more threads' });
  // Scroll first: Playwright's click would otherwise scroll the button into view itself.
  await more.scrollIntoViewIfNeeded();
  const before = await where(page, first[7]);
  const cursorReq = page.waitForRequest((r) => r.url().includes('/api/v1/threads?') && new URL(r.url()).searchParams.has('cursor'));
  await more.click();
  const req = await cursorReq;
  const cursor = new URL(req.url()).searchParams.get('cursor');
  await page.waitForFunction(
    () => document.querySelector('confab-forum-feed').shadowRoot.querySelectorAll('article[data-id]').length >= 16,
    null,
    { timeout: 15000 },
  );
  const all = await rowIds(feed);
  assert.deepEqual(all.slice(0, 8), first, 'the first page stays in place');
  const after = await where(page, first[7]);
  const seen = `last row of page 1 ${JSON.stringify(before)}, then ${JSON.stringify(after)}`;
  // The rows of page 1 stay where they were in the feed (measured from the feed, not the viewport,
  // because the portal's other elements above it may still change height).
  assert.ok(Math.abs(after.inFeed - before.inFeed) <= 1, `the first page stays in place in the feed (${seen})`);
  // And the view does not jump to the new rows: the page did not scroll, or it scrolled only as far
  // as the feed moved (scroll anchoring after a layout change above it), so the feed kept its place on screen.
  assert.ok(Math.abs(after.scrollY - before.scrollY) <= 1 || Math.abs(after.feedTop - before.feedTop) <= 1, `the scroll position is kept (${seen})`);
  const expected = await api(`/v1/threads?sort=latest&limit=8&cursor=${encodeURIComponent(cursor)}`);
  assert.deepEqual(all.slice(8, 16), expected.items.map((t) => t.id), 'the second page is the API page at that cursor');
  assert.equal(new Set(all).size, all.length, 'no repeats');
  assert.deepEqual(problems, []);
  await context.close();
});

test('forum-feed: a host cancelling confab-thread-open keeps the list and no thread view opens', async () => {
  const { page, context, problems } = await openPortal();
  const feed = page.locator('confab-forum-feed');
  await feed.locator('article[data-id]').first().waitFor({ timeout: 20000 });
  await page.evaluate(() => {
    window.__opened = [];
    document.querySelector('confab-forum-feed').addEventListener('confab-thread-open', (e) => {
      window.__opened.push(e.detail.id);
      e.preventDefault();
    });
  });
  const firstId = (await rowIds(feed))[0];
  const firstTitle = (await api('/v1/threads?sort=latest&limit=1')).items[0].title;
  await feed.getByRole('button', { name: firstTitle }).click();
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.__opened), [firstId]);
  assert.equal(await feed.getByRole('button', { name: 'Back to threads' }).count(), 0, 'no thread view');
  assert.equal(await feed.locator('section.thread').count(), 0);
  assert.equal(await feed.locator('article[data-id]').count(), 8, 'the list is still shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('forum-feed: the category and sort attributes change the request and the rows match the API', async () => {
  const { page, context, problems } = await openPortal();
  const feed = page.locator('confab-forum-feed');
  await feed.locator('article[data-id]').first().waitFor({ timeout: 20000 });

  const catReq = page.waitForRequest((r) => r.url().includes('/api/v1/threads?') && new URL(r.url()).searchParams.get('category') === 'certifications');
  await page.evaluate(() => document.querySelector('confab-forum-feed').setAttribute('category', 'certifications'));
  await catReq;
  const byCat = (await api('/v1/threads?category=certifications&sort=latest&limit=8')).items.map((t) => t.id);
  assert.ok(byCat.length > 0);
  await page.waitForFunction(
    (ids) => JSON.stringify([...document.querySelector('confab-forum-feed').shadowRoot.querySelectorAll('article[data-id]')].map((a) => a.dataset.id)) === JSON.stringify(ids),
    byCat,
    { timeout: 15000 },
  );

  const topReq = page.waitForRequest((r) => {
    const q = new URL(r.url()).searchParams;
    return r.url().includes('/api/v1/threads?') && q.get('sort') === 'top' && q.get('category') === 'certifications';
  });
  await page.evaluate(() => document.querySelector('confab-forum-feed').setAttribute('sort', 'top'));
  await topReq;
  const top = (await api('/v1/threads?category=certifications&sort=top&limit=8')).items.map((t) => t.id);
  await page.waitForFunction(
    (ids) => JSON.stringify([...document.querySelector('confab-forum-feed').shadowRoot.querySelectorAll('article[data-id]')].map((a) => a.dataset.id)) === JSON.stringify(ids),
    top,
    { timeout: 15000 },
  );
  assert.notDeepEqual(top, byCat, 'top and latest differ for this category (otherwise the check proves nothing)');
  assert.deepEqual(problems, []);
  await context.close();
});

// ---------------- qa-box ----------------

/** Types `text` into the qa-box title and waits for the similar-questions request the element makes for it. */
async function typeTitle(page, qa, text) {
  const similar = page.waitForResponse(
    (r) => r.url().includes('/api/v1/questions/similar?') && new URL(r.url()).searchParams.get('q') === text,
    { timeout: 15000 },
  );
  await qa.getByLabel('Your question').fill(text);
  return (await similar).json();
}

/** Asks a question as `asker` and answers it as `answerer`, both through the API. */
async function seedQuestion(asker, answerer) {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const title = `Quokka zebrafish firmware pairing ${stamp}?`;
  const q = await post(asker.id, '/v1/questions', { title, body: 'Both nodes refuse to pair after the upgrade.', category: 'technical' });
  const qid = q.id ?? q.question?.id;
  const a = await post(answerer.id, `/v1/questions/${qid}/answers`, { body: `Re-run **pairing** after the reboot (${stamp}).` });
  const aid = a.id ?? a.answer?.id;
  assert.ok(qid && aid, 'question and answer ids');
  return { title, qid, aid };
}

test('qa-box: a typed title shows the similar questions from the API; opening one shows its answers; "This answered my question" records a deflection', async () => {
  const { page, context, problems } = await openPortal();
  const qa = page.locator('confab-qa-box');
  const text = 'How do I register a deal for Acme Edge Firewall';
  const fromElement = await typeTitle(page, qa, text);
  const fromApi = await api(`/v1/questions/similar?q=${encodeURIComponent(text)}&limit=5`);
  assert.ok(fromApi.items.length > 0, 'the seed has similar questions');
  const options = qa.getByRole('option');
  await options.first().waitFor({ timeout: 15000 });
  const shown = await qa.locator('[role=option] .option-title').allTextContents();
  assert.deepEqual(shown, fromElement.items.slice(0, 5).map((q) => q.title), 'options are the server response, in order');
  assert.deepEqual(shown, fromApi.items.slice(0, 5).map((q) => q.title), 'and match the API');

  const picked = fromApi.items[0];
  await options.first().click();
  await qa.getByRole('heading', { name: picked.title, level: 2 }).waitFor({ timeout: 15000 });
  const detail = await api(`/v1/questions/${picked.id}`);
  const answers = qa.locator('li[data-answer]');
  await answers.first().waitFor({ timeout: 15000 });
  assert.deepEqual(
    await answers.evaluateAll((ls) => ls.map((l) => l.dataset.answer)),
    detail.answers.items.map((a) => a.id),
    'its answers, in the API order (accepted first)',
  );

  // Playwright cannot read the body of a request sent as a cloned Request (as ky 1 sends it), so the
  // page records what its fetch was given: the body as it left the page.
  await page.evaluate(() => {
    const sent = (window.__confabPosted = []);
    const original = window.fetch;
    window.fetch = async (input, init) => {
      if (input instanceof Request && input.method === 'POST') sent.push({ url: input.url, body: await input.clone().text() });
      return original.call(window, input, init);
    };
  });
  const deflectionUrl = `/api/v1/questions/${picked.id}/deflections`;
  const deflection = page.waitForResponse((r) => r.url().endsWith(deflectionUrl) && r.request().method() === 'POST');
  await qa.getByRole('button', { name: 'This answered my question' }).click();
  const res = await deflection;
  assert.equal(res.status(), 200);
  const posted = await page.evaluate((u) => window.__confabPosted.find((p) => p.url.endsWith(u)), deflectionUrl);
  assert.ok(posted, 'the deflection went through the page\'s fetch');
  assert.equal(JSON.parse(posted.body).query, text, 'the deflection carries the typed query');
  await qa.getByText('Thanks! Glad you found your answer.').first().waitFor({ timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('qa-box: voting up an answer adds one to its score in the API; voting up again withdraws the vote', async () => {
  const [asker, answerer, voter] = await partners();
  const { title, qid, aid } = await seedQuestion(asker, answerer);
  const score = async () => {
    const page = await api(`/v1/questions/${qid}/answers`, { headers: { authorization: `Bearer ${await tokenFor(voter.id)}` } });
    const a = page.items.find((x) => x.id === aid);
    return { score: a.score, myVote: a.myVote };
  };
  assert.deepEqual(await score(), { score: 0, myVote: 0 });

  const { page, context, problems } = await openPortal({ user: voter.id });
  const qa = page.locator('confab-qa-box');
  await typeTitle(page, qa, title);
  await qa.getByRole('option', { name: title }).click();
  const answer = qa.locator(`li[data-answer="${aid}"]`);
  await answer.waitFor({ timeout: 15000 });
  const up = answer.getByRole('button', { name: 'Vote up' });

  let voted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/answers/${aid}/vote`) && r.request().method() === 'POST');
  await up.click();
  assert.equal((await voted).status(), 200);
  assert.deepEqual(await score(), { score: 1, myVote: 1 });
  // The element ignores a vote while the previous one is busy: before voting again, wait for its own
  // confirmation (the status announcement comes after it has taken the response in).
  await page.waitForFunction(
    () => [...document.querySelector('confab-qa-box').shadowRoot.querySelectorAll('[role="status"]')].some((s) => s.textContent.includes('Voted up. Score 1.')),
    null,
    { timeout: 15000 },
  );
  assert.equal(await up.getAttribute('aria-pressed'), 'true');

  voted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/answers/${aid}/vote`) && r.request().method() === 'POST');
  await up.click();
  assert.equal((await voted).status(), 200);
  assert.deepEqual(await score(), { score: 0, myVote: 0 });
  await page.waitForFunction(
    (id) => document.querySelector('confab-qa-box').shadowRoot.querySelector(`li[data-answer="${id}"] [part~="vote-up"]`)?.getAttribute('aria-pressed') === 'false',
    aid,
    { timeout: 5000 },
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('qa-box: the asker accepts an answer through the UI and the API has acceptedAnswerId', async () => {
  const [asker, answerer] = await partners();
  const { title, qid, aid } = await seedQuestion(asker, answerer);
  assert.equal((await api(`/v1/questions/${qid}`)).question.acceptedAnswerId, null);

  const { page, context, problems } = await openPortal({ user: asker.id });
  const qa = page.locator('confab-qa-box');
  await typeTitle(page, qa, title);
  await qa.getByRole('option', { name: title }).click();
  const answer = qa.locator(`li[data-answer="${aid}"]`);
  await answer.waitFor({ timeout: 15000 });
  const accepted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/questions/${qid}/accept`) && r.request().method() === 'POST');
  await answer.getByRole('button', { name: 'Accept this answer' }).click();
  assert.equal((await accepted).status(), 200);
  await answer.getByText('Accepted answer').waitFor({ timeout: 5000 });
  const after = await api(`/v1/questions/${qid}`);
  assert.equal(after.question.acceptedAnswerId, aid);
  assert.equal(after.answers.items[0].id, aid);
  assert.equal(after.answers.items[0].accepted, true);
  assert.deepEqual(problems, []);
  await context.close();
});
