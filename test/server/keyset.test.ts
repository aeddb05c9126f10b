// Keyset paging: walking a list page by page gives every row once, in the list's order, also when
// rows are added above the cursor between requests (what OFFSET got wrong), and cursors are checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EndpointName } from '../../src/contract/index.js';
import { PEOPLE, call, setupTestEnv, type CallResult, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('keyset');
  // Ties that only the id breaks, and times a microsecond apart (a JS Date would make them equal):
  // at the top of `latest`, and tied on score for `top`.
  const at = (us: number) => `2031-01-01T00:00:00.00000${us}Z`;
  for (const [id, us, score] of [['kt-a', 1, 50], ['kt-b', 1, 50], ['kt-c', 1, 50], ['kt-d', 2, 50], ['kt-e', 3, 49]] as const) {
    await env.db.query(
      `INSERT INTO threads (id, title, body, category, tags, author_id, score, created_at, last_activity_at)
       VALUES ($1, 'Tie ' || $1, 'body', 'technical', '{}', 'p-ava', $2, $3, $3)`,
      [id, score, at(us)],
    );
    await env.db.query(
      `INSERT INTO questions (id, title, body, category, tags, author_id, score, created_at, last_activity_at)
       VALUES ($1, 'Tie question ' || $1, 'body', 'technical', '{}', 'p-ava', $2, $3, $3)`,
      ['q' + id, score, at(us)],
    );
  }
});
after(async () => {
  await env?.close();
});

const ids = async (sql: string, params: unknown[] = []) => (await env.db.query<{ id: string }>(sql, params)).rows.map((r) => r.id);

type Listing = 'listThreads' | 'listQuestions' | 'listPosts' | 'listAnswers';

/** Follows nextCursor to the end; `between` runs after the first page. */
async function walk(name: Listing, o: { params?: Record<string, string>; query?: Record<string, string> }, between?: () => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r: CallResult = await call(env, name, { params: o.params, query: { ...o.query, ...(cursor ? { cursor } : {}) } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    seen.push(...r.body.items.map((x: { id: string }) => x.id));
    cursor = r.body.nextCursor;
    if (pages++ === 0 && between) await between();
    assert.ok(pages < 1000, 'the walk ends');
  } while (cursor);
  return seen;
}

const ORDER = {
  latest: 'last_activity_at DESC, id DESC',
  top: 'score DESC, last_activity_at DESC, id DESC',
} as const;

describe('keyset paging: whole lists', () => {
  for (const [name, table, count] of [['listThreads', 'threads', 'reply_count'], ['listQuestions', 'questions', 'answer_count']] as const) {
    for (const sort of ['latest', 'top', 'unanswered'] as const) {
      test(`${name} sort=${sort}: every row once, in order, at several page sizes`, async () => {
        const where = `WHERE status = 'published'${sort === 'unanswered' ? ` AND ${count} = 0` : ''}`; // lists show published content only
        const expected = await ids(`SELECT id FROM ${table} ${where} ORDER BY ${ORDER[sort === 'top' ? 'top' : 'latest']}`);
        for (const limit of ['1', '7', '100']) {
          if (limit === '1' && expected.length > 120) continue; // one row a page is slow; 7 covers the ties
          assert.deepEqual(await walk(name, { query: { sort, limit } }), expected, `limit ${limit}`);
        }
      });
    }
  }

  test('a filtered list pages the same way', async () => {
    const expected = await ids(`SELECT id FROM threads WHERE category = 'technical' AND status = 'published' ORDER BY ${ORDER.top}`);
    assert.deepEqual(await walk('listThreads', { query: { category: 'technical', sort: 'top', limit: '6' } }), expected);
  });

  test('posts of a thread: oldest first, ties on created_at broken by id', async () => {
    const t = (await ids(`SELECT id FROM threads WHERE reply_count >= 3 ORDER BY id LIMIT 1`))[0];
    for (const id of ['kp-1', 'kp-2', 'kp-3']) {
      await env.db.query(`INSERT INTO posts (id, thread_id, author_id, body, created_at) VALUES ($1, $2, 'p-ben', 'same time', '2031-01-01T00:00:00.000001Z')`, [id, t]);
    }
    const expected = await ids(`SELECT id FROM posts WHERE thread_id = $1 ORDER BY created_at, id`, [t]);
    for (const limit of ['1', '2', '5']) assert.deepEqual(await walk('listPosts', { params: { id: t }, query: { limit } }), expected);
  });

  test('answers: the accepted one first (on page one only), then score, created_at, id', async () => {
    const rows = (await env.db.query<{ id: string; n: number }>(
      `SELECT q.id, count(*)::int AS n FROM questions q JOIN answers a ON a.question_id = q.id
       WHERE q.accepted_answer_id IS NOT NULL GROUP BY q.id ORDER BY n DESC, q.id LIMIT 1`,
    )).rows;
    const q = rows[0].id;
    // Ties on score and on created_at, and an answer that outscores the accepted one.
    for (const [id, score] of [['ka-1', 1], ['ka-2', 1], ['ka-3', 99]] as const) {
      await env.db.query(
        `INSERT INTO answers (id, question_id, author_id, body, score, created_at) VALUES ($1, $2, 'p-ben', 'tie', $3, '2031-01-01T00:00:00.000001Z')`,
        [id, q, score],
      );
    }
    const expected = await ids(
      `SELECT a.id FROM answers a JOIN questions q ON q.id = a.question_id WHERE q.id = $1 AND a.status = 'published'
       ORDER BY (a.id = q.accepted_answer_id) DESC, a.score DESC, a.created_at, a.id`, [q],
    );
    const first = await call(env, 'getQuestion', { params: { id: q } });
    assert.equal(first.body.answers.items[0].id, first.body.question.acceptedAnswerId);
    for (const limit of ['1', '2', '3', '100']) {
      const seen = await walk('listAnswers', { params: { id: q }, query: { limit } });
      assert.deepEqual(seen, expected, `limit ${limit}`);
    }
    // A question without an accepted answer pages by score alone.
    const open = (await ids(`SELECT q.id FROM questions q WHERE accepted_answer_id IS NULL AND answer_count >= 2 ORDER BY id LIMIT 1`))[0];
    const exp2 = await ids(`SELECT id FROM answers WHERE question_id = $1 AND status = 'published' ORDER BY score DESC, created_at, id`, [open]);
    assert.deepEqual(await walk('listAnswers', { params: { id: open }, query: { limit: '1' } }), exp2);
  });
});

describe('keyset paging: rows added between pages', () => {
  test('a new thread at the top of `latest` repeats nothing and skips nothing', async () => {
    const before = await ids(`SELECT id FROM threads WHERE status = 'published' ORDER BY ${ORDER.latest}`);
    let created = '';
    const seen = await walk('listThreads', { query: { sort: 'latest', limit: '8' } }, async () => {
      // Dated above everything, so it lands before the cursor: OFFSET would shift the rest by one.
      await env.db.query(
        `INSERT INTO threads (id, title, body, category, tags, author_id, created_at, last_activity_at)
         VALUES ('kt-new', 'Newest', 'b', 'technical', '{}', 'p-ava', '2032-01-01T00:00:00Z', '2032-01-01T00:00:00Z')`,
      );
      const r = await call(env, 'createThread', { as: PEOPLE.ava, body: { title: 'Posted mid-walk', body: 'b', category: 'technical' } });
      created = r.body.id;
    });
    assert.equal(new Set(seen).size, seen.length, 'no thread twice');
    assert.ok(!seen.includes('kt-new'), 'the thread above the cursor is for the next reload');
    // The API thread sorts by now(), below the 2031 ties but above the rest: also before the cursor.
    assert.ok(!seen.includes(created));
    assert.deepEqual(seen, before);
  });

  test('a new top-scored thread and question do not shift `top`', async () => {
    for (const [name, table] of [['listThreads', 'threads'], ['listQuestions', 'questions']] as const) {
      const before = await ids(`SELECT id FROM ${table} WHERE status = 'published' ORDER BY ${ORDER.top}`);
      const seen = await walk(name, { query: { sort: 'top', limit: '9' } }, async () => {
        await env.db.query(
          `INSERT INTO ${table} (id, title, body, category, tags, author_id, score) VALUES ('kt-top', 'Top of the list', 'b', 'technical', '{}', 'p-ava', 1000)`,
        );
      });
      assert.deepEqual(seen, before, name);
    }
  });

  test('a reply posted mid-walk comes once, on the last page', async () => {
    const t = (await ids(`SELECT id FROM threads WHERE reply_count >= 4 ORDER BY id DESC LIMIT 1`))[0];
    let reply = '';
    const seen = await walk('listPosts', { params: { id: t }, query: { limit: '2' } }, async () => {
      reply = (await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: t }, body: { body: 'late reply' } })).body.id;
    });
    assert.deepEqual(seen, await ids(`SELECT id FROM posts WHERE thread_id = $1 ORDER BY created_at, id`, [t]));
    assert.equal(seen.at(-1), reply);
  });

  test('a high-scored answer added mid-walk repeats nothing', async () => {
    const q = (await ids(`SELECT question_id AS id FROM answers GROUP BY question_id HAVING count(*) >= 3 ORDER BY question_id LIMIT 1`))[0];
    const order = `ORDER BY (a.id = q.accepted_answer_id) IS TRUE DESC, a.score DESC, a.created_at, a.id`;
    const before = await ids(`SELECT a.id FROM answers a JOIN questions q ON q.id = a.question_id WHERE q.id = $1 AND a.status = 'published' ${order}`, [q]);
    const seen = await walk('listAnswers', { params: { id: q }, query: { limit: '2' } }, async () => {
      await env.db.query(`INSERT INTO answers (id, question_id, author_id, body, score) VALUES ('ka-top', $1, 'p-ben', 'b', 500)`, [q]);
    });
    assert.deepEqual(seen, before);
  });
});

describe('keyset paging: cursors are checked', () => {
  const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

  async function expectBadCursor(name: EndpointName, cursor: string, params?: Record<string, string>) {
    // Search wants its `q` (empty lists everything), so that only the cursor is wrong.
    const r = await call(env, name, { params, query: { ...(name === 'searchArticles' ? { q: '' } : {}), cursor } });
    assert.equal(r.status, 400, `${name} ${Buffer.from(cursor, 'base64url').toString()}: ${JSON.stringify(r.body)}`);
    assert.deepEqual(r.body.errors.map((e: { path: string }) => e.path), ['cursor']);
  }

  test('malformed and tampered cursors are a 400 naming `cursor`', async () => {
    const good = (await call(env, 'listThreads', { query: { sort: 'latest', limit: '2' } })).body.nextCursor;
    const [at, id] = JSON.parse(Buffer.from(good, 'base64url').toString()).k;
    for (const c of [
      'garbage!!',
      b64('not json'),
      b64('[1,2]'),
      b64('null'),
      b64({ o: 20 }), // an old offset cursor
      b64({ s: 'threads:latest' }),
      b64({ s: 'threads:latest', k: [at] }),
      b64({ s: 'threads:latest', k: [at, id, 'extra'] }),
      b64({ s: 'threads:latest', k: [id, at] }),
      b64({ s: 'threads:latest', k: [Date.parse(at), id] }),
      b64({ s: 'threads:latest', k: ['2031-02-31T00:00:00.000000Z', id] }), // no such day
      b64({ s: 'threads:latest', k: ['2031-01-01T00:00:00Z', id] }), // not the exact form
      b64({ s: 'threads:latest', k: ['2031-01-01 00:00:00.000000+00', id] }),
      b64({ s: 'threads:latest', k: [at, 'a\u0000b'] }), // PostgreSQL refuses NUL in text
      b64({ s: 'threads:latest', k: [at, ''] }),
      b64({ s: 'threads:latest', k: [at, 'x'.repeat(201)] }),
      b64({ s: 'threads:top', k: [2 ** 31, at, id] }), // out of int range
      b64({ s: 'threads:top', k: [1.5, at, id] }),
      b64({ s: 'threads:top', k: ['1', at, id] }),
    ]) {
      await expectBadCursor('listThreads', c);
    }
    // A well-formed cursor someone wrote by hand is only a place to seek from: a normal page.
    const forged = await call(env, 'listThreads', { query: { cursor: b64({ s: 'threads:latest', k: ['2020-01-01T00:00:00.000000Z', 'zzz'] }) } });
    assert.equal(forged.status, 200);
  });

  test('a cursor works only for the list and sort it was made for', async () => {
    const top = (await call(env, 'listThreads', { query: { sort: 'top', limit: '2' } })).body.nextCursor;
    const latest = (await call(env, 'listThreads', { query: { sort: 'latest', limit: '2' } })).body.nextCursor;
    const unanswered = (await call(env, 'listThreads', { query: { sort: 'unanswered', limit: '2' } })).body.nextCursor;
    const r = await call(env, 'listThreads', { query: { sort: 'latest', cursor: top } });
    assert.equal(r.status, 400);
    assert.equal(r.body.errors[0].path, 'cursor');
    assert.equal((await call(env, 'listThreads', { query: { sort: 'top', cursor: latest } })).status, 400);
    assert.equal((await call(env, 'listThreads', { query: { cursor: unanswered } })).status, 400);
    assert.equal((await call(env, 'listThreads', { query: { sort: 'unanswered', cursor: unanswered } })).status, 200);
    assert.equal((await call(env, 'listQuestions', { query: { sort: 'latest', cursor: latest } })).status, 400);
    const t = (await ids(`SELECT id FROM threads WHERE reply_count >= 3 ORDER BY id LIMIT 1`))[0];
    const posts = (await call(env, 'listPosts', { params: { id: t }, query: { limit: '1' } })).body.nextCursor;
    await expectBadCursor('listThreads', posts);
    const q = (await ids(`SELECT question_id AS id FROM answers GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 LIMIT 1`))[0];
    await expectBadCursor('listAnswers', posts, { id: q });
    await expectBadCursor('listPosts', latest, { id: t });
    await expectBadCursor('searchArticles', latest);
  });

  test('article search keeps offset cursors, and checks them', async () => {
    const p1 = await call(env, 'searchArticles', { query: { q: '', limit: '3' } });
    const p2 = await call(env, 'searchArticles', { query: { q: '', limit: '3', cursor: p1.body.nextCursor } });
    assert.equal(p2.status, 200);
    assert.ok(!p2.body.items.some((a: { id: string }) => p1.body.items.some((b: { id: string }) => b.id === a.id)));
    for (const c of ['garbage!!', b64({ o: -1 }), b64({ o: 1.5 }), b64({ o: '3' }), b64({ o: 1e9 })]) await expectBadCursor('searchArticles', c);
  });
});
