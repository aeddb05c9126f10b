// Issue 15, "notify experts": POST /v1/questions/{id}/notify-experts. Who may ask (vendor staff
// only), who the experts are (category contributors of the last 90 days, then category followers;
// never the asker, the staff member, anyone suspended, muting or opted out; at most 5), one standing
// request per question and window (a double click notifies once), held, hidden and answered
// questions, and the notifications and emails the outbox makes of it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createDeliveryWorker } from '../../server/src/notify/delivery-worker.js';
import { webhookSender } from '../../server/src/notify/webhook-sender.js';
import { safePost } from '../../server/src/openbadges/fetch.js';
import { PEOPLE, call, setupTestEnv, webhookReceiver, type TestEnv, type Who } from './helpers.js';

let env: TestEnv;
const CAT = 'expert-test';
const OTHER = 'expert-other';
const person = (id: string): Who => ({ id, name: `Expert ${id}`, org: 'org-globex', tier: 'gold', roles: ['technical'] });

/** The people of the fixture, by what should happen to them. */
const EXPECTED = ['x-e1', 'x-e4', 'x-e2', 'x-e3', 'x-f1']; // best first
const LEFT_OUT = ['x-f2', 'x-susp', 'x-muter', 'x-off', 'x-old', 'x-elsewhere', PEOPLE.ava.id, PEOPLE.victor.id];

let n = 0;
async function question(category: string, authorId: string, status = 'published', daysAgo = 1): Promise<string> {
  const id = `xq-${++n}`;
  await env.db.query(
    `INSERT INTO questions (id, title, body, category, author_id, status, created_at) VALUES ($1, $2, 'What is the answer?', $3, $4, $5, now() - make_interval(days => $6))`,
    [id, `Expert question ${n}`, category, authorId, status, daysAgo],
  );
  return id;
}
async function answer(questionId: string, authorId: string, { accepted = false, upVotes = 0, daysAgo = 10 } = {}) {
  const id = `xa-${++n}`;
  await env.db.query(`INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ($1, $2, $3, 'Like this.', now() - make_interval(days => $4))`, [id, questionId, authorId, daysAgo]);
  if (accepted) await env.db.query(`UPDATE questions SET accepted_answer_id = $2 WHERE id = $1`, [questionId, id]);
  for (let i = 0; i < upVotes; i++)
    await env.db.query(`INSERT INTO votes (person_id, target_kind, target_id, value, created_at) VALUES ($1, 'answer', $2, 1, now() - make_interval(days => $3))`, [`voter-${i}`, id, daysAgo]);
}
/** A question of CAT with one answer by `who`. */
async function contribution(who: string, o: { accepted?: boolean; upVotes?: number; daysAgo?: number } = {}, category = CAT) {
  await answer(await question(category, PEOPLE.ben.id, 'published', (o.daysAgo ?? 10) + 1), who, o);
}

before(async () => {
  env = await setupTestEnv('notify-experts');
  for (const id of [...EXPECTED, ...LEFT_OUT.slice(0, 6)])
    await env.db.query(`INSERT INTO people (id, name, org_id, org_name, tier, roles) VALUES ($1, $2, 'org-globex', 'Globex', 'gold', '{technical}') ON CONFLICT (id) DO NOTHING`, [id, `Expert ${id}`]);
  await env.db.query(`INSERT INTO people (id, name, roles) VALUES ('p-victor', 'Victor Hale', '{vendor-staff}') ON CONFLICT (id) DO NOTHING`);
  await env.db.query(`INSERT INTO people (id, name, org_id, tier, roles) VALUES ('p-ava', 'Ava Lindqvist', 'org-northwind', 'platinum', '{technical}') ON CONFLICT (id) DO NOTHING`);
  // e1: 2 accepted + 1 vote; e4: 1 accepted; e2: 3 votes; e3: 1 vote.
  await contribution('x-e1', { accepted: true, upVotes: 1 });
  await contribution('x-e1', { accepted: true });
  await contribution('x-e4', { accepted: true });
  await contribution('x-e2', { upVotes: 3 });
  await contribution('x-e3', { upVotes: 1 });
  // Left out although they contributed: suspended, muting the category, opted out, too long ago, another category, the asker, the staff member.
  for (const who of ['x-susp', 'x-muter', 'x-off', PEOPLE.ava.id, PEOPLE.victor.id]) await contribution(who, { accepted: true, upVotes: 5 });
  await contribution('x-old', { accepted: true, upVotes: 5, daysAgo: 120 });
  await contribution('x-elsewhere', { accepted: true, upVotes: 5 }, OTHER);
  await env.db.query(`UPDATE people SET suspended_until = now() + interval '7 days' WHERE id = 'x-susp'`);
  await env.db.query(`INSERT INTO follows (person_id, kind, target_id, level) VALUES ('x-muter', 'category', $1, 'muted')`, [CAT]);
  await env.db.query(`INSERT INTO notification_preferences (person_id, type, mode) VALUES ('x-off', 'expert_request', 'off'), ('x-e2', 'expert_request', 'inapp')`);
  // Followers of the category: f1 first, f2 later (the sixth, past the cap of 5).
  await env.db.query(`INSERT INTO follows (person_id, kind, target_id, level, created_at) VALUES ('x-f1', 'category', $1, 'watching', now() - interval '2 days'), ('x-f2', 'category', $1, 'watching', now() - interval '1 day')`, [CAT]);
  await env.db.query(`UPDATE people SET mail_to = id || '@example.com' WHERE id IN ('x-e1', 'x-e2')`);
});
after(async () => env?.close());

const notifyExperts = (id: string, as?: Who) => call(env, 'notifyExperts', { params: { id }, as });

async function recipients(questionId: string): Promise<string[]> {
  const { rows } = await env.db.query<{ recipient_id: string }>(
    `SELECT recipient_id FROM notifications WHERE type = 'expert_request' AND target_id = $1 ORDER BY recipient_id`,
    [questionId],
  );
  return rows.map((r) => r.recipient_id);
}
const sorted = (xs: string[]) => [...xs].sort();

describe('notify experts: who may ask', () => {
  test('anonymous 401, a partner 403, a moderator who is not staff 403, an unknown question 404', async () => {
    const id = await question(CAT, PEOPLE.ava.id);
    assert.equal((await notifyExperts(id)).status, 401);
    assert.equal((await notifyExperts(id, PEOPLE.ava)).status, 403);
    assert.equal((await notifyExperts(id, PEOPLE.sam)).status, 403);
    assert.equal((await notifyExperts('no-such-question', PEOPLE.victor)).status, 404);
    assert.equal((await env.db.query(`SELECT 1 FROM expert_requests WHERE question_id = $1`, [id])).rows.length, 0);
  });

  test('a held or a hidden question is 404 even for staff, and an answered one 409', async () => {
    for (const status of ['held', 'hidden']) {
      const r = await notifyExperts(await question(CAT, PEOPLE.ava.id, status), PEOPLE.victor);
      assert.equal(r.status, 404, status);
      assert.match(r.body.detail, /held or hidden/);
    }
    const answered = await question(CAT, PEOPLE.ava.id);
    await call(env, 'answerQuestion', { as: PEOPLE.ben, params: { id: answered }, body: { body: 'Try restarting the sizing wizard.' } });
    const r = await notifyExperts(answered, PEOPLE.victor);
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /has an answer/);
  });
});

describe('notify experts: who is notified', () => {
  let id: string;
  before(async () => {
    id = await question(CAT, PEOPLE.ava.id);
  });

  test('the top 5: contributors by accepted answers then helpful votes, then followers; the bell shows it', async () => {
    const r = await notifyExperts(id, PEOPLE.victor);
    assert.equal(r.status, 200);
    assert.deepEqual({ ...r.body, requestedAt: undefined }, { questionId: id, notified: 5, repeated: false, requestedAt: undefined });
    assert.deepEqual(await recipients(id), [], 'nothing is sent before the outbox runs');
    await env.confab.notifier.drain();
    assert.deepEqual(await recipients(id), sorted(EXPECTED));
    const { rows } = await env.db.query<{ recipients: string[] }>(`SELECT recipients FROM expert_requests WHERE question_id = $1`, [id]);
    assert.deepEqual(rows[0].recipients, EXPECTED, 'ranked: most accepted, then most helpful votes, then the longest follow');
    const bell = (await call(env, 'listNotifications', { as: person('x-e1') })).body.items.find((x: any) => x.type === 'expert_request');
    assert.equal(bell.target.id, id);
    assert.equal(bell.target.kind, 'question');
    assert.equal(bell.actor.id, PEOPLE.victor.id);
  });

  test('nobody left out is notified: followers past the cap, the suspended, muting, opted out, old, elsewhere, the asker, the staff member', async () => {
    const got = new Set(await recipients(id));
    for (const who of LEFT_OUT) assert.ok(!got.has(who), `${who} must not be notified`);
  });

  test('email follows each expert’s preferences: e1 (default: at once) gets one, e2 (in the app only) none', async () => {
    const { rows } = await env.db.query<{ recipient: string }>(
      `SELECT d.recipient FROM deliveries d JOIN notifications n ON n.id = d.event_key WHERE d.channel = 'email' AND n.type = 'expert_request' AND n.target_id = $1`,
      [id],
    );
    assert.deepEqual(rows.map((r) => r.recipient), ['x-e1']);
  });

  test('asking again within 24 hours notifies nobody and returns the standing request', async () => {
    const first = (await env.db.query<{ requested_at: Date }>(`SELECT requested_at FROM expert_requests WHERE question_id = $1`, [id])).rows[0];
    const again = await notifyExperts(id, PEOPLE.morgan);
    assert.equal(again.status, 200);
    assert.equal(again.body.repeated, true);
    assert.equal(again.body.notified, 5);
    assert.equal(again.body.requestedAt, new Date(first.requested_at).toISOString());
    await env.confab.notifier.drain();
    assert.equal((await recipients(id)).length, 5);
  });

  test('after the window, a new request notifies the experts again', async () => {
    await env.db.query(`UPDATE expert_requests SET requested_at = now() - interval '25 hours' WHERE question_id = $1`, [id]);
    const r = await notifyExperts(id, PEOPLE.victor);
    assert.equal(r.body.repeated, false);
    await env.confab.notifier.drain();
    assert.equal((await recipients(id)).length, 10);
  });
});

describe('notify experts: once per double click, and only while visible', () => {
  test('two requests at once: one notifies, the other is the repeat; one outbox job', async () => {
    const id = await question(CAT, PEOPLE.ava.id);
    const rs = await Promise.all([notifyExperts(id, PEOPLE.victor), notifyExperts(id, PEOPLE.victor)]);
    assert.deepEqual(rs.map((r) => r.status), [200, 200]);
    assert.deepEqual(rs.map((r) => r.body.repeated).sort(), [false, true]);
    assert.equal(rs[0].body.requestedAt, rs[1].body.requestedAt);
    const jobs = await env.db.query(`SELECT 1 FROM outbox WHERE event = 'experts.requested' AND payload->>'id' = $1`, [id]);
    assert.equal(jobs.rows.length, 1);
    await env.confab.notifier.drain();
    assert.equal((await recipients(id)).length, 5);
  });

  test('a question hidden before the outbox runs notifies nobody', async () => {
    const id = await question(CAT, PEOPLE.ava.id);
    assert.equal((await notifyExperts(id, PEOPLE.victor)).body.notified, 5);
    await env.db.query(`UPDATE questions SET status = 'hidden' WHERE id = $1`, [id]);
    await env.confab.notifier.drain();
    assert.deepEqual(await recipients(id), []);
  });

  test('no expert found: 0 notified, and nothing recorded (a later request may find someone)', async () => {
    const id = await question('expert-empty', PEOPLE.ava.id);
    const r = await notifyExperts(id, PEOPLE.victor);
    assert.deepEqual([r.status, r.body.notified, r.body.repeated], [200, 0, false]);
    assert.equal((await env.db.query(`SELECT 1 FROM expert_requests WHERE question_id = $1`, [id])).rows.length, 0);
  });
});

describe('notify experts: the expert_request.created webhook', () => {
  test('a subscribed endpoint gets one signed event per request, with the count and not who; a hidden question sends none', async () => {
    const receiver = await webhookReceiver();
    try {
      const hook = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: `${receiver.base}/experts`, events: ['expert_request.created'] } })).body;
      const other = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: `${receiver.base}/questions`, events: ['question.asked'] } })).body;
      const id = await question(CAT, PEOPLE.ava.id);
      const r = await notifyExperts(id, PEOPLE.victor);
      assert.equal(r.body.notified, 5);
      assert.equal((await notifyExperts(id, PEOPLE.victor)).body.repeated, true, 'a repeat sends nothing more');
      const hidden = await question(CAT, PEOPLE.ava.id);
      assert.equal((await notifyExperts(hidden, PEOPLE.victor)).body.notified, 5);
      await env.db.query(`UPDATE questions SET status = 'hidden' WHERE id = $1`, [hidden]);
      // The outbox, then the webhook deliveries it queued, sent to the receiver over HTTP.
      await env.confab.notifier.drain();
      const sender = webhookSender(safePost({ allowHttp: true, allowHosts: ['127.0.0.1'], timeoutMs: 3000 }));
      await createDeliveryWorker(env.db, { senders: { webhook: sender }, backoffMs: 1 }).drain();

      const verifier = new StandardWebhook(hook.secret);
      const events = receiver.received.filter((x) => x.path === '/experts').map((x) => verifier.verify(x.body, x.headers) as any);
      assert.deepEqual(events.map((e) => [e.type, e.data.id, e.data.kind, e.data.requestedBy, e.data.notified, e.data.requestedAt]),
        [['expert_request.created', id, 'question', PEOPLE.victor.id, 5, r.body.requestedAt]]);
      assert.equal(events[0].data.topic.title, (await env.db.query<{ title: string }>(`SELECT title FROM questions WHERE id = $1`, [id])).rows[0].title);
      assert.equal(JSON.stringify(events[0]).includes('x-e1'), false, 'the experts are not named');
      assert.equal(receiver.received.filter((x) => x.path === '/questions').length, 0, 'an endpoint not subscribed to it gets nothing');
      await call(env, 'deleteWebhook', { as: PEOPLE.victor, params: { id: hook.id } });
      await call(env, 'deleteWebhook', { as: PEOPLE.victor, params: { id: other.id } });
    } finally {
      await receiver.close();
    }
  });
});
