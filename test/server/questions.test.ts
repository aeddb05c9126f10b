import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Question, QuestionSummary } from '../../src/contract/index.js';
import { PEOPLE, call, setupTestEnv, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('questions');
});
after(async () => {
  await env?.close();
});

describe('questions: reads', () => {
  test('lists questions; seeded data has answered, accepted and unanswered ones', async () => {
    const all = await call(env, 'listQuestions', { query: { limit: '100' } });
    assert.ok(all.body.items.length >= 80);
    assert.ok(all.body.items.some((q: any) => q.accepted));
    assert.ok(all.body.items.some((q: any) => q.answerCount > 0 && !q.accepted));
    const un = await call(env, 'listQuestions', { query: { sort: 'unanswered', limit: '100' } });
    assert.ok(un.body.items.length > 0 && un.body.items.every((q: any) => q.answerCount === 0));
    const top = await call(env, 'listQuestions', { query: { sort: 'top', limit: '10' } });
    const s = top.body.items.map((q: any) => q.score);
    assert.deepEqual(s, [...s].sort((a, b) => b - a));
    const cat = await call(env, 'listQuestions', { query: { category: 'technical' } });
    assert.ok(cat.body.items.every((q: any) => q.category === 'technical'));
  });

  test('summaries and questions list their fields in the contract order', async () => {
    const list = await call(env, 'listQuestions', { query: { limit: '1' } });
    assert.deepEqual(Object.keys(list.body.items[0]), Object.keys(QuestionSummary.entries));
    const r = await call(env, 'getQuestion', { params: { id: list.body.items[0].id } });
    assert.deepEqual(Object.keys(r.body.question), Object.keys(Question.entries));
  });

  test('a question with answers: accepted first, then by score; further pages', async () => {
    const all = await call(env, 'listQuestions', { query: { limit: '100' } });
    const q = all.body.items.find((x: any) => x.accepted && x.answerCount >= 2);
    assert.ok(q, 'seed has an accepted question with two or more answers');
    const r = await call(env, 'getQuestion', { params: { id: q.id } });
    assert.equal(r.body.question.myVote, 0);
    assert.ok(r.body.question.acceptedAnswerId);
    assert.equal(r.body.answers.items[0].id, r.body.question.acceptedAnswerId);
    assert.equal(r.body.answers.items[0].accepted, true);
    const rest = r.body.answers.items.slice(1).map((a: any) => a.score);
    assert.deepEqual(rest, [...rest].sort((a, b) => b - a));
    const p = await call(env, 'listAnswers', { params: { id: q.id }, query: { limit: '1' } });
    assert.equal(p.body.items.length, 1);
    assert.ok(p.body.nextCursor);
    assert.equal((await call(env, 'getQuestion', { params: { id: 'q-none' } })).status, 404);
  });

  test('similar questions: ranked by similarity, accepted ones first, with the accepted excerpt', async () => {
    const r = await call(env, 'similarQuestions', { query: { q: 'How do I register a deal for Acme Edge Firewall?' } });
    assert.ok(r.body.items.length > 0 && r.body.items.length <= 5);
    const first = r.body.items[0];
    assert.match(first.title, /register a deal/i);
    const acc = r.body.items.filter((x: any) => x.accepted);
    for (const a of acc) assert.ok(a.acceptedExcerpt && !/[<>*#]/.test(a.acceptedExcerpt), 'plain-text excerpt');
    // accepted questions do not come after unanswered ones of similar similarity
    const idxAcc = r.body.items.findIndex((x: any) => x.accepted);
    const idxUn = r.body.items.findIndex((x: any) => x.answerCount === 0);
    if (idxAcc >= 0 && idxUn >= 0 && Math.abs(r.body.items[idxAcc].similarity - r.body.items[idxUn].similarity) < 0.1) assert.ok(idxAcc < idxUn);
    // type-ahead: an unfinished last word still finds questions
    const typing = await call(env, 'similarQuestions', { query: { q: 'single sign-on with Ok' } });
    assert.ok(typing.body.items.some((x: any) => /Okta/.test(x.title)), JSON.stringify(typing.body.items));
    const none = await call(env, 'similarQuestions', { query: { q: 'zzqx quux' } });
    assert.deepEqual(none.body.items, []);
    assert.equal((await call(env, 'similarQuestions', { query: { q: '  ' } })).status, 400);
    assert.equal((await call(env, 'similarQuestions', { query: {} })).status, 400);
    // hostile syntax is never a 500
    for (const q of ['"unclosed', 'a & | ! :* (', "'; DROP TABLE questions; --", '-', 'or or or', '\\', '(((']) {
      assert.equal((await call(env, 'similarQuestions', { query: { q } })).status, 200, q);
    }
  });
});

describe('questions: writes', () => {
  test('ask, answer, accept (asker only, or a moderator), with authorisation errors', async () => {
    assert.equal((await call(env, 'askQuestion', { body: { title: 'Anonymous question', body: 'b', category: 'technical' } })).status, 401);
    const q = await call(env, 'askQuestion', {
      as: PEOPLE.devi,
      body: { title: 'Can the Edge Firewall do BGP over IPsec?', body: 'We need **BGP** over the tunnel.', category: 'technical', tags: ['api'] },
    });
    assert.equal(q.body.accepted, false);
    assert.equal(q.body.acceptedAnswerId, null);
    const a1 = await call(env, 'answerQuestion', { as: PEOPLE.ava, params: { id: q.body.id }, body: { body: 'Yes, since 5.1.' } });
    const a2 = await call(env, 'answerQuestion', { as: PEOPLE.chloe, params: { id: q.body.id }, body: { body: 'Not sure.' } });
    assert.equal(a1.body.accepted, false);
    assert.equal((await call(env, 'getQuestion', { params: { id: q.body.id } })).body.question.answerCount, 2);
    // only the asker accepts
    assert.equal((await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q.body.id }, body: { answerId: a1.body.id } })).status, 403);
    assert.equal((await call(env, 'acceptAnswer', { params: { id: q.body.id }, body: { answerId: a1.body.id } })).status, 401);
    // the answer must belong to the question
    const wrong = await call(env, 'acceptAnswer', { as: PEOPLE.devi, params: { id: q.body.id }, body: { answerId: 'an-001-1' } });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.errors[0].path, 'answerId');
    const ok = await call(env, 'acceptAnswer', { as: PEOPLE.devi, params: { id: q.body.id }, body: { answerId: a1.body.id } });
    assert.equal(ok.body.accepted, true);
    assert.equal(ok.body.acceptedAnswerId, a1.body.id);
    // a moderator may change it
    const mod = await call(env, 'acceptAnswer', { as: PEOPLE.morgan, params: { id: q.body.id }, body: { answerId: a2.body.id } });
    assert.equal(mod.body.acceptedAnswerId, a2.body.id);
    const got = await call(env, 'getQuestion', { params: { id: q.body.id } });
    assert.equal(got.body.answers.items[0].id, a2.body.id);
    assert.equal(got.body.answers.items[0].accepted, true);
  });

  test('votes: one per person per target, toggle and withdraw; score recalculated', async () => {
    const q = (await call(env, 'askQuestion', { as: PEOPLE.ben, body: { title: 'Vote on me please', body: 'b', category: 'mdf' } })).body;
    const up = await call(env, 'voteQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { value: 1 } });
    assert.deepEqual(up.body, { score: 1, myVote: 1 });
    const again = await call(env, 'voteQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { value: 1 } });
    assert.deepEqual(again.body, { score: 1, myVote: 1 }, 'a second identical vote does not count twice');
    const other = await call(env, 'voteQuestion', { as: PEOPLE.chloe, params: { id: q.id }, body: { value: -1 } });
    assert.deepEqual(other.body, { score: 0, myVote: -1 });
    const flip = await call(env, 'voteQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { value: -1 } });
    assert.deepEqual(flip.body, { score: -2, myVote: -1 });
    const withdraw = await call(env, 'voteQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { value: 0 } });
    assert.deepEqual(withdraw.body, { score: -1, myVote: 0 });
    const seen = await call(env, 'getQuestion', { as: PEOPLE.chloe, params: { id: q.id } });
    assert.equal(seen.body.question.myVote, -1);
    assert.equal(seen.body.question.score, -1);
    assert.equal((await call(env, 'voteQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { value: 2 } })).status, 422);
    assert.equal((await call(env, 'voteQuestion', { params: { id: q.id }, body: { value: 1 } })).status, 401);

    const a = (await call(env, 'answerQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { body: 'An answer' } })).body;
    assert.deepEqual((await call(env, 'voteAnswer', { as: PEOPLE.ben, params: { id: a.id }, body: { value: 1 } })).body, { score: 1, myVote: 1 });
    const mine = await call(env, 'listAnswers', { as: PEOPLE.ben, params: { id: q.id } });
    assert.equal(mine.body.items[0].myVote, 1);
    assert.equal(mine.body.items[0].score, 1);
    assert.equal((await call(env, 'voteAnswer', { as: PEOPLE.ben, params: { id: 'a-missing' }, body: { value: 1 } })).status, 404);
  });

  test('edit and delete own questions and answers; moderators may too', async () => {
    const q = (await call(env, 'askQuestion', { as: PEOPLE.ben, body: { title: 'Editable question', body: 'b', category: 'mdf' } })).body;
    const a = (await call(env, 'answerQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { body: 'first' } })).body;
    assert.equal((await call(env, 'updateQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { title: 'Not mine' } })).status, 403);
    assert.equal((await call(env, 'updateQuestion', { as: PEOPLE.ben, params: { id: q.id }, body: { title: 'Edited question' } })).body.title, 'Edited question');
    assert.equal((await call(env, 'updateAnswer', { as: PEOPLE.ben, params: { id: a.id }, body: { body: 'nope' } })).status, 403);
    assert.equal((await call(env, 'updateAnswer', { as: PEOPLE.ava, params: { id: a.id }, body: { body: 'second' } })).body.body, 'second');
    assert.equal((await call(env, 'deleteAnswer', { as: PEOPLE.ben, params: { id: a.id } })).status, 403);
    assert.equal((await call(env, 'deleteAnswer', { as: PEOPLE.sam, params: { id: a.id } })).status, 204);
    assert.equal((await call(env, 'getQuestion', { params: { id: q.id } })).body.question.answerCount, 0);
    assert.equal((await call(env, 'deleteQuestion', { as: PEOPLE.chloe, params: { id: q.id } })).status, 403);
    assert.equal((await call(env, 'deleteQuestion', { as: PEOPLE.ben, params: { id: q.id } })).status, 204);
    assert.equal((await call(env, 'getQuestion', { params: { id: q.id } })).status, 404);
  });

  test('deflections are recorded, anonymously too', async () => {
    // The seed's history already holds deflections (for the insights): count the two added here.
    const count = async () => Number((await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deflections WHERE question_id = 'q-001'`)).rows[0].n);
    const before = await count();
    const r = await call(env, 'recordDeflection', { params: { id: 'q-001' }, body: { query: 'register a deal' } });
    assert.deepEqual(r.body, { ok: true });
    const r2 = await call(env, 'recordDeflection', { as: PEOPLE.ben, params: { id: 'q-001' }, body: { query: 'deal reg' } });
    assert.deepEqual(r2.body, { ok: true });
    assert.equal(await count(), before + 2);
    assert.equal((await call(env, 'recordDeflection', { params: { id: 'q-missing' }, body: { query: 'x' } })).status, 404);
    assert.equal((await call(env, 'recordDeflection', { params: { id: 'q-001' }, body: { query: 'x'.repeat(201) } })).status, 422);
  });
});

describe('me and stats', () => {
  test('me reflects the token, or anonymous', async () => {
    assert.deepEqual((await call(env, 'me')).body, { authenticated: false });
    const me = await call(env, 'me', { as: PEOPLE.chloe });
    assert.deepEqual(me.body, {
      authenticated: true, id: 'p-chloe', name: 'Chloe Martin', org: { id: 'org-globex', name: 'Globex Integrations' }, tier: 'gold', roles: ['marketing'],
    });
  });

  test('stats are for vendor staff only', async () => {
    assert.equal((await call(env, 'stats')).status, 401);
    assert.equal((await call(env, 'stats', { as: PEOPLE.ava })).status, 403);
    assert.equal((await call(env, 'stats', { as: PEOPLE.sam })).status, 403, 'moderator without vendor-staff');
    const s = await call(env, 'stats', { as: PEOPLE.victor });
    assert.ok(s.body.medianHoursToFirstAnswer > 0);
    assert.ok(s.body.resolutionRate > 0 && s.body.resolutionRate < 1);
    assert.ok(s.body.helpfulRate.articles > 0.5);
    assert.ok(s.body.helpfulRate.answers !== null);
    assert.equal(s.body.weekly.length, 12);
    assert.ok(s.body.weekly.reduce((n: number, w: any) => n + w.threads, 0) > 100);
  });
});
