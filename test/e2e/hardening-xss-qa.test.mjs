// Hardening: the XSS corpus (test/fixtures/xss-vectors.json) through <confab-qa-box>, in Chromium
// against the real server (ARCHITECTURE "Embedding facts": sanitising is a security boundary).
//
// Through the API (demo tokens): question titles, question bodies, tags, and every vector as an answer
// body. Similar-question lookups go to the real server's questions by id, but which five come back for
// a typed title is chosen by the loopback server ("batch N" returns questions 5N..5N+4), so every posted
// vector question appears in the deflection list; their accepted-answer excerpts carry vectors too.
// Authors are rewritten by the loopback server to carry vectors as names and orgs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForMarks, send } from './support/harness.mjs';
import { fitsTitle, fitsTag, pwned, auditDom, allowedBodyRequest, hoverAll, pool, useXssFixture, clickWhileThere, assertBodiesSafe, scrollImagesIn } from './support/xss.mjs';

const QUESTIONS = 40;
let vectors;
let answersQuestion;
const questions = []; // { id, title, vector }

const fx = useXssFixture({
  realServer: true,
  handle(req, res, url) {
    if (url.pathname !== '/api/v1/questions/similar') return false;
    const q = url.searchParams.get('q') ?? '';
    const m = /batch (\d+)/.exec(q);
    const list = m ? questions.slice(Number(m[1]) * 5, Number(m[1]) * 5 + 5) : [];
    const items = [
      ...(m ? [] : [{ id: answersQuestion.id, title: answersQuestion.title, answerCount: vectors.length, accepted: false, acceptedExcerpt: null, similarity: 1 }]),
      ...list.map((x, i) => ({ id: x.id, title: x.title, answerCount: 1, accepted: true, acceptedExcerpt: fx.at(Number(m[1]) * 5 + i + 100), similarity: 0.9 - i / 100 })),
    ];
    send(res, 200, { items });
    return true;
  },
  async seed({ vectors: corpus, post }) {
    vectors = corpus;
    // The vectors that ran unsanitised first: they are the ones most worth a question of their own.
    const titled = vectors.filter((v) => fitsTitle(v.payload)).sort((a, b) => Number(b.liveUnsanitised) - Number(a.liveUnsanitised)).slice(0, QUESTIONS);
    const tags = vectors.filter((v) => fitsTag(v.payload)).map((v) => v.payload.trim());
    const created = await pool(titled, 6, (v, i) =>
      post('/v1/questions', { title: v.payload, body: v.payload, category: 'technical', tags: [...new Set(tags.slice(i * 5, i * 5 + 5))] }));
    created.forEach((q, i) => questions.push({ id: q.id, title: q.title, vector: titled[i] }));
    answersQuestion = await post('/v1/questions', { title: 'Every vector as an answer body', body: 'The answers are the XSS corpus.', category: 'technical' });
    await pool(vectors.filter((v) => v.payload.trim()), 6, (v) => post(`/v1/questions/${answersQuestion.id}/answers`, { body: v.payload }));
  },
});

async function open() {
  const { context, page, guard, problems } = await fx.open('show=qa');
  await waitForMarks(page, ['qa-box']);
  return { context, page, guard, problems, qa: page.locator('confab-qa-box') };
}

test('similar questions: vector titles and accepted-answer excerpts render as text; opened vector questions are sanitised; nothing runs', async () => {
  const { context, page, guard, problems, qa } = await open();
  const field = qa.getByLabel('Your question').first();
  const allowed = allowedBodyRequest(vectors);
  for (let b = 0; b * 5 < questions.length; b++) {
    guard.phase.name = `similar batch ${b}`;
    await field.fill(`How do I fix batch ${b} of my partner questions?`);
    const batch = questions.slice(b * 5, b * 5 + 5);
    // Wait for this batch's list (the previous one stays up until the debounced lookup answers).
    await page.waitForFunction((titles) => {
      const text = [...document.querySelector('confab-qa-box').shadowRoot.querySelectorAll('[role="option"]')].map((o) => o.textContent).join('\n');
      return titles.every((t) => text.includes(t));
    }, batch.map((x) => x.title), { timeout: 20_000 }).catch(() => undefined);
    const text = await page.evaluate(() => [...document.querySelector('confab-qa-box').shadowRoot.querySelectorAll('[role="option"]')].map((o) => o.textContent).join('\n'));
    for (const x of batch) assert.ok(text.includes(x.title), `${x.vector.id}: the similar question's title shows literally: ${JSON.stringify(x.title)} in ${JSON.stringify(text)}`);
    await hoverAll(page);
    assert.equal(await pwned(page), null, `canary after batch ${b}`);
    assert.deepEqual(guard.foreign, [], 'titles and excerpts never cause a request');
  }
  assert.deepEqual(await auditDom(page), []);
  // Open the first ten vector questions: title heading, vector body, tags.
  for (let b = 0; b < 2; b++) {
    await field.fill(`How do I fix batch ${b} of my partner questions?`);
    await page.waitForFunction((t) => [...document.querySelector('confab-qa-box').shadowRoot.querySelectorAll('[role="option"]')].some((o) => o.textContent.includes(t)), questions[b * 5].title, { timeout: 20_000 });
    for (let i = 0; i < 5; i++) {
      guard.phase.name = `question ${questions[b * 5 + i].vector.id}`;
      await qa.getByRole('option').nth(i).click();
      const back = qa.getByRole('button', { name: 'Back to asking' });
      await back.waitFor({ timeout: 20_000 });
      await page.waitForTimeout(400);
      await hoverAll(page);
      assert.equal(await pwned(page), null, `canary in ${questions[b * 5 + i].vector.id}`);
      assert.deepEqual(await auditDom(page), [], `DOM in ${questions[b * 5 + i].vector.id}`);
      await back.click();
      await qa.getByRole('option').nth(4).waitFor({ timeout: 20_000 });
    }
  }
  assert.deepEqual(guard.foreign.filter((r) => !allowed(r)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('question view: every vector as a Markdown answer body; nothing runs, only allowed body images request', async () => {
  const { context, page, guard, problems, qa } = await open();
  await qa.getByLabel('Your question').first().fill('Show me the answers question please');
  await qa.getByRole('option', { name: /Every vector as an answer body/ }).click();
  await qa.getByRole('button', { name: 'Back to asking' }).waitFor({ timeout: 20_000 });
  guard.phase.name = 'answers';
  // By part, not by name: while a page loads the button reads "Loading answers…".
  const more = qa.locator('button[part~="more"]');
  const answers = qa.locator('li[data-answer]');
  // More answers than one page: the button shows once the first page is in.
  await qa.getByRole('button', { name: 'Show more answers' }).waitFor({ timeout: 20_000 });
  await clickWhileThere(more, answers);
  assert.equal(await more.count(), 0, 'every page of answers is in');
  assert.ok((await answers.count()) >= vectors.filter((v) => v.payload.trim()).length, 'every vector answer is shown');
  // The Markdown renderer is a lazy chunk; bodies show as plain text until it is in.
  await qa.locator('.prose p', { hasText: 'The answers are the XSS corpus.' }).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1000);
  // Body images are loading="lazy": bring each into view until it has asked, so every one that survived sanitising asks.
  const seen = {
    images: await scrollImagesIn(page, 'confab-qa-box'),
    text: await page.evaluate(() => document.querySelector('confab-qa-box').shadowRoot.textContent.length),
  };
  await assertBodiesSafe(page, guard, vectors, seen);
  assert.deepEqual(problems, []);
  await context.close();
});
