// GET /v1/insights and its CSV export against a small fixed dataset whose figures are worked out by
// hand below. The fixture lives in March 2020 (and February for the previous period), far from the
// seeded community (dated relative to now), so the seed adds nothing to these periods.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordSearch } from '../../server/src/handlers/insights/search-events.js';
import { PEOPLE, call, expectProblem, pathFor, raw, setupTestEnv, tokenFor, type TestEnv } from './helpers.js';

let env: TestEnv;
const PERIOD = { from: '2020-03-02', to: '2020-03-15' }; // two whole weeks; previous: 2020-02-17..03-01
const searchIds: string[] = [];

const T = (s: string) => `2020-${s}:00Z`;
async function insert(table: string, cols: string[], rows: unknown[][]) {
  for (const r of rows) {
    await env.db.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, r);
  }
}

before(async () => {
  env = await setupTestEnv('insights');
  const ava = PEOPLE.ava.id, ben = PEOPLE.ben.id, chloe = PEOPLE.chloe.id, devi = PEOPLE.devi.id, sam = PEOPLE.sam.id;
  // Questions (id, author, category, product, asked at). Hours to first answer, current period:
  // fx-q1 1 h, fx-q2 2 h, fx-q3 4 h, fx-q4 10 h, fx-q5 none. Previous: fx-p1 6 h, fx-p2 12 h.
  await insert('questions', ['id', 'title', 'body', 'category', 'author_id', 'product', 'created_at'], [
    ['fx-q1', 'Fixture one', 'b', 'fx-a', ava, 'Fx Prod', T('03-02T00:00')],
    ['fx-q2', 'Fixture two', 'b', 'fx-a', ava, 'Fx Prod', T('03-03T00:00')],
    ['fx-q3', 'Fixture three', 'b', 'fx-b', ben, null, T('03-04T00:00')],
    ['fx-q4', 'Fixture four', 'b', 'fx-b', ben, null, T('03-05T00:00')],
    ['fx-q5', 'Fixture five', 'b', 'fx-b', chloe, null, T('03-09T00:00')],
    ['fx-p1', 'Fixture prev one', 'b', 'fx-a', ava, 'Fx Prod', T('02-20T00:00')],
    ['fx-p2', 'Fixture prev two', 'b', 'fx-b', chloe, null, T('02-21T00:00')],
  ]);
  await insert('answers', ['id', 'question_id', 'author_id', 'body', 'created_at'], [
    ['fx-a1', 'fx-q1', devi, 'a', T('03-02T01:00')],
    ['fx-a2', 'fx-q2', devi, 'a', T('03-03T02:00')],
    ['fx-a2b', 'fx-q2', sam, 'a', T('03-03T10:00')],
    ['fx-a3', 'fx-q3', sam, 'a', T('03-04T04:00')],
    ['fx-a4', 'fx-q4', devi, 'a', T('03-05T10:00')],
    ['fx-pa1', 'fx-p1', devi, 'a', T('02-20T06:00')],
    ['fx-pa2', 'fx-p2', sam, 'a', T('02-21T12:00')],
  ]);
  for (const [q, a] of [['fx-q1', 'fx-a1'], ['fx-q3', 'fx-a3'], ['fx-p1', 'fx-pa1']]) {
    await env.db.query(`UPDATE questions SET accepted_answer_id = $2 WHERE id = $1`, [q, a]);
  }
  // Votes on answers, current period: 3 up, 1 down (helpful 0.75). devi's answers get 2 up, sam's 1.
  await insert('votes', ['person_id', 'target_kind', 'target_id', 'value', 'created_at'], [
    [ben, 'answer', 'fx-a1', 1, T('03-06T00:00')],
    [chloe, 'answer', 'fx-a1', 1, T('03-06T00:00')],
    [ava, 'answer', 'fx-a3', 1, T('03-06T00:00')],
    [chloe, 'answer', 'fx-a2', -1, T('03-06T00:00')],
  ]);
  // CSAT: current 5 (ava on fx-q1) and 2 (ben on fx-q3); previous 4 (ava on fx-p1).
  await insert('csat', ['question_id', 'person_id', 'score', 'answered_at'], [
    ['fx-q1', ava, 5, T('03-03T00:00')], ['fx-q3', ben, 2, T('03-05T00:00')], ['fx-p1', ava, 4, T('02-22T00:00')],
  ]);
  // Deflections: current 3 (ben twice, one anonymous); previous 1.
  await insert('deflections', ['question_id', 'person_id', 'query', 'created_at'], [
    ['fx-q1', ben, 'x', T('03-06T00:00')], ['fx-q1', ben, 'x', T('03-07T00:00')], ['fx-q3', null, 'x', T('03-08T00:00')],
    ['fx-p1', chloe, 'x', T('02-25T00:00')],
  ]);
  // Article feedback: current 3 yes 1 no, previous 1 yes 1 no.
  const { rows: [article] } = await env.db.query<{ id: string }>(`SELECT id FROM articles ORDER BY id LIMIT 1`);
  await insert('article_feedback', ['article_id', 'helpful', 'created_at'], [
    [article.id, true, T('03-02T00:00')], [article.id, true, T('03-03T00:00')], [article.id, true, T('03-12T00:00')], [article.id, false, T('03-12T00:00')],
    [article.id, true, T('02-18T00:00')], [article.id, false, T('02-18T00:00')],
  ]);
  // Threads and posts: current 2 threads (one a week) and 3 posts; previous 1 thread.
  await insert('threads', ['id', 'title', 'body', 'category', 'author_id', 'created_at', 'last_activity_at'], [
    ['fx-t1', 'Fixture thread', 'b', 'fx-a', ava, T('03-02T00:00'), T('03-02T00:00')],
    ['fx-t2', 'Fixture thread two', 'b', 'fx-a', ben, T('03-10T00:00'), T('03-10T00:00')],
    ['fx-t0', 'Fixture thread prev', 'b', 'fx-a', ben, T('02-18T00:00'), T('02-18T00:00')],
  ]);
  await insert('posts', ['id', 'thread_id', 'author_id', 'body', 'created_at'], [
    ['fx-po1', 'fx-t1', ben, 'p', T('03-02T05:00')], ['fx-po2', 'fx-t1', chloe, 'p', T('03-03T05:00')], ['fx-po3', 'fx-t2', ava, 'p', T('03-11T05:00')],
  ]);
  // Held and hidden content, which no figure counts (as /v1/stats does not): a hidden unanswered
  // question (it would lead the unanswered list), a held thread, a hidden reply, and a hidden answer
  // on fx-q2 after its first one, with an upvote (it would give sam a second helpful vote).
  await insert('questions', ['id', 'title', 'body', 'category', 'author_id', 'product', 'created_at', 'status'], [
    ['fx-qh', 'Fixture hidden', 'b', 'fx-b', chloe, null, T('03-08T00:00'), 'hidden'],
  ]);
  await insert('answers', ['id', 'question_id', 'author_id', 'body', 'created_at', 'status'], [['fx-ah', 'fx-q2', sam, 'a', T('03-03T11:00'), 'hidden']]);
  // A held (spam) answer on fx-q5: it must not answer it (first_answer_at, migration 008's triggers).
  await insert('answers', ['id', 'question_id', 'author_id', 'body', 'created_at', 'status'], [['fx-ah5', 'fx-q5', sam, 'spam', T('03-09T01:00'), 'held']]);
  await insert('votes', ['person_id', 'target_kind', 'target_id', 'value', 'created_at'], [[ben, 'answer', 'fx-ah', 1, T('03-06T00:00')]]);
  await insert('threads', ['id', 'title', 'body', 'category', 'author_id', 'created_at', 'last_activity_at', 'status'], [
    ['fx-th', 'Fixture held thread', 'b', 'fx-a', ben, T('03-10T00:00'), T('03-10T00:00'), 'held'],
  ]);
  await insert('posts', ['id', 'thread_id', 'author_id', 'body', 'created_at', 'status'], [['fx-poh', 'fx-t1', ava, 'p', T('03-04T05:00'), 'hidden']]);
  // Searches: current "SSO  setup" x3 (5 results), "fax driver" x2 (none); previous "sso setup" x1.
  const config = env.confab.config;
  for (const at of ['03-03T09:00', '03-03T10:00', '03-04T10:00']) searchIds.push(await recordSearch(env.db, config, null, 'SSO  setup', 5, new Date(T(at))));
  await recordSearch(env.db, config, null, 'fax driver', 0, new Date(T('03-04T11:00')));
  await recordSearch(env.db, config, null, 'Fax Driver', 0, new Date(T('03-10T11:00')));
  await recordSearch(env.db, config, null, 'sso setup', 5, new Date(T('02-20T10:00')));
});
after(async () => {
  await env?.close();
});

const insights = async (query: Record<string, string> = PERIOD) => (await call(env, 'insights', { as: PEOPLE.victor, query })).body;

describe('insights: access', () => {
  test('anonymous callers get a 401, partners a 403, vendor staff the report', async () => {
    assert.equal((await call(env, 'insights', { query: PERIOD })).status, 401);
    assert.equal((await call(env, 'insights', { as: PEOPLE.ava, query: PERIOD })).status, 403);
    assert.equal((await call(env, 'exportInsights', { query: { table: 'summary' } })).status, 401);
    assert.equal((await call(env, 'exportInsights', { as: PEOPLE.ava, query: { table: 'summary' } })).status, 403);
    assert.equal((await call(env, 'insights', { as: PEOPLE.victor, query: PERIOD })).status, 200);
  });

  test('a period that ends before it starts, or spans over two years, is a 400', async () => {
    assert.equal((await call(env, 'insights', { as: PEOPLE.victor, query: { from: '2020-03-10', to: '2020-03-01' } })).status, 400);
    assert.equal((await call(env, 'insights', { as: PEOPLE.victor, query: { from: '2017-01-01', to: '2020-03-01' } })).status, 400);
    assert.equal((await call(env, 'insights', { as: PEOPLE.victor, query: { from: 'yesterday' } })).status, 400);
  });
});

describe('insights: each figure against the fixture', () => {
  test('the period and the previous one of equal length', async () => {
    const r = await insights();
    assert.deepEqual(r.range, {
      from: '2020-03-02T00:00:00.000Z', to: '2020-03-16T00:00:00.000Z',
      previousFrom: '2020-02-17T00:00:00.000Z', previousTo: '2020-03-02T00:00:00.000Z',
    });
  });

  test('time to first answer: median and p90 (percentile_cont), per week', async () => {
    const { timeToFirstAnswer: t } = await insights();
    // Current hours 1, 2, 4, 10: median (2 + 4) / 2 = 3; p90 at rank 0.9 * 3 = 2.7: 4 + 0.7 * (10 - 4) = 8.2.
    // Previous 6, 12: median 9; p90 6 + 0.9 * 6 = 11.4.
    assert.deepEqual(t.median, { current: 3, previous: 9 });
    assert.deepEqual(t.p90, { current: 8.2, previous: 11.4 });
    assert.deepEqual(t.trend, [
      { week: '2020-03-02', median: 3, p90: 8.2, answered: 4 },
      { week: '2020-03-09', median: null, p90: null, answered: 0 },
    ]);
  });

  test('resolution: accepted over asked, per week', async () => {
    const { resolutionRate: r } = await insights();
    assert.deepEqual(r.rate, { current: 2 / 5, previous: 1 / 2 });
    assert.deepEqual(r.asked, { current: 5, previous: 2 });
    assert.deepEqual(r.trend, [
      { week: '2020-03-02', asked: 4, resolved: 2, rate: 0.5 },
      { week: '2020-03-09', asked: 1, resolved: 0, rate: 0 },
    ]);
  });

  test('satisfaction: helpful rates and CSAT', async () => {
    const { satisfaction: s } = await insights();
    assert.deepEqual(s.helpfulRate.articles, { current: 0.75, previous: 0.5 });
    assert.deepEqual(s.helpfulRate.answers, { current: 0.75, previous: null });
    assert.deepEqual(s.csat.average, { current: 3.5, previous: 4 });
    assert.deepEqual(s.csat.responses, { current: 2, previous: 1 });
    assert.deepEqual(s.csat.satisfiedRate, { current: 0.5, previous: 1 });
    assert.deepEqual(s.csat.distribution, [0, 1, 0, 0, 1]);
  });

  test('deflection: deflections over deflections plus questions asked', async () => {
    const { deflectionRate: d } = await insights();
    assert.deepEqual(d.rate, { current: 3 / 8, previous: 1 / 3 });
    assert.deepEqual(d.deflections, { current: 3, previous: 1 });
  });

  test('volume: totals and weeks', async () => {
    const { volume: v } = await insights();
    assert.deepEqual(v.totals, {
      threads: { current: 2, previous: 1 }, posts: { current: 3, previous: 0 },
      questions: { current: 5, previous: 2 }, answers: { current: 5, previous: 2 },
    });
    assert.deepEqual(v.weekly, [
      { week: '2020-03-02', threads: 1, posts: 2, questions: 4, answers: 5 },
      { week: '2020-03-09', threads: 1, posts: 1, questions: 1, answers: 0 },
    ]);
  });

  test('cuts by tier, organisation, category and product', async () => {
    const r = await insights();
    const seg = (rows: any[], key: string) => rows.find((s) => s.key === key);
    // Ava (platinum) asked fx-q1 (1 h, accepted, CSAT 5) and fx-q2 (2 h); previous fx-p1 (6 h, accepted, CSAT 4).
    assert.deepEqual(seg(r.byTier, 'platinum'), {
      key: 'platinum', label: 'platinum', questions: { current: 2, previous: 1 }, medianHoursToFirstAnswer: { current: 1.5, previous: 6 },
      resolutionRate: { current: 0.5, previous: 1 }, csat: { current: 5, previous: 4 }, deflections: { current: 0, previous: 0 },
    });
    // Ben (registered) asked fx-q3 (4 h, accepted, CSAT 2) and fx-q4 (10 h) and deflected twice.
    assert.deepEqual(seg(r.byTier, 'registered'), {
      key: 'registered', label: 'registered', questions: { current: 2, previous: 0 }, medianHoursToFirstAnswer: { current: 7, previous: null },
      resolutionRate: { current: 0.5, previous: null }, csat: { current: 2, previous: null }, deflections: { current: 2, previous: 0 },
    });
    assert.deepEqual(seg(r.byTier, '(none)').deflections, { current: 1, previous: 0 }, 'the anonymous deflection');
    assert.equal(r.byTier[0].questions.current, 2, 'ordered by questions');
    const stark = seg(r.byOrg, 'org-stark');
    assert.ok(stark.label && stark.label !== 'org-stark', 'organisations are labelled by name');
    assert.deepEqual(stark.questions, { current: 2, previous: 0 });
    assert.deepEqual(seg(r.byCategory, 'fx-b').questions, { current: 3, previous: 1 });
    assert.deepEqual(seg(r.byCategory, 'fx-b').medianHoursToFirstAnswer, { current: 7, previous: 12 });
    assert.equal(seg(r.byCategory, 'fx-b').label, 'Fx b', 'categories are labelled readably');
    assert.deepEqual(seg(r.byProduct, 'Fx Prod').resolutionRate, { current: 0.5, previous: 1 });
    assert.deepEqual(seg(r.byProduct, '(none)').questions, { current: 3, previous: 1 });
  });

  test('top contributors: accepted answers, then helpful votes', async () => {
    const { topContributors: t } = await insights();
    assert.deepEqual(t.people.map((p: any) => [p.id, p.acceptedAnswers, p.helpfulVotes, p.previous.acceptedAnswers]), [
      ['p-devi', 1, 2, 1], ['p-sam', 1, 1, 0],
    ]);
    assert.deepEqual(t.orgs.map((o: any) => [o.id, o.acceptedAnswers, o.helpfulVotes]), [['org-initech', 1, 2], ['org-umbrella', 1, 1]]);
  });

  test('search: top and zero-result queries, click-through', async () => {
    // One click on one of the three "sso setup" searches; a second click on it counts the search once.
    for (let i = 0; i < 2; i++) assert.equal((await call(env, 'recordSearchClick', { body: { searchId: searchIds[0], articleId: 'kb-001', position: 0 } })).status, 200);
    const { search: s } = await insights();
    assert.deepEqual(s.searches, { current: 5, previous: 1 });
    assert.deepEqual(s.clickThroughRate, { current: 1 / 5, previous: 0 });
    assert.deepEqual(s.zeroResultRate, { current: 2 / 5, previous: 0 });
    assert.deepEqual(s.topQueries, [
      { query: 'sso setup', count: 3, previousCount: 1, clickThroughRate: 1 / 3 },
      { query: 'fax driver', count: 2, previousCount: 0, clickThroughRate: 0 },
    ]);
    assert.deepEqual(s.zeroResults, [{ query: 'fax driver', count: 2, previousCount: 0, lastSearchedAt: '2020-03-10T11:00:00.000Z' }]);
  });

  test('unanswered: the oldest first, flagged past the SLA', async () => {
    const { unanswered: u } = await insights();
    const { rows: [n] } = await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM questions q WHERE q.status = 'published'
       AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.question_id = q.id AND a.status = 'published')`);
    assert.equal(u.total, Number(n.n));
    assert.equal(u.slaHours, 48);
    assert.equal(u.items[0].id, 'fx-q5');
    assert.equal(u.items[0].pastSla, true);
    assert.equal(u.items[0].author.tier, 'gold');
    assert.equal(u.items[0].category, 'fx-b');
    assert.equal(u.items[0].categoryLabel, 'Fx b', 'the category as people read it');
  });
});

describe('insights: CSV export', () => {
  const csv = async (table: string, query: Record<string, string> = PERIOD) => {
    const res = await raw(env, pathFor('exportInsights', {}, { table, ...query }), { headers: { authorization: `Bearer ${await tokenFor(env, PEOPLE.victor)}` } });
    assert.equal(res.status, 200, table);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    return (await res.text()).split('\r\n').slice(0, -1).map((l) => l.split(','));
  };

  test('every table exports with a header row; the numbers are the report\'s', async () => {
    for (const table of ['summary', 'timeToFirstAnswer', 'resolutionRate', 'volume', 'csat', 'byTier', 'byOrg', 'byCategory', 'byProduct', 'unanswered', 'topPeople', 'topOrgs', 'topQueries', 'zeroResults']) {
      const rows = await csv(table);
      assert.ok(rows.length >= 2, `${table} has a header and rows`);
      assert.ok(rows.every((r) => r.length === rows[0].length) || table === 'unanswered', `${table} rows are as wide as the header`);
    }
    const summary = await csv('summary');
    assert.deepEqual(summary.find((r) => r[0] === 'median_hours_to_first_answer')?.slice(1, 3), ['3', '9']);
    assert.deepEqual(summary.find((r) => r[0] === 'deflection_rate')?.slice(1, 3), [String(3 / 8), String(1 / 3)]);
    assert.deepEqual((await csv('timeToFirstAnswer'))[1], ['2020-03-02', '3', '8.2', '4']);
    const [head, oldest] = await csv('unanswered');
    assert.deepEqual(head, ['id', 'title', 'category', 'asked_at', 'age_hours', 'past_sla', 'author', 'organisation', 'tier', 'category_label'], 'columns only added at the end');
    assert.deepEqual([oldest[0], oldest[2], oldest.at(-1)], ['fx-q5', 'fx-b', 'Fx b'], 'the category as an id and as people read it');
    assert.deepEqual((await csv('zeroResults'))[1], ['fax driver', '2', '0', '2020-03-10T11:00:00.000Z']);
  });

  test('an unknown table is a 400; the format is csv', async () => {
    const token = await tokenFor(env, PEOPLE.victor);
    await expectProblem(await raw(env, pathFor('exportInsights', {}, { table: 'nope' }), { headers: { authorization: `Bearer ${token}` } }), 400);
    await expectProblem(await raw(env, pathFor('exportInsights', {}, { table: 'summary', format: 'xlsx' }), { headers: { authorization: `Bearer ${token}` } }), 400);
  });
});

describe('CSAT and search events through the API', () => {
  test('the asker of an accepted question answers "Did this solve your problem?"; others may not', async () => {
    const before = await call(env, 'getCsat', { as: PEOPLE.ava, params: { id: 'fx-q1' } });
    assert.deepEqual(before.body, { eligible: true, answer: { questionId: 'fx-q1', score: 5, comment: null, answeredAt: '2020-03-03T00:00:00.000Z' } });
    const r = await call(env, 'answerCsat', { as: PEOPLE.ava, params: { id: 'fx-q1' }, body: { score: 4, comment: 'Mostly' } });
    assert.equal(r.body.score, 4);
    assert.equal(r.body.comment, 'Mostly');
    assert.equal((await call(env, 'getCsat', { as: PEOPLE.ava, params: { id: 'fx-q1' } })).body.answer.score, 4, 'answering again replaces');
    assert.equal((await call(env, 'getCsat', { as: PEOPLE.ben, params: { id: 'fx-q1' } })).body.eligible, false);
    assert.equal((await call(env, 'answerCsat', { as: PEOPLE.ben, params: { id: 'fx-q1' }, body: { score: 5 } })).status, 403);
    assert.equal((await call(env, 'answerCsat', { as: PEOPLE.ava, params: { id: 'fx-q2' }, body: { score: 5 } })).status, 409, 'no accepted answer yet');
    assert.equal((await call(env, 'answerCsat', { as: PEOPLE.ava, params: { id: 'fx-q1' }, body: { score: 6 } })).status, 422);
    assert.equal((await call(env, 'answerCsat', { params: { id: 'fx-q1' }, body: { score: 5 } })).status, 401);
    assert.equal((await call(env, 'answerCsat', { as: PEOPLE.ava, params: { id: 'no-such' }, body: { score: 5 } })).status, 404);
    // Put the fixture back for the other tests.
    await env.db.query(`UPDATE csat SET score = 5, comment = NULL, answered_at = $1 WHERE question_id = 'fx-q1'`, [T('03-03T00:00')]);
  });

  test('a search records an event without personal data unless configured; a click on it counts', async () => {
    const r = await call(env, 'searchArticles', { as: PEOPLE.ava, query: { q: 'Zzyzx nothing here' } });
    assert.equal(r.body.total, 0);
    assert.ok(r.body.searchId);
    const { rows: [e] } = await env.db.query<any>(`SELECT query, result_count, tier, org_id, person_id FROM search_events WHERE id = $1`, [r.body.searchId]);
    assert.deepEqual({ ...e, result_count: Number(e.result_count) }, { query: 'zzyzx nothing here', result_count: 0, tier: 'platinum', org_id: 'org-northwind', person_id: null });
    const paged = await call(env, 'searchArticles', { query: { q: 'partner', product: 'Acme Identity' } });
    assert.equal(paged.body.searchId, null, 'a narrowed search is not counted again');
    const today = new Date().toISOString().slice(0, 10);
    const now = await insights({ from: today, to: today });
    assert.deepEqual(now.search.zeroResults.find((z: any) => z.query === 'zzyzx nothing here')?.count, 1);
    const withPersonal = env.makeApp({ config: { insights: { ...env.confab.config.insights, searchPersonalData: true } } });
    const r2 = await call(env, 'searchArticles', { as: PEOPLE.ava, query: { q: 'Zzyzx again' }, app: withPersonal });
    const { rows: [e2] } = await env.db.query<any>(`SELECT person_id FROM search_events WHERE id = $1`, [r2.body.searchId]);
    assert.equal(e2.person_id, PEOPLE.ava.id);
    await withPersonal.close();
    assert.equal((await call(env, 'recordSearchClick', { body: { searchId: '00000000-0000-4000-8000-000000000000', articleId: 'kb-001', position: 0 } })).status, 422);
    assert.equal((await call(env, 'recordSearchClick', { body: { searchId: 'not-a-uuid', articleId: 'kb-001', position: 0 } })).status, 422);
  });
});

describe('insights: first answer time follows answer status', () => {
  test('hiding the only published answer reopens a question; approving an answer answers it', async () => {
    const at = async () => (await env.db.query<{ f: unknown }>(`SELECT first_answer_at AS f FROM questions WHERE id = 'fx-z'`)).rows[0].f;
    await insert('questions', ['id', 'title', 'body', 'category', 'author_id', 'created_at'], [['fx-z', 'Fixture status', 'b', 'fx-z', PEOPLE.ava.id, T('01-02T00:00')]]);
    await insert('answers', ['id', 'question_id', 'author_id', 'body', 'created_at', 'status'], [
      ['fx-z1', 'fx-z', PEOPLE.ben.id, 'a', T('01-02T01:00'), 'published'], ['fx-z2', 'fx-z', PEOPLE.sam.id, 'a', T('01-02T05:00'), 'held'],
    ]);
    assert.equal(new Date(String(await at())).toISOString(), '2020-01-02T01:00:00.000Z');
    await env.db.query(`UPDATE answers SET status = 'hidden' WHERE id = 'fx-z1'`);
    assert.equal(await at(), null, 'hidden: unanswered again');
    await env.db.query(`UPDATE answers SET status = 'published' WHERE id = 'fx-z2'`);
    assert.equal(new Date(String(await at())).toISOString(), '2020-01-02T05:00:00.000Z', 'approved: answered by it');
  });
});

// Migration 012: the insights read per-day rollups kept by triggers. These check the rollups against
// the rows they count (on the seeded 30 weeks of history), and that moderation and edits move them.
describe('insights: rollups agree with the rows and follow every change', () => {
  const ninety = () => {
    const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
    return { from };
  };

  test('over the seeded history, every count equals the row-level count and percentiles are within 2 %', async () => {
    const r = await insights(ninety());
    const { from, to, previousFrom } = r.range;
    const one = async (sql: string) => (await env.db.query<Record<string, unknown>>(sql, [previousFrom, from, to])).rows[0];
    const q = await one(`SELECT count(*) FILTER (WHERE created_at >= $2)::int AS asked, count(*) FILTER (WHERE created_at < $2)::int AS asked_prev,
        count(*) FILTER (WHERE created_at >= $2 AND accepted_answer_id IS NOT NULL)::int AS resolved,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (first_answer_at - created_at)) / 3600.0) FILTER (WHERE created_at >= $2) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (first_answer_at - created_at)) / 3600.0) FILTER (WHERE created_at >= $2) AS p90
      FROM questions WHERE created_at >= $1 AND created_at < $3 AND status = 'published'`);
    assert.ok(Number(q.asked) > 20, 'the seed has history in the period');
    assert.deepEqual(r.resolutionRate.asked, { current: Number(q.asked), previous: Number(q.asked_prev) });
    assert.equal(r.resolutionRate.resolved.current, Number(q.resolved));
    const near = (got: number, exact: number, what: string) =>
      assert.ok(Math.abs(got - exact) <= 0.02 * exact + 0.005, `${what}: ${got} from the histogram, ${exact} exact`);
    near(r.timeToFirstAnswer.median.current, Number(q.median), 'median');
    near(r.timeToFirstAnswer.p90.current, Number(q.p90), 'p90');
    const v = await one(`SELECT $1::timestamptz AS previous_from, (SELECT count(*) FROM threads WHERE created_at >= $2 AND created_at < $3 AND status = 'published')::int AS threads,
        (SELECT count(*) FROM posts WHERE created_at >= $2 AND created_at < $3 AND status = 'published')::int AS posts,
        (SELECT count(*) FROM answers WHERE created_at >= $2 AND created_at < $3 AND status = 'published')::int AS answers,
        (SELECT count(*) FROM deflections WHERE created_at >= $2 AND created_at < $3)::int AS deflections,
        (SELECT count(*) FROM csat WHERE answered_at >= $2 AND answered_at < $3)::int AS csat,
        (SELECT count(*) FROM votes v JOIN answers a ON a.id = v.target_id AND a.status = 'published'
          WHERE v.target_kind = 'answer' AND v.created_at >= $2 AND v.created_at < $3)::int AS votes`);
    assert.equal(r.volume.totals.threads.current, Number(v.threads));
    assert.equal(r.volume.totals.posts.current, Number(v.posts));
    assert.equal(r.volume.totals.answers.current, Number(v.answers));
    assert.equal(r.deflectionRate.deflections.current, Number(v.deflections));
    assert.equal(r.satisfaction.csat.responses.current, Number(v.csat));
    const byTier = await env.db.query<{ tier: string | null; n: number }>(`SELECT p.tier, count(*)::int AS n FROM questions q LEFT JOIN people p ON p.id = q.author_id
      WHERE q.created_at >= $1 AND q.created_at < $2 AND q.status = 'published' GROUP BY 1`, [from, to]);
    for (const row of byTier.rows) {
      assert.equal(r.byTier.find((s: any) => s.key === (row.tier ?? '(none)'))?.questions.current, Number(row.n), `tier ${row.tier}`);
    }
  });

  test('hiding a question or an answer takes it out of every figure; publishing it again puts it back', async () => {
    // Everything but the unanswered queue, whose ages move with the clock.
    const figures = async () => ({ ...(await insights()), unanswered: null });
    const before = await figures();
    await env.db.query(`UPDATE questions SET status = 'hidden' WHERE id = 'fx-q4'`);
    let r = await insights();
    // Left: hours 1, 2, 4 → median 2; p90 at rank 1.8: 2 + 0.8 * 2 = 3.6.
    assert.deepEqual(r.resolutionRate.asked, { current: 4, previous: 2 });
    assert.deepEqual(r.timeToFirstAnswer.median, { current: 2, previous: 9 });
    assert.deepEqual(r.timeToFirstAnswer.p90, { current: 3.6, previous: 11.4 });
    assert.deepEqual(r.volume.totals.questions, { current: 4, previous: 2 });
    await env.db.query(`UPDATE questions SET status = 'published' WHERE id = 'fx-q4'`);
    assert.deepEqual(await figures(), before, 'published again: as before');

    // fx-a1 is fx-q1's only and accepted answer, with two up-votes (devi's).
    await env.db.query(`UPDATE answers SET status = 'hidden' WHERE id = 'fx-a1'`);
    r = await insights();
    assert.deepEqual(r.satisfaction.helpfulRate.answers, { current: 0.5, previous: null }, 'its votes no longer count');
    assert.deepEqual(r.topContributors.people.map((p: any) => [p.id, p.acceptedAnswers, p.helpfulVotes]), [['p-sam', 1, 1]], 'devi has nothing left');
    // fx-q1 is unanswered again: hours 2, 4, 10 → median 4; p90 at rank 1.8: 4 + 0.8 * 6 = 8.8.
    assert.deepEqual(r.timeToFirstAnswer.median.current, 4);
    assert.deepEqual(r.timeToFirstAnswer.p90.current, 8.8);
    await env.db.query(`UPDATE answers SET status = 'published' WHERE id = 'fx-a1'`);
    assert.deepEqual(await figures(), before, 'published again: as before');
  });

  test('a person moving organisation moves their questions, CSAT answers and deflections', async () => {
    const orgOf = async () => (await insights()).byOrg.find((s: any) => s.key === 'org-stark');
    assert.deepEqual((await orgOf()).questions, { current: 2, previous: 0 });
    await env.db.query(`UPDATE people SET org_id = 'org-fx-moved' WHERE id = $1`, [PEOPLE.ben.id]);
    try {
      const r = await insights();
      assert.equal(r.byOrg.find((s: any) => s.key === 'org-stark'), undefined);
      const moved = r.byOrg.find((s: any) => s.key === 'org-fx-moved');
      assert.deepEqual([moved.questions.current, moved.csat.current, moved.deflections.current], [2, 2, 2]);
    } finally {
      await env.db.query(`UPDATE people SET org_id = $2 WHERE id = $1`, [PEOPLE.ben.id, PEOPLE.ben.org]);
    }
    assert.deepEqual((await orgOf()).questions, { current: 2, previous: 0 });
  });
});

describe('insights: search click-through from a real search', () => {
  test('searching and opening a result moves today\'s click-through rate', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const ctr = async () => (await insights({ from: today, to: today })).search;
    const found = await call(env, 'searchArticles', { query: { q: 'partner portal ctr check' } });
    const searchId = found.body.searchId;
    assert.ok(searchId, 'the search was recorded');
    const before = await ctr();
    assert.equal((await call(env, 'recordSearchClick', { body: { searchId, articleId: found.body.items[0]?.id ?? 'kb-001', position: 0 } })).status, 200);
    const after = await ctr();
    assert.equal(after.searches.current, before.searches.current, 'a click is not a search');
    assert.ok((after.clickThroughRate.current ?? 0) > (before.clickThroughRate.current ?? 0), `${before.clickThroughRate.current} → ${after.clickThroughRate.current}`);
  });
});

// Migration 012's triggers recount a day only when a column the rollups read changes, and TRUNCATE
// (which fires no row trigger) empties them.
describe('insights: rollup triggers skip unrelated updates and follow TRUNCATE', () => {
  /** The transaction that last wrote the rollup row: a recount deletes and re-inserts it. */
  const xmin = async (kind: string, id: string) =>
    (await env.db.query<{ x: string }>(
      `SELECT v.xmin::text AS x FROM insights_volume_days v WHERE v.kind = $1 AND v.day = (SELECT insights_day(created_at) FROM ${kind} WHERE id = $2)`,
      [kind, id],
    )).rows[0]?.x;

  test('a reply (bumping the thread\'s last activity) and an edit leave the day alone; a status change recounts it', async () => {
    const thread = await xmin('threads', 'fx-t1');
    assert.ok(thread);
    assert.equal((await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: 'fx-t1' }, body: { body: 'A late reply' } })).status, 200);
    await env.db.query(`UPDATE threads SET last_activity_at = now(), score = score + 1 WHERE id = 'fx-t1'`);
    assert.equal(await xmin('threads', 'fx-t1'), thread, 'the thread\'s day was not recounted');
    const { rows } = await env.db.query<{ id: string }>(`SELECT id FROM posts WHERE thread_id = 'fx-t1' AND status = 'published' AND created_at < '2021-01-01' LIMIT 1`);
    const post = await xmin('posts', rows[0].id);
    await env.db.query(`UPDATE posts SET body = body || ' (edited)', edited_at = now() WHERE id = $1`, [rows[0].id]);
    assert.equal(await xmin('posts', rows[0].id), post, 'the post\'s day was not recounted');
    await env.db.query(`UPDATE threads SET status = 'hidden' WHERE id = 'fx-t1'`);
    await env.db.query(`UPDATE threads SET status = 'published' WHERE id = 'fx-t1'`);
    assert.notEqual(await xmin('threads', 'fx-t1'), thread, 'a status change recounts');
  });

  test('TRUNCATE empties the rollups of what it removed', async () => {
    const sums = (q: { query: typeof env.db.query }) =>
      q.query<Record<string, number>>(`SELECT (SELECT COALESCE(sum(n), 0) FROM insights_volume_days)::int AS volume,
        (SELECT count(*) FROM insights_question_days)::int AS questions, (SELECT count(*) FROM insights_csat_days)::int AS csat,
        (SELECT count(*) FROM insights_deflection_days)::int AS deflections,
        (SELECT COALESCE(sum(article_all + answer_all), 0) FROM insights_helpful_days)::int AS helpful,
        (SELECT COALESCE(sum(accepted + up), 0) FROM insights_contributor_days)::int AS contributors`);
    const rollback = new Error('rollback');
    await assert.rejects(
      env.db.transaction(async (tx) => {
        assert.ok(Object.values((await sums(tx)).rows[0]).every((n) => Number(n) > 0), 'the fixture fills every rollup');
        await tx.query(`TRUNCATE threads, posts, questions, answers, votes, csat, deflections, article_feedback CASCADE`);
        assert.deepEqual((await sums(tx)).rows[0], { volume: 0, questions: 0, csat: 0, deflections: 0, helpful: 0, contributors: 0 });
        throw rollback;
      }),
      (e) => e === rollback,
    );
  });
});

// Migration 015: the rollups are kept by n ± 1 from each statement's transition tables. After a mixed
// sequence of writes (inserts, first answers, an accepted answer, hiding and re-publishing, a new
// category, a person changing organisation, deletes that cascade, votes, CSAT, deflections, feedback,
// searches and a click), every rollup must equal a recount from the rows. Run in a transaction that is
// rolled back, so the other tests keep the fixture.
describe('insights: incremental rollups equal a full recount', () => {
  const BUCKET = `insights_hours_bucket(EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at))::double precision / 3600.0)`;
  const HOURS = `COALESCE(EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at))::double precision / 3600.0, 0)`;
  const PUBLISHED_Q = `FROM questions q LEFT JOIN people p ON p.id = q.author_id WHERE q.status = 'published'`;
  /** Each rollup (rows with a non-zero count) beside its recount from the base tables; sums rounded for float noise. */
  const PAIRS: Record<string, [string, string]> = {
    question_days: [
      `SELECT day, tier, org, category, product, bucket, asked, resolved, answered, round(hours_sum::numeric, 6) FROM insights_question_days`,
      `SELECT insights_day(q.created_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''), ${BUCKET},
         count(*)::int, count(q.accepted_answer_id)::int, count(q.first_answer_at)::int, round(sum(${HOURS})::numeric, 6) ${PUBLISHED_Q} GROUP BY 1, 2, 3, 4, 5, 6`,
    ],
    question_weeks: [
      `SELECT week, bucket, asked, resolved, answered, round(hours_sum::numeric, 6) FROM insights_question_weeks`,
      `SELECT insights_week(insights_day(q.created_at)), ${BUCKET}, count(*)::int, count(q.accepted_answer_id)::int, count(q.first_answer_at)::int,
         round(sum(${HOURS})::numeric, 6) ${PUBLISHED_Q} GROUP BY 1, 2`,
    ],
    question_cut_weeks: [
      `SELECT week, dim, key, bucket, asked, resolved, answered, round(hours_sum::numeric, 6) FROM insights_question_cut_weeks`,
      `SELECT insights_week(insights_day(q.created_at)), c.dim, c.key, insights_coarse_bucket(${BUCKET}), count(*)::int, count(q.accepted_answer_id)::int,
         count(q.first_answer_at)::int, round(sum(${HOURS})::numeric, 6)
       FROM questions q LEFT JOIN people p ON p.id = q.author_id,
         LATERAL (VALUES ('tier', COALESCE(p.tier, '')), ('org', COALESCE(p.org_id, '')), ('category', q.category), ('product', COALESCE(q.product, ''))) c(dim, key)
       WHERE q.status = 'published' GROUP BY 1, 2, 3, 4`,
    ],
    question_cut_days: [
      `SELECT day, dim, key, bucket, asked, resolved, answered, round(hours_sum::numeric, 6) FROM insights_question_cut_days`,
      `SELECT insights_day(q.created_at), c.dim, c.key, insights_coarse_bucket(${BUCKET}), count(*)::int, count(q.accepted_answer_id)::int,
         count(q.first_answer_at)::int, round(sum(${HOURS})::numeric, 6)
       FROM questions q LEFT JOIN people p ON p.id = q.author_id,
         LATERAL (VALUES ('tier', COALESCE(p.tier, '')), ('org', COALESCE(p.org_id, '')), ('category', q.category), ('product', COALESCE(q.product, ''))) c(dim, key)
       WHERE q.status = 'published' GROUP BY 1, 2, 3, 4`,
    ],
    volume: [
      `SELECT day, kind, n FROM insights_volume_days WHERE n <> 0`,
      `SELECT insights_day(created_at), k, count(*)::int FROM (SELECT 'threads' AS k, created_at, status FROM threads UNION ALL SELECT 'posts', created_at, status FROM posts
         UNION ALL SELECT 'questions', created_at, status FROM questions UNION ALL SELECT 'answers', created_at, status FROM answers) x WHERE status = 'published' GROUP BY 1, 2`,
    ],
    helpful: [
      `SELECT day, article_yes, article_all, answer_up, answer_all FROM insights_helpful_days WHERE article_all <> 0 OR answer_all <> 0`,
      `SELECT day, sum(ay)::int, sum(aa)::int, sum(up)::int, sum(va)::int FROM (
         SELECT insights_day(created_at) AS day, helpful::int AS ay, 1 AS aa, 0 AS up, 0 AS va FROM article_feedback
         UNION ALL SELECT insights_day(v.created_at), 0, 0, (v.value > 0)::int, 1 FROM votes v JOIN answers a ON a.id = v.target_id AND a.status = 'published'
         WHERE v.target_kind = 'answer') x GROUP BY 1`,
    ],
    csat: [
      `SELECT day, tier, org, category, product, n, score_sum, s1, s2, s3, s4, s5 FROM insights_csat_days WHERE n <> 0`,
      `SELECT insights_day(c.answered_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''), count(*)::int, sum(c.score)::int,
         count(*) FILTER (WHERE c.score = 1)::int, count(*) FILTER (WHERE c.score = 2)::int, count(*) FILTER (WHERE c.score = 3)::int,
         count(*) FILTER (WHERE c.score = 4)::int, count(*) FILTER (WHERE c.score = 5)::int
       FROM csat c JOIN questions q ON q.id = c.question_id LEFT JOIN people p ON p.id = q.author_id GROUP BY 1, 2, 3, 4, 5`,
    ],
    deflections: [
      `SELECT day, tier, org, category, product, n FROM insights_deflection_days WHERE n <> 0`,
      `SELECT insights_day(x.created_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''), count(*)::int
       FROM deflections x JOIN questions q ON q.id = x.question_id LEFT JOIN people p ON p.id = x.person_id GROUP BY 1, 2, 3, 4, 5`,
    ],
    contributors: [
      `SELECT day, person_id, accepted, up FROM insights_contributor_days WHERE accepted <> 0 OR up <> 0`,
      `SELECT day, person, sum(acc)::int, sum(up)::int FROM (
         SELECT insights_day(a.created_at) AS day, a.author_id AS person, 1 AS acc, 0 AS up FROM answers a JOIN questions q ON q.id = a.question_id
         WHERE a.status = 'published' AND q.status = 'published' AND q.accepted_answer_id = a.id
         UNION ALL SELECT insights_day(v.created_at), a.author_id, 0, 1 FROM votes v JOIN answers a ON a.id = v.target_id AND a.status = 'published'
         JOIN questions q ON q.id = a.question_id AND q.status = 'published' WHERE v.target_kind = 'answer' AND v.value > 0) x GROUP BY 1, 2`,
    ],
    search_weekly: [
      `SELECT week, query, searches, clicked, zero, last_at, zero_last_at FROM search_weekly`,
      `SELECT insights_week(day), query, sum(searches)::int, sum(clicked)::int, sum(zero)::int, max(last_at), max(last_at) FILTER (WHERE zero > 0)
       FROM search_daily GROUP BY 1, 2`,
    ],
    search_day_totals: [
      `SELECT day, searches, clicked, zero FROM search_day_totals WHERE searches <> 0 OR clicked <> 0 OR zero <> 0`,
      `SELECT day, sum(searches)::int, sum(clicked)::int, sum(zero)::int FROM search_daily GROUP BY 1`,
    ],
  };
  type Q = { query: typeof env.db.query };
  const differences = async (tx: Q) => {
    const out: Record<string, unknown[]> = {};
    for (const [name, [rollup, recount]] of Object.entries(PAIRS)) {
      const { rows } = await tx.query(`SELECT 'rollup only' AS side, * FROM ((${rollup}) EXCEPT ALL (${recount})) a
        UNION ALL SELECT 'recount only', * FROM ((${recount}) EXCEPT ALL (${rollup})) b`);
      if (rows.length) out[name] = rows;
    }
    return out;
  };

  test('after inserts, status changes, moves and deletes, every rollup equals its recount', async () => {
    const { ava, ben, chloe, devi, sam } = { ava: PEOPLE.ava.id, ben: PEOPLE.ben.id, chloe: PEOPLE.chloe.id, devi: PEOPLE.devi.id, sam: PEOPLE.sam.id };
    const rollback = new Error('rollback');
    await assert.rejects(env.db.transaction(async (tx) => {
      assert.deepEqual(await differences(tx), {}, 'equal before the writes');
      const run = (sql: string, params: unknown[] = []) => tx.query(sql, params);
      // Questions on three days, one of them in a batch of two.
      await run(`INSERT INTO questions (id, title, body, category, author_id, product, created_at) VALUES
        ('ir-q1', 'Inc one', 'b', 'ir-a', $1, 'Ir Prod', '2020-04-06T09:00:00Z'), ('ir-q2', 'Inc two', 'b', 'ir-b', $2, null, '2020-04-06T10:00:00Z')`, [ava, ben]);
      await run(`INSERT INTO questions (id, title, body, category, author_id, created_at) VALUES ('ir-q3', 'Inc three', 'b', 'ir-a', $1, '2020-04-14T00:00:00Z')`, [chloe]);
      // First answers (each moves its question out of the unanswered bucket), a held one, and a later second answer.
      await run(`INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ('ir-a1', 'ir-q1', $1, 'a', '2020-04-06T12:30:00Z')`, [devi]);
      await run(`INSERT INTO answers (id, question_id, author_id, body, created_at, status) VALUES ('ir-a2', 'ir-q2', $1, 'a', '2020-04-07T10:00:00Z', 'held')`, [sam]);
      await run(`INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ('ir-a3', 'ir-q1', $1, 'a', '2020-04-08T00:00:00Z')`, [sam]);
      await run(`UPDATE questions SET accepted_answer_id = 'ir-a1' WHERE id = 'ir-q1'`);
      await run(`INSERT INTO votes (person_id, target_kind, target_id, value, created_at) VALUES ($1, 'answer', 'ir-a1', 1, '2020-04-09T00:00:00Z'),
        ($2, 'answer', 'ir-a1', -1, '2020-04-09T00:00:00Z'), ($1, 'answer', 'ir-a2', 1, '2020-04-09T00:00:00Z')`, [ben, chloe]);
      await run(`INSERT INTO csat (question_id, person_id, score, answered_at) VALUES ('ir-q1', $1, 4, '2020-04-10T00:00:00Z')`, [ava]);
      await run(`INSERT INTO deflections (question_id, person_id, query, created_at) VALUES ('ir-q1', $1, 'x', '2020-04-10T00:00:00Z'), ('ir-q2', null, 'y', '2020-04-11T00:00:00Z')`, [ben]);
      const { rows: [article] } = await run(`SELECT id FROM articles ORDER BY id LIMIT 1`);
      await run(`INSERT INTO article_feedback (article_id, helpful, created_at) VALUES ($1, true, '2020-04-10T00:00:00Z'), ($1, false, '2020-04-10T00:00:00Z')`, [(article as { id: string }).id]);
      await run(`INSERT INTO threads (id, title, body, category, author_id, created_at, last_activity_at) VALUES ('ir-t1', 'Inc thread', 'b', 'ir-a', $1, '2020-04-06T00:00:00Z', '2020-04-06T00:00:00Z')`, [ava]);
      await run(`INSERT INTO posts (id, thread_id, author_id, body, created_at) VALUES ('ir-p1', 'ir-t1', $1, 'p', '2020-04-07T00:00:00Z'), ('ir-p2', 'ir-t1', $2, 'p', '2020-04-07T00:00:00Z')`, [ben, chloe]);
      for (const [query, n, at] of [['Inc Query', 3, '2020-04-06T08:00:00Z'], ['inc query', 0, '2020-04-13T08:00:00Z'], ['gap', 0, '2020-04-07T08:00:00Z']] as const) {
        await recordSearch(tx, env.confab.config, null, query, n, new Date(at));
      }
      assert.deepEqual(await differences(tx), {}, 'after the inserts');

      // Moderation both ways, the held answer approved, a new category, a person moving organisation.
      await run(`UPDATE questions SET status = 'hidden' WHERE id = 'ir-q2'`);
      await run(`UPDATE answers SET status = 'published' WHERE id = 'ir-a2'`);
      await run(`UPDATE questions SET status = 'published' WHERE id = 'ir-q2'`);
      await run(`UPDATE threads SET status = 'hidden' WHERE id = 'ir-t1'`);
      await run(`UPDATE posts SET status = 'hidden' WHERE id = 'ir-p1'`);
      await run(`UPDATE questions SET category = 'ir-c', product = 'Ir Other' WHERE id = 'ir-q1'`);
      await run(`UPDATE people SET org_id = 'org-ir-moved', tier = 'silver' WHERE id = $1`, [ava]);
      await run(`UPDATE answers SET status = 'hidden' WHERE id = 'ir-a1'`);
      await run(`UPDATE search_daily SET clicked = clicked + 1 WHERE query = 'inc query' AND day = '2020-04-06'`);
      assert.deepEqual(await differences(tx), {}, 'after the status changes and moves');

      // Deletes: a question (its answers, CSAT and deflections cascade), a vote, feedback, a post, a search day.
      await run(`DELETE FROM questions WHERE id = 'ir-q1'`);
      await run(`DELETE FROM votes WHERE target_id = 'ir-a2'`);
      await run(`DELETE FROM article_feedback WHERE created_at = '2020-04-10T00:00:00Z' AND NOT helpful`);
      await run(`DELETE FROM posts WHERE id = 'ir-p2'`);
      await run(`DELETE FROM search_daily WHERE day = '2020-04-13'`);
      assert.deepEqual(await differences(tx), {}, 'after the deletes');
      throw rollback;
    }), (e) => e === rollback);
  });

  // Two connections, PostgreSQL only (PGlite has one): an add reads the rows its contribution comes
  // from (the voted answer, the asker's tier) while another transaction has changed them, uncommitted.
  // The add must wait for that commit and count the new value; counting the old one leaves a rollup
  // that no recount agrees with (an up-vote counted on a hidden answer, a question under the old tier).
  if (process.env.DATABASE_URL) {
    /** A second connection into the test's schema (the app's pool is the first). */
    const connect = async () => {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: env.url!, options: `-c search_path=${env.schema},public` });
      await c.connect();
      return c;
    };
    /** Whether the backend `pid` is seen waiting on a lock within ~2 s. */
    const waitsOnLock = async (pid: number) => {
      for (let i = 0; i < 80; i++) {
        const { rows } = await env.db.query<{ waiting: boolean }>(`SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`, [pid]);
        if ((rows[0] as { waiting: boolean } | undefined)?.waiting) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    };

    test('PostgreSQL: a vote racing a hide, and a question racing its asker\'s tier change, end equal to a recount', async () => {
      const [a, b] = [await connect(), await connect()];
      const { ben, devi } = { ben: PEOPLE.ben.id, devi: PEOPLE.devi.id };
      // B's statement runs while A's change is uncommitted; A commits once B is seen waiting (or after
      // a while, when B did not wait: the defect), then B commits.
      const race = async (change: string, add: string, params: unknown[]) => {
        await a.query('BEGIN');
        await a.query(change);
        await b.query('BEGIN');
        const pid = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        const pending = b.query(add, params);
        await waitsOnLock(pid);
        await a.query('COMMIT');
        await pending;
        await b.query('COMMIT');
      };
      try {
        await env.db.query(`INSERT INTO people (id, name, org_id, tier, roles) VALUES ('cc-pat', 'Pat Race', 'org-cc', 'gold', '{}')`);
        await env.db.query(`INSERT INTO questions (id, title, body, category, author_id, created_at) VALUES ('cc-q1', 'Race one', 'b', 'cc', 'cc-pat', '2021-06-07T00:00:00Z')`);
        await env.db.query(`INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ('cc-a1', 'cc-q1', $1, 'a', '2021-06-07T01:00:00Z')`, [devi]);
        assert.deepEqual(await differences(env.db), {}, 'equal before the races');

        await race(`UPDATE answers SET status = 'hidden' WHERE id = 'cc-a1'`,
          `INSERT INTO votes (person_id, target_kind, target_id, value, created_at) VALUES ($1, 'answer', 'cc-a1', 1, '2021-06-10T00:00:00Z')`, [ben]);
        assert.deepEqual(await differences(env.db), {}, 'an up-vote on an answer hidden meanwhile counts nowhere');

        await race(`UPDATE people SET tier = 'silver' WHERE id = 'cc-pat'`,
          `INSERT INTO questions (id, title, body, category, author_id, created_at) VALUES ('cc-q2', 'Race two', 'b', 'cc', 'cc-pat', '2021-06-09T00:00:00Z')`, []);
        assert.deepEqual(await differences(env.db), {}, 'a question asked while its asker changes tier counts under the new tier');
        // And an answer to it afterwards moves it within the new tier (no -1 under a tier it was never counted in).
        await env.db.query(`INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ('cc-a2', 'cc-q2', $1, 'a', '2021-06-09T02:00:00Z')`, [devi]);
        assert.deepEqual(await differences(env.db), {}, 'after an answer to it');
      } finally {
        await a.end();
        await b.end();
        await env.db.query(`DELETE FROM votes WHERE target_id = 'cc-a1'`);
        await env.db.query(`DELETE FROM questions WHERE id IN ('cc-q1', 'cc-q2')`);
        await env.db.query(`DELETE FROM people WHERE id = 'cc-pat'`);
      }
      assert.deepEqual(await differences(env.db), {}, 'after the cleanup');
    });

    // One statement that hides a question of day A and publishes one of day B must lock its volume rows
    // in day order, like everyone else: written as two upserts (+1 days, then -1 days) it locked B first,
    // and deadlocked against a transaction holding A that then touched B.
    test('PostgreSQL: a statement publishing and hiding questions on two days does not deadlock a concurrent one', async () => {
      const [a, b] = [await connect(), await connect()];
      const dayA = '2021-07-05T00:00:00Z';
      const dayB = '2021-07-06T00:00:00Z';
      try {
        await env.db.query(`INSERT INTO people (id, name, org_id, tier, roles) VALUES ('dl-pat', 'Pat Order', 'org-dl', 'gold', '{}'), ('dl-sam', 'Sam Order', 'org-dl2', 'silver', '{}')`);
        // A's questions share only the day's volume row with B's: another asker (tier, organisation),
        // category and product, and answered (another hours bucket), so every other rollup row differs.
        const rows: [string, string, string, string][] = [['dl-q1', dayA, 'published', 'dl-pat'], ['dl-q2', dayB, 'hidden', 'dl-pat'], ['dl-q3', dayA, 'hidden', 'dl-sam'], ['dl-q4', dayB, 'published', 'dl-sam']];
        for (const [id, at, status, who] of rows) {
          const other = who === 'dl-sam';
          await env.db.query(`INSERT INTO questions (id, title, body, category, product, author_id, created_at, status, first_answer_at)
            VALUES ($1, $1, 'b', $2, $3, $4, $5, $6, $7)`, [id, other ? 'dl-other' : 'dl', other ? 'dl-p2' : null, who, at, status, other ? new Date(Date.parse(at) + 3_600_000).toISOString() : null]);
        }
        await a.query('BEGIN');
        await a.query(`UPDATE questions SET status = 'published' WHERE id = 'dl-q3'`); // holds day A
        await b.query('BEGIN');
        const pid = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        const mixed = b.query(`UPDATE questions SET status = CASE id WHEN 'dl-q1' THEN 'hidden' ELSE 'published' END WHERE id IN ('dl-q1', 'dl-q2')`);
        assert.ok(await waitsOnLock(pid), 'the mixed statement waits for day A');
        await a.query(`UPDATE questions SET status = 'hidden' WHERE id = 'dl-q4'`); // day B: must not deadlock
        await a.query('COMMIT');
        await mixed;
        await b.query('COMMIT');
        assert.deepEqual(await differences(env.db), {}, 'both landed, equal to a recount');
      } finally {
        await a.query('ROLLBACK').catch(() => undefined);
        await b.query('ROLLBACK').catch(() => undefined);
        await a.end();
        await b.end();
        await env.db.query(`DELETE FROM questions WHERE id LIKE 'dl-q%'`);
        await env.db.query(`DELETE FROM people WHERE id IN ('dl-pat', 'dl-sam')`);
      }
      assert.deepEqual(await differences(env.db), {}, 'after the cleanup');
    });
  }
});
