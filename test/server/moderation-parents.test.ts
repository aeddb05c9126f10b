// Held or hidden content never shows through (the audit of 2026-12): an accepted answer that is hidden
// stops its question being accepted (and a restore brings it back); a reply or an answer is only as
// visible as its thread or question; people search and mention chips give away no one whose only
// published post is in a hidden topic or who is not findable at all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mentionMarkdown } from '../../src/contract/index.js';
import { PEOPLE, call, setupTestEnv, type TestEnv, type Who } from './helpers.js';
import { MOD, act } from './moderation-helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('moderation-parents');
});
after(() => env.close());

const ask = async (who: Who, title: string, tags: string[] = []) =>
  (await call(env, 'askQuestion', { as: who, body: { title, body: `${title}, in detail`, category: 'technical', tags } })).body.id as string;
const answerTo = async (who: Who, q: string, body = 'Turn the quokka valve twice.') =>
  (await call(env, 'answerQuestion', { as: who, params: { id: q }, body: { body } })).body.id as string;
const newThread = async (who: Who, title: string) =>
  (await call(env, 'createThread', { as: who, body: { title, body: `${title}, in detail`, category: 'technical' } })).body.id as string;
const replyTo = async (who: Who, t: string, body = 'A reply') => (await call(env, 'replyToThread', { as: who, params: { id: t }, body: { body } })).body.id as string;

/** One number from the database. */
const one = async (sql: string, params: unknown[] = []) => Number(Object.values((await env.db.query<Record<string, unknown>>(sql, params)).rows[0] ?? { n: NaN })[0]);

describe('a question is accepted only while its accepted answer is published', () => {
  test('hiding the accepted answer: detail, list, similar questions, CSAT, statistics and rollups; approve brings it back', async () => {
    const tag = 'quokka-valve';
    const q = await ask(PEOPLE.ava, 'How do I reset the quokka valve firmware?', [tag]);
    const a = await answerTo(PEOPLE.ben, q);
    assert.equal((await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q }, body: { answerId: a } })).status, 200);

    const detail = async (who?: Who) => (await call(env, 'getQuestion', { as: who, params: { id: q } })).body;
    const listed = async () => (await call(env, 'listQuestions', { query: { tag } })).body.items.find((x: { id: string }) => x.id === q);
    const similar = async () =>
      (await call(env, 'similarQuestions', { as: PEOPLE.chloe, query: { q: 'reset quokka valve firmware' } })).body.items.find((x: { id: string }) => x.id === q);
    const csat = async () => (await call(env, 'getCsat', { as: PEOPLE.ava, params: { id: q } })).body.eligible;
    const rate = async () => (await call(env, 'stats', { as: PEOPLE.victor })).body.resolutionRate;
    const resolved = () => one(`SELECT COALESCE(sum(resolved), 0)::int FROM insights_question_days`);
    const bensAccepted = () => one(`SELECT COALESCE(sum(accepted), 0)::int FROM insights_contributor_days WHERE person_id = $1`, [PEOPLE.ben.id]);
    const answered = () => one(`SELECT answered FROM question_search WHERE id = $1`, [q]);

    // Accepted and published: everyone sees it (the baseline each check below departs from).
    assert.equal((await detail()).question.acceptedAnswerId, a);
    assert.equal((await listed()).accepted, true);
    assert.equal((await similar()).accepted, true);
    assert.ok((await similar()).acceptedExcerpt);
    assert.equal(await answered(), 2);
    assert.equal(await csat(), true);
    const [rate0, resolved0, bens0] = [await rate(), await resolved(), await bensAccepted()];

    assert.equal((await act(env, { kind: 'answer', id: a }, 'hide')).status, 200);
    for (const who of [undefined, PEOPLE.ava, PEOPLE.chloe]) {
      const d = await detail(who);
      assert.equal(d.question.answerCount, 0);
      assert.equal(d.question.accepted, false, 'not accepted for someone who may not read the answer (the asker neither)');
      assert.equal(d.question.acceptedAnswerId, null, 'and the hidden id is not given away');
      assert.deepEqual(d.answers.items, []);
    }
    // Its author and moderators may read the answer: for them it is still the accepted one, shown first.
    for (const who of [PEOPLE.ben, MOD]) {
      const d = await detail(who);
      assert.equal(d.question.acceptedAnswerId, a);
      assert.equal(d.question.accepted, true);
      assert.deepEqual(d.answers.items.map((x: { id: string; accepted: boolean; status: string }) => [x.id, x.accepted, x.status]), [[a, true, 'hidden']]);
    }
    assert.equal((await listed()).accepted, false);
    const s = await similar();
    assert.deepEqual([s.accepted, s.acceptedExcerpt, s.answerCount], [false, null, 0]);
    assert.equal(await answered(), 0, 'no accepted head start in the deflection ranking');
    assert.equal(await csat(), false, 'the asker is not asked whether a hidden answer solved it');
    assert.equal((await call(env, 'answerCsat', { as: PEOPLE.ava, params: { id: q }, body: { score: 5 } })).status, 409);
    assert.ok((await rate()) < rate0, 'staff statistics do not count it resolved');
    assert.equal(await resolved(), resolved0 - 1, 'nor do the insights rollups');
    assert.equal(await bensAccepted(), bens0 - 1, 'nor the answerer\'s accepted answers');

    assert.equal((await act(env, { kind: 'answer', id: a }, 'approve')).status, 200);
    assert.equal((await detail()).question.acceptedAnswerId, a, 'a restore brings the acceptance back');
    assert.equal((await listed()).accepted, true);
    assert.equal((await similar()).accepted, true);
    assert.equal(await answered(), 2);
    assert.equal(await csat(), true);
    assert.deepEqual([await rate(), await resolved(), await bensAccepted()], [rate0, resolved0, bens0]);
  });

  test('a held accepted answer (an edit caught by a watched word) unaccepts too; the asker may accept another; a delete drops the choice', async () => {
    await call(env, 'putWatchedWords', { as: MOD, body: { items: [{ pattern: 'wombatware', action: 'hold' }] } });
    const q = await ask(PEOPLE.ava, 'Why does the numbat relay drop packets?');
    const a = await answerTo(PEOPLE.ben, q, 'Update the relay.');
    const b = await answerTo(PEOPLE.chloe, q, 'Check the cable.');
    await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q }, body: { answerId: a } });
    const edited = await call(env, 'updateAnswer', { as: PEOPLE.ben, params: { id: a }, body: { body: 'Install wombatware.' } });
    assert.deepEqual([edited.body.status, edited.body.accepted], ['held', true], 'its author still sees it as the accepted one');
    assert.equal((await call(env, 'getQuestion', { params: { id: q } })).body.question.acceptedAnswerId, null);
    // Accepting another answer replaces the choice: approving the first later does not bring it back.
    await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q }, body: { answerId: b } });
    await act(env, { kind: 'answer', id: a }, 'approve');
    assert.equal((await call(env, 'getQuestion', { params: { id: q } })).body.question.acceptedAnswerId, b);
    // Hidden, then deleted by a moderator: the choice goes with it, and nothing can bring it back.
    await act(env, { kind: 'answer', id: b }, 'hide');
    await act(env, { kind: 'answer', id: b }, 'delete');
    assert.deepEqual((await env.db.query(`SELECT accepted_answer_id, chosen_answer_id FROM questions WHERE id = $1`, [q])).rows[0],
      { accepted_answer_id: null, chosen_answer_id: null });
    assert.equal((await call(env, 'getQuestion', { as: MOD, params: { id: q } })).body.question.acceptedAnswerId, null);
    // A question with an accepted answer can still be deleted (its answers go by cascade).
    await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q }, body: { answerId: a } });
    assert.equal((await call(env, 'deleteQuestion', { as: PEOPLE.ava, params: { id: q } })).status, 204);
  });
});

describe('a reply or an answer is only as visible as its thread or question', () => {
  test('votes, reports, edits, deletes and CSAT: 404 inside a hidden topic for whoever may not read the topic', async () => {
    const q = await ask(PEOPLE.ava, 'Which bilby adapter fits the rack?');
    const a = await answerTo(PEOPLE.devi, q, 'The short one.');
    await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q }, body: { answerId: a } });
    const t = await newThread(PEOPLE.ava, 'Bilby adapters in the wild');
    const r = await replyTo(PEOPLE.devi, t, 'Mine fits.');
    // Published topics: Ben may vote and report; editing someone else's is 403 (it exists for him).
    assert.equal((await call(env, 'voteAnswer', { as: PEOPLE.ben, params: { id: a }, body: { value: 1 } })).status, 200);
    assert.equal((await call(env, 'updatePost', { as: PEOPLE.ben, params: { id: r }, body: { body: 'x' } })).status, 403);
    assert.equal((await call(env, 'answerCsat', { as: PEOPLE.ben, params: { id: q }, body: { score: 3 } })).status, 403);

    await act(env, { kind: 'question', id: q }, 'hide');
    await act(env, { kind: 'thread', id: t }, 'hide');
    // Ben, and Devi too (she wrote the answer and the reply, not the topics): neither author nor moderator.
    for (const who of [PEOPLE.ben, PEOPLE.devi]) {
      const status = async (name: Parameters<typeof call>[1], o: Parameters<typeof call>[2]) => (await call(env, name, { as: who, ...o })).status;
      assert.equal(await status('voteAnswer', { params: { id: a }, body: { value: 1 } }), 404);
      assert.equal(await status('createFlag', { body: { target: { kind: 'answer', id: a }, reason: 'spam' } }), 404);
      assert.equal(await status('createFlag', { body: { target: { kind: 'post', id: r }, reason: 'spam' } }), 404);
      assert.equal(await status('getCsat', { params: { id: q } }), 404);
      assert.equal(await status('answerCsat', { params: { id: q }, body: { score: 3 } }), 404);
      assert.equal(await status('updatePost', { params: { id: r }, body: { body: 'x' } }), 404);
      assert.equal(await status('deletePost', { params: { id: r } }), 404);
      assert.equal(await status('updateAnswer', { params: { id: a }, body: { body: 'x' } }), 404);
      assert.equal(await status('deleteAnswer', { params: { id: a } }), 404);
    }
    // As for an id that never existed.
    assert.equal((await call(env, 'getCsat', { as: PEOPLE.ben, params: { id: 'q-never' } })).status, 404);
    // The topics' author and moderators still may.
    assert.equal((await call(env, 'voteAnswer', { as: PEOPLE.ava, params: { id: a }, body: { value: 1 } })).status, 200);
    assert.equal((await call(env, 'getCsat', { as: PEOPLE.ava, params: { id: q } })).body.eligible, true);
    assert.equal((await call(env, 'voteAnswer', { as: PEOPLE.sam, params: { id: a }, body: { value: 1 } })).status, 200);
    assert.equal((await call(env, 'createFlag', { as: PEOPLE.sam, body: { target: { kind: 'post', id: r }, reason: 'spam' } })).status, 200);
    assert.equal((await call(env, 'updatePost', { as: MOD, params: { id: r }, body: { body: 'Edited by a moderator.' } })).status, 200);
    // Nothing Ben or Devi tried counted: the answer's score is Ben's first vote plus Ava's and Sam's.
    assert.equal(await one(`SELECT score FROM answers WHERE id = $1`, [a]), 3);
    assert.equal(await one(`SELECT count(*)::int FROM flags WHERE target_id IN ($1, $2)`, [a, r]), 1);
  });
});

describe('people search and mentions give away no one hidden', () => {
  test('someone whose only published reply or answer is in a hidden topic is not found', async () => {
    const sylvia: Who = { id: 'p-sylvia-reply', name: 'Sylvana Replyonly', org: 'org-wayne', tier: 'gold', roles: ['sales'] };
    const silas: Who = { id: 'p-silas-answer', name: 'Sylvanus Answeronly', org: 'org-wayne', tier: 'gold', roles: ['sales'] };
    const t = await newThread(PEOPLE.ava, 'Echidna cabling');
    await replyTo(sylvia, t);
    const q = await ask(PEOPLE.ava, 'Echidna cabling limits?');
    await answerTo(silas, q);
    const find = async () => (await call(env, 'searchPeople', { as: PEOPLE.ben, query: { q: 'sylvan' } })).body.items.map((p: { id: string }) => p.id).sort();
    assert.deepEqual(await find(), [silas.id, sylvia.id], 'published where anyone can read it: found');
    await act(env, { kind: 'thread', id: t }, 'hide');
    assert.deepEqual(await find(), [silas.id]);
    await act(env, { kind: 'question', id: q }, 'hide');
    assert.deepEqual(await find(), []);
    assert.deepEqual((await call(env, 'searchPeople', { as: PEOPLE.victor, query: { q: 'sylvan' } })).body.items.length, 2, 'staff find everyone');
  });

  test('a mention becomes a chip with the stored name only for someone the author could find', async () => {
    await env.db.query(`INSERT INTO people (id, name, org_id, org_name, tier, roles) VALUES ('u-silent', 'Sylvia Quietwater', 'org-hidden', 'Hidden Co', 'gold', '{sales}')`);
    assert.deepEqual((await call(env, 'searchPeople', { as: PEOPLE.ben, query: { q: 'Sylvia' } })).body.items, []);
    const posted = async (who: Who, body: string) =>
      (await call(env, 'createThread', { as: who, body: { title: 'Mentions', body, category: 'technical' } })).body.body as string;
    assert.equal(await posted(PEOPLE.ben, 'hello @[x](u-silent)'), 'hello @x', 'kept as written, as text: the same as for an id nobody has');
    assert.equal(await posted(PEOPLE.ben, 'hello @[x](u-nobody)'), 'hello @x');
    // Whom Ben can find (an author, himself) still gets the stored name; staff may find anyone.
    assert.equal(await posted(PEOPLE.ben, 'hi @[x](p-ava) @[me](p-ben)'), `hi ${mentionMarkdown(PEOPLE.ava)} ${mentionMarkdown(PEOPLE.ben)}`);
    assert.equal(await posted(PEOPLE.victor, 'hello @[x](u-silent)'), `hello ${mentionMarkdown({ id: 'u-silent', name: 'Sylvia Quietwater' })}`);
  });
});
