import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Thread, ThreadSummary } from '../../src/contract/index.js';
import { iso, isoTimeSql } from '../../server/src/text.js';
import { PEOPLE, call, setupTestEnv, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('threads');
});
after(async () => {
  await env?.close();
});

describe('threads: reads', () => {
  test('lists the seeded threads, latest first, cursor-paged', async () => {
    const r = await call(env, 'listThreads', { query: { limit: '10' } });
    assert.equal(r.body.items.length, 10);
    assert.ok(r.body.nextCursor);
    const times = r.body.items.map((t: any) => Date.parse(t.lastActivityAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const r2 = await call(env, 'listThreads', { query: { limit: '10', cursor: r.body.nextCursor } });
    assert.equal(r2.body.items.length, 10);
    const ids = new Set(r.body.items.map((t: any) => t.id));
    for (const t of r2.body.items) assert.ok(!ids.has(t.id), 'pages do not overlap');
  });

  test('filters by category and tag, sorts top and unanswered', async () => {
    const c = await call(env, 'listThreads', { query: { category: 'mdf', limit: '50' } });
    assert.ok(c.body.items.length > 0);
    assert.ok(c.body.items.every((t: any) => t.category === 'mdf'));
    const tag = await call(env, 'listThreads', { query: { tag: 'pricing', limit: '50' } });
    assert.ok(tag.body.items.length > 0 && tag.body.items.every((t: any) => t.tags.includes('pricing')));
    const top = await call(env, 'listThreads', { query: { sort: 'top', limit: '20' } });
    const scores = top.body.items.map((t: any) => t.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const un = await call(env, 'listThreads', { query: { sort: 'unanswered', limit: '50' } });
    assert.ok(un.body.items.length > 0 && un.body.items.every((t: any) => t.replyCount === 0));
  });

  test('list times are the ISO text a single read gives (selected as text in SQL, issue 18)', async () => {
    // Microseconds set on purpose: the SQL text must cut them off exactly as a JS Date does.
    await env.db.exec(`UPDATE threads SET last_activity_at = last_activity_at + interval '999999 microseconds' WHERE id IN (SELECT id FROM threads ORDER BY id LIMIT 5)`);
    const list = await call(env, 'listThreads', { query: { limit: '50' } });
    assert.ok(list.body.items.length >= 5);
    for (const item of list.body.items as ThreadSummary[]) {
      const one = await call(env, 'getThread', { params: { id: item.id } });
      assert.equal(item.createdAt, one.body.thread.createdAt);
      assert.equal(item.lastActivityAt, one.body.thread.lastActivityAt);
    }
    const questions = await call(env, 'listQuestions', { query: { limit: '10' } });
    assert.ok(questions.body.items.length > 0);
    for (const item of questions.body.items as { id: string; createdAt: string; lastActivityAt: string }[]) {
      const one = await call(env, 'getQuestion', { params: { id: item.id } });
      assert.equal(item.createdAt, one.body.question.createdAt);
      assert.equal(item.lastActivityAt, one.body.question.lastActivityAt);
    }
  });

  test('isoTimeSql gives what iso() makes of the same timestamptz, to the microsecond, in any session time zone', async () => {
    const { rows } = await env.db.query<{ at: Date; text: string }>(
      `SELECT at, ${isoTimeSql('at')} AS text FROM (SELECT timestamptz '2026-03-29 01:59:59.000001+00' + n * interval '1234567 microseconds' AS at FROM generate_series(0, 2000) n) s`,
    );
    assert.equal(rows.length, 2001);
    for (const r of rows) assert.equal(r.text, iso(r.at));
    await env.db.transaction(async (q) => {
      await q.exec(`SET LOCAL TimeZone = 'Asia/Kolkata'`);
      const { rows: local } = await q.query<{ text: string }>(`SELECT ${isoTimeSql(`timestamptz '2026-12-05 23:59:59.999999+00'`)} AS text`);
      assert.equal(local[0].text, '2026-12-05T23:59:59.999Z');
    });
  });

  test('rejects a bad query with field paths', async () => {
    const r = await call(env, 'listThreads', { query: { sort: 'random', limit: '1000' } });
    assert.equal(r.status, 400);
    const paths = r.body.errors.map((e: any) => e.path);
    assert.ok(paths.includes('sort') && paths.includes('limit'), JSON.stringify(r.body.errors));
    const c = await call(env, 'listThreads', { query: { cursor: 'garbage!!' } });
    assert.equal(c.status, 400);
  });

  test('gets a thread with its first page of posts, then further pages', async () => {
    const list = await call(env, 'listThreads', { query: { sort: 'top', limit: '50' } });
    const withReplies = list.body.items.find((t: any) => t.replyCount >= 3);
    const r = await call(env, 'getThread', { params: { id: withReplies.id } });
    assert.equal(r.body.thread.id, withReplies.id);
    assert.equal(r.body.posts.items.length, withReplies.replyCount);
    const p1 = await call(env, 'listPosts', { params: { id: withReplies.id }, query: { limit: '2' } });
    assert.equal(p1.body.items.length, 2);
    assert.ok(p1.body.nextCursor);
    const p2 = await call(env, 'listPosts', { params: { id: withReplies.id }, query: { limit: '2', cursor: p1.body.nextCursor } });
    assert.notEqual(p2.body.items[0].id, p1.body.items[0].id);
    assert.equal((await call(env, 'listPosts', { params: { id: withReplies.id }, query: { limit: 'x' } })).status, 400);
  });

  // Threads and questions share one summary mapper: the JSON must still list fields in the contract's
  // order, or every ETag would change with a refactoring.
  test('summaries and threads list their fields in the contract order', async () => {
    const list = await call(env, 'listThreads', { query: { limit: '1' } });
    assert.deepEqual(Object.keys(list.body.items[0]), Object.keys(ThreadSummary.entries));
    const r = await call(env, 'getThread', { params: { id: list.body.items[0].id } });
    assert.deepEqual(Object.keys(r.body.thread), Object.keys(Thread.entries));
  });

  test('404 for a missing thread', async () => {
    assert.equal((await call(env, 'getThread', { params: { id: 'nope' } })).status, 404);
    assert.equal((await call(env, 'listPosts', { params: { id: 'nope' } })).status, 404);
  });
});

describe('threads: writes and authorisation', () => {
  test('anonymous writes get 401', async () => {
    const r = await call(env, 'createThread', { body: { title: 'Hello there', body: 'Body', category: 'technical' } });
    assert.equal(r.status, 401);
    assert.equal((await call(env, 'replyToThread', { params: { id: 'th-001' }, body: { body: 'x' } })).status, 401);
    assert.equal((await call(env, 'deleteThread', { params: { id: 'th-001' } })).status, 401);
  });

  test('a partner starts a thread, replies, edits and deletes their own content', async () => {
    const t = await call(env, 'createThread', {
      as: PEOPLE.ben,
      body: { title: '  Deal registration for a retail chain  ', body: '**Hi** all, any tips?', category: 'deal-registration', tags: ['renewals'] },
    });
    assert.equal(t.status, 200);
    assert.equal(t.body.title, 'Deal registration for a retail chain', 'titles are trimmed');
    assert.equal(t.body.author.id, PEOPLE.ben.id);
    assert.equal(t.body.author.orgName, 'Stark Channel Partners');
    assert.equal(t.body.excerpt, 'Hi all, any tips?');
    const p = await call(env, 'replyToThread', { as: PEOPLE.ava, params: { id: t.body.id }, body: { body: 'Register before the first meeting.' } });
    assert.equal(p.body.threadId, t.body.id);
    assert.equal(p.body.editedAt, null);
    const got = await call(env, 'getThread', { params: { id: t.body.id } });
    assert.equal(got.body.thread.replyCount, 1);
    assert.equal(got.body.posts.items[0].id, p.body.id);
    // the newest activity comes first in the feed
    const feed = await call(env, 'listThreads', { query: { limit: '1' } });
    assert.equal(feed.body.items[0].id, t.body.id);

    const up = await call(env, 'updateThread', { as: PEOPLE.ben, params: { id: t.body.id }, body: { title: 'Deal registration for a retail chain (EMEA)' } });
    assert.equal(up.body.title, 'Deal registration for a retail chain (EMEA)');
    assert.equal(up.body.body, '**Hi** all, any tips?');
    const ep = await call(env, 'updatePost', { as: PEOPLE.ava, params: { id: p.body.id }, body: { body: 'Edited.' } });
    assert.equal(ep.body.body, 'Edited.');
    assert.ok(ep.body.editedAt);

    // someone else may not
    assert.equal((await call(env, 'updateThread', { as: PEOPLE.chloe, params: { id: t.body.id }, body: { title: 'Hijacked title' } })).status, 403);
    assert.equal((await call(env, 'deleteThread', { as: PEOPLE.chloe, params: { id: t.body.id } })).status, 403);
    assert.equal((await call(env, 'updatePost', { as: PEOPLE.ben, params: { id: p.body.id }, body: { body: 'nope' } })).status, 403);
    assert.equal((await call(env, 'deletePost', { as: PEOPLE.chloe, params: { id: p.body.id } })).status, 403);

    const dp = await call(env, 'deletePost', { as: PEOPLE.ava, params: { id: p.body.id } });
    assert.equal(dp.status, 204);
    assert.equal((await call(env, 'getThread', { params: { id: t.body.id } })).body.thread.replyCount, 0);
    const dt = await call(env, 'deleteThread', { as: PEOPLE.ben, params: { id: t.body.id } });
    assert.equal(dt.status, 204);
    assert.equal((await call(env, 'getThread', { params: { id: t.body.id } })).status, 404);
  });

  test('a moderator may edit and delete anyone’s content', async () => {
    const t = await call(env, 'createThread', { as: PEOPLE.chloe, body: { title: 'Spammy thread title', body: 'buy now', category: 'mdf' } });
    const p = await call(env, 'replyToThread', { as: PEOPLE.chloe, params: { id: t.body.id }, body: { body: 'more spam' } });
    assert.equal((await call(env, 'updatePost', { as: PEOPLE.morgan, params: { id: p.body.id }, body: { body: '[removed]' } })).status, 200);
    assert.equal((await call(env, 'deletePost', { as: PEOPLE.sam, params: { id: p.body.id } })).status, 204);
    assert.equal((await call(env, 'updateThread', { as: PEOPLE.morgan, params: { id: t.body.id }, body: { tags: ['spam'] } })).body.tags[0], 'spam');
    assert.equal((await call(env, 'deleteThread', { as: PEOPLE.morgan, params: { id: t.body.id } })).status, 204);
  });

  test('validation: title and body limits, tags, missing fields → 422 with paths', async () => {
    const long = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'x'.repeat(201), body: 'ok', category: 'mdf' } });
    assert.equal(long.status, 422);
    assert.deepEqual(long.body.errors.map((e: any) => e.path), ['title']);
    const big = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'Big body', body: 'y'.repeat(50 * 1024 + 1), category: 'mdf' } });
    assert.equal(big.status, 422);
    assert.equal(big.body.errors[0].path, 'body');
    const missing = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'No body here' } });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors.map((e: any) => e.path).sort(), ['body', 'category']);
    const tags = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'Many tags', body: 'b', category: 'mdf', tags: ['a', 'b', 'c', 'd', 'e', 'f'] } });
    assert.equal(tags.status, 422);
    assert.equal(tags.body.errors[0].path, 'tags');
    const wrongType = await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: 'th-001' }, body: { body: 42 } });
    assert.equal(wrongType.status, 422);
    assert.match(wrongType.body.errors[0].message, /expected string/);
    assert.equal((await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: 'missing' }, body: { body: 'hi' } })).status, 404);
  });
});
