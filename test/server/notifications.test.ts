// Issue 13, server side: follows, mutes and auto-follows; notifications written through the outbox
// and fanned out by the worker (never to the actor or to non-followers); mentions once; preferences;
// people search visibility; exactly-once with two workers; retries and parking; the per-user stream
// opened with a ticket.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as v from 'valibot';
import { NotificationLiveEvent, mentionMarkdown } from '../../src/contract/index.js';
import { createOutboxWorker } from '../../server/src/notify/worker.js';
import { PEOPLE, call, expectProblem, notificationStream, raw, setupTestEnv, type TestEnv, type Who } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('notifications');
});
after(async () => {
  await env?.close();
});

const drain = () => env.confab.notifier.drain();
const inbox = async (who: Who) => (await call(env, 'listNotifications', { as: who, query: { limit: '100' } })).body;
const newThread = async (who: Who, extra: Record<string, unknown> = {}) =>
  (await call(env, 'createThread', { as: who, body: { title: 'Notify me please', body: 'Opening post', category: 'deals', ...extra } })).body;
const reply = async (who: Who, threadId: string, body = 'A reply') => (await call(env, 'replyToThread', { as: who, params: { id: threadId }, body: { body } })).body;
/** Notifications of one thread, to keep the tests apart on the shared database. */
const about = async (who: Who, targetId: string) => (await inbox(who)).items.filter((n: any) => n.target.id === targetId);

describe('notifications: access', () => {
  test('anonymous calls get a 401', async () => {
    for (const name of ['listNotifications', 'getPreferences', 'listFollows', 'createLiveTicket'] as const) {
      assert.equal((await call(env, name)).status, 401, name);
    }
    assert.equal((await call(env, 'markNotificationsRead', { body: { all: true } })).status, 401);
    assert.equal((await call(env, 'searchPeople', { query: { q: 'a' } })).status, 401);
    assert.equal((await call(env, 'followTopic', { params: { kind: 'category', id: 'deals' }, body: { level: 'watching' } })).status, 401);
  });
});

describe('follows', () => {
  test('follow, mute and unfollow a category; a missing thread is a 404, an unknown kind a 400', async () => {
    const put = await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'category', id: 'cat-f' }, body: { level: 'watching' } });
    assert.deepEqual([put.body.kind, put.body.id, put.body.level, put.body.title], ['category', 'cat-f', 'watching', null]);
    await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'category', id: 'cat-f' }, body: { level: 'muted' } });
    let list = (await call(env, 'listFollows', { as: PEOPLE.devi })).body.items;
    assert.deepEqual(list.filter((f: any) => f.id === 'cat-f').map((f: any) => f.level), ['muted']);
    assert.equal((await call(env, 'unfollowTopic', { as: PEOPLE.devi, params: { kind: 'category', id: 'cat-f' } })).status, 204);
    list = (await call(env, 'listFollows', { as: PEOPLE.devi })).body.items;
    assert.ok(!list.some((f: any) => f.id === 'cat-f'));
    assert.equal((await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'thread', id: 'nope' }, body: { level: 'watching' } })).status, 404);
    assert.equal((await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'planet', id: 'x' }, body: { level: 'watching' } })).status, 400);
    assert.equal((await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'tag', id: 'x' }, body: { level: 'loud' } })).status, 422);
  });

  test('starting and replying follow the thread: the author hears of replies, never of their own, and strangers hear nothing', async () => {
    const t = await newThread(PEOPLE.ava);
    const follows = (await call(env, 'listFollows', { as: PEOPLE.ava })).body.items;
    assert.ok(follows.some((f: any) => f.kind === 'thread' && f.id === t.id && f.level === 'watching' && f.title === t.title));
    const p = await reply(PEOPLE.ben, t.id, 'Here is how it works');
    await drain();
    const [n, ...more] = await about(PEOPLE.ava, t.id);
    assert.equal(more.length, 0);
    assert.deepEqual([n.type, n.actor.id, n.target.kind, n.target.title, n.target.postId, n.excerpt, n.read], ['reply', PEOPLE.ben.id, 'thread', t.title, p.id, 'Here is how it works', false]);
    assert.deepEqual(await about(PEOPLE.ben, t.id), [], 'not to the actor');
    assert.deepEqual(await about(PEOPLE.chloe, t.id), [], 'not to a non-follower');
    // Ben follows by replying: Ava's reply notifies him, and not her.
    await reply(PEOPLE.ava, t.id);
    await drain();
    assert.equal((await about(PEOPLE.ben, t.id)).length, 1);
    assert.equal((await about(PEOPLE.ava, t.id)).length, 1);
  });

  test('a mute silences a thread even for its author, and survives replying again', async () => {
    const t = await newThread(PEOPLE.ava);
    await call(env, 'followTopic', { as: PEOPLE.ava, params: { kind: 'thread', id: t.id }, body: { level: 'muted' } });
    await reply(PEOPLE.ava, t.id, 'I still post here');
    await reply(PEOPLE.ben, t.id);
    await drain();
    assert.deepEqual(await about(PEOPLE.ava, t.id), []);
  });

  test('a new topic notifies the followers of its category or tags, unless one of them is muted', async () => {
    await call(env, 'followTopic', { as: PEOPLE.chloe, params: { kind: 'category', id: 'cat-news' }, body: { level: 'watching' } });
    await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'tag', id: 'tag-news' }, body: { level: 'watching' } });
    await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'tag', id: 'tag-noisy' }, body: { level: 'muted' } });
    const t1 = await newThread(PEOPLE.ben, { category: 'cat-news', tags: ['tag-news'] });
    const t2 = await newThread(PEOPLE.ben, { category: 'cat-news', tags: ['tag-news', 'tag-noisy'] });
    const q = (await call(env, 'askQuestion', { as: PEOPLE.ben, body: { title: 'A question in the news', body: 'Anyone?', category: 'cat-news' } })).body;
    await drain();
    assert.deepEqual((await about(PEOPLE.chloe, t1.id)).map((n: any) => n.type), ['new_topic']);
    assert.deepEqual((await about(PEOPLE.chloe, q.id)).map((n: any) => [n.type, n.target.kind]), [['new_topic', 'question']]);
    assert.equal((await about(PEOPLE.devi, t1.id)).length, 1);
    assert.equal((await about(PEOPLE.devi, t2.id)).length, 0, 'a muted tag wins');
    assert.equal((await about(PEOPLE.ben, t1.id)).length, 0);
  });

  test('an answer notifies the asker; accepting it notifies the answerer', async () => {
    const q = (await call(env, 'askQuestion', { as: PEOPLE.ava, body: { title: 'How do MDF claims work?', body: 'Details please', category: 'mdf' } })).body;
    const a = (await call(env, 'answerQuestion', { as: PEOPLE.ben, params: { id: q.id }, body: { body: 'Use the claim form' } })).body;
    await drain();
    assert.deepEqual((await about(PEOPLE.ava, q.id)).map((n: any) => [n.type, n.target.postId]), [['answer', a.id]]);
    await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q.id }, body: { answerId: a.id } });
    await drain();
    assert.deepEqual((await about(PEOPLE.ben, q.id)).map((n: any) => [n.type, n.actor.id]), [['accepted', PEOPLE.ava.id]]);
    assert.equal((await about(PEOPLE.ava, q.id)).length, 1, 'the acceptor hears nothing of their own act');
  });
});

describe('held and hidden topics', () => {
  test('a reply in a hidden thread and an acceptance on a hidden question notify no one (the title would leak)', async () => {
    const t = await newThread(PEOPLE.ava);
    await call(env, 'followTopic', { as: PEOPLE.chloe, params: { kind: 'thread', id: t.id }, body: { level: 'watching' } });
    const q = (await call(env, 'askQuestion', { as: PEOPLE.ava, body: { title: 'A question about to be hidden', body: 'Details', category: 'mdf' } })).body;
    const a = (await call(env, 'answerQuestion', { as: PEOPLE.ben, params: { id: q.id }, body: { body: 'An answer' } })).body;
    await drain();
    const mod = PEOPLE.morgan;
    for (const target of [{ kind: 'thread', id: t.id }, { kind: 'question', id: q.id }]) {
      assert.equal((await call(env, 'moderationAction', { as: mod, body: { target, action: 'hide' } })).status, 200);
    }
    assert.equal((await reply(mod, t.id, 'A reply nobody should hear of')).status, 'published');
    assert.equal((await call(env, 'acceptAnswer', { as: PEOPLE.ava, params: { id: q.id }, body: { answerId: a.id } })).status, 200);
    await drain();
    assert.deepEqual(await about(PEOPLE.chloe, t.id), [], 'a follower of the hidden thread');
    assert.deepEqual(await about(PEOPLE.ava, t.id), [], 'its author');
    assert.deepEqual((await about(PEOPLE.ben, q.id)).map((n: any) => n.type), [], 'the answerer of the hidden question');
  });
});

describe('follows of hidden topics', () => {
  test('following a hidden thread is a 404 for others, and a hidden thread leaves the follow list but its author\'s', async () => {
    const t = await newThread(PEOPLE.ava);
    await call(env, 'followTopic', { as: PEOPLE.chloe, params: { kind: 'thread', id: t.id }, body: { level: 'watching' } });
    assert.equal((await call(env, 'moderationAction', { as: PEOPLE.morgan, body: { target: { kind: 'thread', id: t.id }, action: 'hide' } })).status, 200);
    const put = await call(env, 'followTopic', { as: PEOPLE.devi, params: { kind: 'thread', id: t.id }, body: { level: 'watching' } });
    assert.equal(put.status, 404);
    assert.equal(put.body.title, 'Not Found', 'a problem, no topic title');
    const listed = async (who: Who) => (await call(env, 'listFollows', { as: who })).body.items.filter((f: any) => f.id === t.id);
    assert.deepEqual(await listed(PEOPLE.chloe), []);
    assert.deepEqual((await listed(PEOPLE.ava)).map((f: any) => f.title), [t.title], 'the author may still read it');
    assert.equal((await call(env, 'followTopic', { as: PEOPLE.morgan, params: { kind: 'thread', id: t.id }, body: { level: 'watching' } })).status, 200);
  });
});

describe('mentions', () => {
  test('a mention is kept with the stored name, not the typed one; an unknown id stays text; one in code or escaped notifies nobody', async () => {
    // Devi and Chloe exist as people, with their names, by writing elsewhere (so they don't follow t).
    const elsewhere = await newThread(PEOPLE.ava);
    await reply(PEOPLE.devi, elsewhere.id, 'I am here');
    await reply(PEOPLE.chloe, elsewhere.id, 'Me too');
    const t = await newThread(PEOPLE.ava);
    const forged = mentionMarkdown({ id: PEOPLE.devi.id, name: 'Acme Security Team' });
    const inCode = mentionMarkdown({ id: PEOPLE.chloe.id, name: 'Chloe' });
    const p = await reply(PEOPLE.ben, t.id, `${forged}, @[Ghost](p-nobody), \`${inCode}\` and \\${inCode}\n\n\`\`\`\n${inCode}\n\`\`\``);
    assert.equal(
      p.body,
      `${mentionMarkdown(PEOPLE.devi)}, @Ghost, \`${inCode}\` and \\${inCode}\n\n\`\`\`\n${inCode}\n\`\`\``,
      'the name is the stored one; an unknown id is text; code and escapes are left as written',
    );
    await drain();
    assert.deepEqual((await about(PEOPLE.devi, t.id)).map((n: any) => n.type), ['mention']);
    assert.deepEqual(await about(PEOPLE.chloe, t.id), [], 'the mentions of Chloe were code or escaped');
  });

  test('a mention notifies the person once, as a mention, through edits; a new mention in an edit notifies', async () => {
    const t = await newThread(PEOPLE.ava);
    const body = `Ping ${mentionMarkdown({ id: PEOPLE.devi.id, name: 'Devi' })} and ${mentionMarkdown({ id: PEOPLE.ava.id, name: 'Ava' })}`;
    const p = await reply(PEOPLE.ben, t.id, body);
    await drain();
    assert.deepEqual((await about(PEOPLE.devi, t.id)).map((n: any) => n.type), ['mention']);
    assert.deepEqual((await about(PEOPLE.ava, t.id)).map((n: any) => n.type), ['mention'], 'a follower who is mentioned hears it once');
    await call(env, 'updatePost', { as: PEOPLE.ben, params: { id: p.id }, body: { body: body + ' (edited) ' + mentionMarkdown({ id: PEOPLE.chloe.id, name: 'Chloe' }) } });
    await drain();
    assert.equal((await about(PEOPLE.devi, t.id)).length, 1);
    assert.deepEqual((await about(PEOPLE.chloe, t.id)).map((n: any) => n.type), ['mention']);
  });
});

describe('preferences and reading', () => {
  test('defaults, a partial update, and `off` stops the notifications of that type', async () => {
    const d = (await call(env, 'getPreferences', { as: PEOPLE.chloe })).body;
    assert.deepEqual(d, { reply: 'daily', answer: 'email', accepted: 'email', new_topic: 'weekly', mention: 'email', expert_request: 'email' });
    const u = (await call(env, 'updatePreferences', { as: PEOPLE.chloe, body: { reply: 'off', mention: 'inapp' } })).body;
    assert.deepEqual(u, { ...d, reply: 'off', mention: 'inapp' });
    assert.equal((await call(env, 'updatePreferences', { as: PEOPLE.chloe, body: { reply: 'sometimes' } })).status, 422);
    const t = await newThread(PEOPLE.chloe);
    await reply(PEOPLE.ben, t.id);
    await drain();
    assert.deepEqual(await about(PEOPLE.chloe, t.id), []);
  });

  test('pages newest first with a cursor; marks some, then all, read', async () => {
    const t = await newThread(PEOPLE.devi);
    for (let i = 0; i < 3; i++) await reply([PEOPLE.ben, PEOPLE.chloe, PEOPLE.sam][i], t.id, `reply ${i}`);
    await drain();
    const p1 = (await call(env, 'listNotifications', { as: PEOPLE.devi, query: { limit: '2' } })).body;
    assert.equal(p1.items.length, 2);
    const p2 = (await call(env, 'listNotifications', { as: PEOPLE.devi, query: { limit: '2', cursor: p1.nextCursor } })).body;
    const all = [...p1.items, ...p2.items];
    assert.equal(new Set(all.map((n: any) => n.id)).size, all.length, 'pages do not overlap');
    const times = all.map((n: any) => Date.parse(n.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const before = p1.unread;
    assert.ok(before >= 3);
    const r = (await call(env, 'markNotificationsRead', { as: PEOPLE.devi, body: { ids: [p1.items[0].id] } })).body;
    assert.equal(r.unread, before - 1);
    // Someone else's ids change nothing.
    assert.equal((await call(env, 'markNotificationsRead', { as: PEOPLE.ben, body: { ids: [p1.items[1].id] } })).status, 200);
    assert.equal((await inbox(PEOPLE.devi)).unread, before - 1);
    assert.equal((await call(env, 'markNotificationsRead', { as: PEOPLE.devi, body: { all: true } })).body.unread, 0);
    assert.ok((await inbox(PEOPLE.devi)).items.every((n: any) => n.read));
    assert.equal((await call(env, 'markNotificationsRead', { as: PEOPLE.devi, body: { ids: [] } })).status, 422);
  });
});

describe('people to mention', () => {
  test('partners find their colleagues, staff and community authors, not other companies\' silent members; staff find everyone', async () => {
    await env.db.query(`INSERT INTO people (id, name, org_id, org_name, tier, roles) VALUES ('p-quinn', 'Quinn Silent', 'org-hidden', 'Hidden Co', 'gold', '{sales}'), ('p-quill', 'Quill Colleague', 'org-stark', 'Stark', 'gold', '{sales}')`);
    const asBen = (await call(env, 'searchPeople', { as: PEOPLE.ben, query: { q: 'qui' } })).body.items.map((p: any) => p.id);
    assert.deepEqual(asBen, ['p-quill']);
    const asStaff = (await call(env, 'searchPeople', { as: PEOPLE.victor, query: { q: 'qui' } })).body.items.map((p: any) => p.id);
    assert.deepEqual(asStaff.sort(), ['p-quill', 'p-quinn']);
    const ava = (await call(env, 'searchPeople', { as: PEOPLE.ben, query: { q: 'lindq' } })).body.items;
    assert.deepEqual(ava.map((p: any) => p.id), [PEOPLE.ava.id], 'a word of the name matches, and an author is visible');
    assert.equal((await call(env, 'searchPeople', { as: PEOPLE.ben, query: { q: '%' } })).body.items.length, 0, 'LIKE wildcards are literal');
    assert.equal((await call(env, 'searchPeople', { as: PEOPLE.ben, query: { q: '' } })).status, 400);
  });
});

describe('people to mention: held and hidden posts', () => {
  test('a partner does not find another company\'s member whose only post is hidden', async () => {
    const hidden: Who = { id: 'p-zeno-hidden', name: 'Zeno Hiddenpost', org: 'org-elsewhere', tier: 'gold', roles: ['sales'] };
    const t = await newThread(hidden);
    const find = async () => (await call(env, 'searchPeople', { as: PEOPLE.ben, query: { q: 'zeno' } })).body.items.map((p: any) => p.id);
    assert.deepEqual(await find(), [hidden.id], 'a published author is found');
    assert.equal((await call(env, 'moderationAction', { as: PEOPLE.morgan, body: { target: { kind: 'thread', id: t.id }, action: 'hide' } })).status, 200);
    assert.deepEqual(await find(), []);
  });
});

describe('the outbox worker', () => {
  test('two workers racing deliver every notification exactly once', async () => {
    const t = await newThread(PEOPLE.sam);
    const other = createOutboxWorker(env.db, { gate: async () => 'notify', userChannel: 'confab_test_other', batch: 1 });
    for (let i = 0; i < 6; i++) await reply(i % 2 ? PEOPLE.ben : PEOPLE.chloe, t.id, `race ${i}`);
    const [a, b] = await Promise.all([drain(), other.drain()]);
    assert.ok(a + b >= 6, `both workers together took every job (${a} + ${b})`);
    const mine = await about(PEOPLE.sam, t.id);
    assert.equal(mine.length, 6);
    assert.equal(new Set(mine.map((n: any) => n.target.postId)).size, 6);
    const { rows } = await env.db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE status <> 'done'`);
    assert.equal(Number(rows[0].n), 0);
  });

  test('a failing job is retried with backoff and parked after the last attempt; held content notifies no one', async () => {
    await drain();
    const t = await newThread(PEOPLE.ava);
    await reply(PEOPLE.ben, t.id, 'fails to fan out');
    let calls = 0;
    const failing = createOutboxWorker(env.db, {
      gate: async (_q, content) => {
        if (content.kind === 'post') calls++;
        throw new Error('mail relay on fire');
      },
      userChannel: 'confab_test_other', maxAttempts: 3, backoffMs: 1,
    });
    const rowOf = async () => (await env.db.query<any>(`SELECT status, attempts, last_error FROM outbox WHERE payload->>'id' = (SELECT max(id) FROM posts WHERE thread_id = $1)`, [t.id])).rows[0];
    await failing.runBatch();
    assert.deepEqual({ ...(await rowOf()) }, { status: 'pending', attempts: 1, last_error: 'mail relay on fire' });
    for (let i = 0; i < 5 && (await rowOf()).status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await failing.runBatch();
    }
    assert.equal((await rowOf()).status, 'parked');
    assert.equal(Number((await rowOf()).attempts), 3);
    assert.equal(calls, 3);
    await drain();
    assert.deepEqual(await about(PEOPLE.ava, t.id), [], 'a parked job stays parked');

    const t2 = await newThread(PEOPLE.ava);
    await reply(PEOPLE.ben, t2.id, 'awaiting review');
    const held = createOutboxWorker(env.db, { gate: async () => 'hold', userChannel: 'confab_test_other', backoffMs: 60_000 });
    await held.drain();
    assert.deepEqual(await about(PEOPLE.ava, t2.id), []);
  });
});

describe('the caller\'s live stream', () => {
  test('opens with a ticket from the header, delivers the new notification with the unread count, and refuses a used ticket', async () => {
    const t = await newThread(PEOPLE.ava);
    const ticket = (await call(env, 'createLiveTicket', { as: PEOPLE.ava })).body.ticket;
    const s = await notificationStream(env, ticket);
    try {
      await reply(PEOPLE.ben, t.id, 'live one');
      await drain();
      const text = await s.until((b) => b.includes('live one'));
      const block = text.split('\n\n').find((b) => b.includes('live one'))!;
      assert.match(block, /^event: notification\.created$/m);
      const data = JSON.parse(/^data: (.+)$/m.exec(block)![1]);
      const ev = v.parse(NotificationLiveEvent, data);
      assert.equal(ev.notification.excerpt, 'live one');
      assert.equal(ev.unread, (await inbox(PEOPLE.ava)).unread);
    } finally {
      await s.close();
    }
    await expectProblem(await raw(env, `/api/v1/notifications/events?ticket=${encodeURIComponent(ticket)}`), 401);
    await expectProblem(await raw(env, '/api/v1/notifications/events'), 401);
    await expectProblem(await raw(env, '/api/v1/notifications/events?ticket=tk_guessedguessedguessed'), 401);
  });
});
