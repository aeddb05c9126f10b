// Issue 14, moderation events: `flag.created`, `content.held` and `content.hidden` go through the
// notifications outbox to moderators and vendor staff (in the bell, and by email per their
// preferences) and to the webhooks subscribed to them, signed per Standard Webhooks (checked with the
// `standardwebhooks` package against a real node:http receiver). Partners never get them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createDeliveryWorker } from '../../server/src/notify/delivery-worker.js';
import { webhookSender } from '../../server/src/notify/webhook-sender.js';
import { safePost } from '../../server/src/openbadges/fetch.js';
import type { Ctx } from '../../server/src/context.js';
import { issueTicket } from '../../server/src/live-tickets.js';
import { announceContent } from '../../server/src/moderation/announce.js';
import { PEOPLE, call, notificationStream, setupTestEnv, webhookReceiver, type TestEnv, type Who } from './helpers.js';
import { MOD, act, moderationConfig, setWatchedWords } from './moderation-helpers.js';

const MODERATION_TYPES = ['flag_created', 'content_held', 'content_hidden'];

let env: TestEnv;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
let base = '';
let received: Awaited<ReturnType<typeof webhookReceiver>>['received'] = [];

before(async () => {
  env = await setupTestEnv('moderation-events', { config: { moderation: moderationConfig({ flagHideThreshold: 2 }) } });
  receiver = await webhookReceiver();
  ({ base, received } = receiver);
});
after(async () => {
  await receiver?.close();
  await env?.close();
});

/** Runs the outbox, then sends the webhook deliveries it queued (emails stay queued: no sender for them here). */
async function settle() {
  await env.confab.notifier.drain();
  const w = createDeliveryWorker(env.db, { senders: { webhook: webhookSender(safePost({ allowHttp: true, allowHosts: ['127.0.0.1'], timeoutMs: 3000 })) }, backoffMs: 1 });
  await w.drain();
}

/** The caller's notifications about `contentId` (the thread or question, or the reply or answer in it). */
async function about(who: Who, contentId: string) {
  const items = (await call(env, 'listNotifications', { as: who, query: { limit: '100' } })).body.items as any[];
  return items.filter((n) => n.target.id === contentId || n.target.postId === contentId);
}

async function newThread(title: string, as: Who = PEOPLE.ava) {
  const r = await call(env, 'createThread', { as, body: { title, body: 'Something to report', category: 'deals' } });
  assert.ok(r.status === 200 || r.status === 201, `create: ${r.status}`);
  return r.body;
}

describe('moderation events', () => {
  test('a report reaches every moderator and staff member in the bell, named by the reporter; never a partner', async () => {
    const t = await newThread('Reported thread for the bell');
    const reply = (await call(env, 'replyToThread', { as: PEOPLE.ava, params: { id: t.id }, body: { body: 'A reply someone reports' } })).body;
    assert.ok((await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'post', id: reply.id }, reason: 'spam' } })).status < 300);
    await settle();
    for (const who of [MOD, PEOPLE.victor, PEOPLE.sam]) {
      const [n] = (await about(who, reply.id)).filter((x) => x.type === 'flag_created');
      assert.ok(n, `${who.id} got the report`);
      assert.deepEqual([n.actor.id, n.target.kind, n.target.id, n.target.postId, n.excerpt], [PEOPLE.ben.id, 'thread', t.id, reply.id, 'A reply someone reports']);
    }
    for (const who of [PEOPLE.ava, PEOPLE.ben, PEOPLE.chloe, PEOPLE.devi]) assert.deepEqual(await about(who, reply.id), [], `${who.id} got nothing`);
    // Not in the database either, for anyone without a moderating role.
    const { rows } = await env.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM notifications n JOIN people p ON p.id = n.recipient_id
       WHERE n.type = ANY($1::text[]) AND NOT (p.roles && ARRAY['moderator', 'vendor-staff']::text[])`,
      [MODERATION_TYPES],
    );
    assert.equal(Number(rows[0].n), 0);
  });

  test('held content reaches moderators (partners do not see it); a hide reaches the others, not the moderator who hid', async () => {
    await setWatchedWords(env, [{ pattern: 'casino', action: 'hold' }]);
    const held = await newThread('Casino partner night', PEOPLE.chloe);
    assert.equal(held.status, 'held');
    await settle();
    const [n] = (await about(PEOPLE.victor, held.id)).filter((x) => x.type === 'content_held');
    assert.deepEqual([n?.actor.id, n?.target.title], [PEOPLE.chloe.id, 'Casino partner night']);
    assert.deepEqual(await about(PEOPLE.ben, held.id), []);
    // Its author sees the item as held, but no moderation notification about it.
    assert.deepEqual((await about(PEOPLE.chloe, held.id)).map((x) => x.type), []);
    await setWatchedWords(env, []);

    const t = await newThread('Hidden by a moderator');
    assert.equal((await act(env, { kind: 'thread', id: t.id }, 'hide', { reason: 'Off-topic' })).status, 200);
    await settle();
    assert.deepEqual((await about(PEOPLE.victor, t.id)).filter((x) => x.type === 'content_hidden').length, 1);
    assert.deepEqual((await about(MOD, t.id)).filter((x) => x.type === 'content_hidden'), [], 'the moderator who hid it is not told');
    assert.deepEqual(await about(PEOPLE.ava, t.id), []);
  });

  test('a partner who loses the moderator role stops seeing moderation notifications', async () => {
    const exMod: Who = { id: 'p-exmod', name: 'Ex Moderator', org: 'org-stark', tier: 'gold', roles: ['moderator'] };
    await call(env, 'updatePreferences', { as: exMod, body: {} });
    const t = await newThread('Reported while a moderator');
    await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'thread', id: t.id }, reason: 'other' } });
    await settle();
    assert.equal((await about(exMod, t.id)).length, 1);
    // The token says so at once, before any write of theirs updates the stored roles.
    const demoted: Who = { ...exMod, roles: ['sales'] };
    assert.deepEqual(await about(demoted, t.id), []);
    assert.equal((await call(env, 'listNotifications', { as: demoted })).body.unread, 0);
  });

  test('a demotion takes effect on the next request, a read: no more reports are sent to them', async () => {
    const exMod: Who = { id: 'p-exmod2', name: 'Ex Moderator Two', org: 'org-stark', tier: 'gold', roles: ['moderator'] };
    await call(env, 'updatePreferences', { as: exMod, body: {} });
    const demoted: Who = { ...exMod, roles: ['sales'] };
    // A read only: no write of theirs calls upsertPerson.
    assert.equal((await call(env, 'listNotifications', { as: demoted })).status, 200);
    const t = await newThread('Reported after a demotion');
    await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'thread', id: t.id }, reason: 'other' } });
    await settle();
    const { rows } = await env.db.query(`SELECT 1 FROM notifications WHERE recipient_id = $1 AND target_id = $2`, [exMod.id, t.id]);
    assert.deepEqual(rows, [], 'the fan-out reads the roles of their last request');
  });

  test('the live bell of a demoted moderator does not push a moderation notification stored for them', async () => {
    const exMod: Who = { id: 'p-exmod3', name: 'Ex Moderator Three', org: 'org-stark', tier: 'gold', roles: ['moderator'] };
    // Stored as a moderator (with a thread of their own, for a reply notification as a marker).
    const own = await newThread('Ex moderator own thread', exMod);
    // The ticket carries the claims of now; no request of theirs has refreshed the stored roles.
    const { ticket } = await issueTicket(env.db, { id: exMod.id, name: exMod.name!, org: { id: 'org-stark', name: 'Stark' }, tier: 'gold', roles: ['sales'] });
    const s = await notificationStream(env, ticket);
    try {
      const t = await newThread('Reported while the bell is open');
      await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'thread', id: t.id }, reason: 'other' } });
      await settle();
      await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: own.id }, body: { body: 'marker after the report' } });
      await settle();
      const text = await s.until((b) => b.includes('marker after the report'));
      assert.ok(!text.includes('flag_created') && !text.includes(t.id), `no moderation notification pushed: ${text}`);
    } finally {
      await s.close();
    }
  });

  test('a personal mute does not silence a moderation duty; the preference off does', async () => {
    const muter: Who = { id: 'p-mutemod', name: 'Muting Moderator', org: 'org-acme', tier: 'gold', roles: ['moderator'] };
    const off: Who = { id: 'p-offmod', name: 'Off Moderator', org: 'org-acme', tier: 'gold', roles: ['moderator'] };
    assert.equal((await call(env, 'followTopic', { as: muter, params: { kind: 'category', id: 'deals' }, body: { level: 'muted' } })).status, 200);
    assert.equal((await call(env, 'updatePreferences', { as: off, body: { flag_created: 'off' } })).status, 200);
    const t = await newThread('Reported in a muted category');
    await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'thread', id: t.id }, reason: 'spam' } });
    await settle();
    assert.deepEqual((await about(muter, t.id)).map((n) => n.type), ['flag_created']);
    assert.deepEqual(await about(off, t.id), []);
    await call(env, 'unfollowTopic', { as: muter, params: { kind: 'category', id: 'deals' } });
  });

  test('moderators choose how each moderation event reaches them; partners have no such preferences', async () => {
    const prefs = (await call(env, 'getPreferences', { as: MOD })).body;
    assert.deepEqual([prefs.flag_created, prefs.content_held, prefs.content_hidden], ['email', 'inapp', 'email']);
    const partner = (await call(env, 'getPreferences', { as: PEOPLE.ben })).body;
    assert.deepEqual(Object.keys(partner).filter((k) => MODERATION_TYPES.includes(k)), []);
    await setWatchedWords(env, [{ pattern: 'roulette', action: 'hold' }]);
    // Morgan with a verified address (any call as Morgan without it clears it): a report is mailed at
    // once (the default), a held item only after opting in.
    const token = await env.auth.sign!({ id: MOD.id, name: MOD.name!, org: MOD.org!, tier: MOD.tier!, roles: MOD.roles!, email: 'morgan@acme.example', emailVerified: true });
    await call(env, 'updatePreferences', { token, body: {} });
    const mails = async () =>
      (await env.db.query<{ type: string }>(
        `SELECT n.type FROM deliveries d JOIN notifications n ON n.id = d.event_key WHERE d.channel = 'email' AND d.recipient = $1 AND n.type = ANY($2::text[])`,
        [MOD.id, MODERATION_TYPES],
      )).rows.map((r) => r.type).sort();
    const before = await mails();
    const t = await newThread('Mailed report');
    await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'thread', id: t.id }, reason: 'spam' } });
    await newThread('Roulette before opting in', PEOPLE.chloe);
    await settle();
    assert.deepEqual(await mails(), [...before, 'flag_created'].sort());
    assert.equal((await call(env, 'updatePreferences', { token, body: { content_held: 'email' } })).body.content_held, 'email');
    await newThread('Roulette after opting in', PEOPLE.chloe);
    await settle();
    assert.deepEqual(await mails(), [...before, 'content_held', 'flag_created'].sort());
    await setWatchedWords(env, []);
  });

  test('signed webhooks for the subscribed moderation events only; the three-flag hide sends content.hidden', async () => {
    const mod = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: `${base}/moderation`, events: ['flag.created', 'content.held', 'content.hidden'] } })).body;
    const content = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: `${base}/content`, events: ['thread.created', 'post.created'] } })).body;
    received.length = 0;
    const t = await newThread('Flagged into hiding');
    await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'thread', id: t.id }, reason: 'spam', note: 'ads' } });
    await call(env, 'createFlag', { as: PEOPLE.devi, body: { target: { kind: 'thread', id: t.id }, reason: 'off-topic' } });
    await setWatchedWords(env, [{ pattern: 'lottery', action: 'hold' }]);
    const held = await newThread('Lottery for partners', PEOPLE.chloe);
    const published = await newThread('Published beside them');
    await settle();
    await setWatchedWords(env, []);

    const verifier = new StandardWebhook(mod.secret);
    const events = received.filter((r) => r.path === '/moderation').map((r) => verifier.verify(r.body, r.headers) as any);
    const flags = events.filter((e) => e.type === 'flag.created');
    assert.deepEqual(flags.map((e) => [e.data.id, e.data.kind, e.data.actorId, e.data.reason]).sort(), [
      [t.id, 'thread', PEOPLE.ben.id, 'spam'],
      [t.id, 'thread', PEOPLE.devi.id, 'off-topic'],
    ]);
    const hidden = events.filter((e) => e.type === 'content.hidden');
    assert.deepEqual(hidden.map((e) => [e.data.id, e.data.status, e.data.by, e.data.topic.title]), [[t.id, 'hidden', 'reports', 'Flagged into hiding']]);
    const heldEvents = events.filter((e) => e.type === 'content.held');
    assert.deepEqual(heldEvents.map((e) => [e.data.id, e.data.actorId, e.data.status]), [[held.id, PEOPLE.chloe.id, 'held']]);
    // A tampered body fails the independent verifier.
    const first = received.find((r) => r.path === '/moderation')!;
    assert.throws(() => verifier.verify(first.body.replace('thread', 'threat'), first.headers));
    // The content endpoint got the published thread only: no moderation event, not the held thread, nor
    // the reported one (hidden before the worker came to announce it).
    const contentEvents = received.filter((r) => r.path === '/content').map((r) => new StandardWebhook(content.secret).verify(r.body, r.headers) as any);
    assert.deepEqual(contentEvents.map((e) => [e.type, e.data.id]), [['thread.created', published.id]]);
    const log = (await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: mod.id } })).body.items;
    assert.deepEqual(log.map((d: any) => d.status), log.map(() => 'delivered'));
    assert.equal(log.length, 4);
    await call(env, 'deleteWebhook', { as: PEOPLE.victor, params: { id: mod.id } });
    await call(env, 'deleteWebhook', { as: PEOPLE.victor, params: { id: content.id } });
  });

  test('content.hidden says what hid the item: a moderator, reports, or the screen at creation (not reports)', async () => {
    const hook = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: `${base}/hidden`, events: ['content.hidden'] } })).body;
    try {
      const byOf = async (id: string) =>
        (await env.db.query<{ by: string }>(`SELECT payload->>'by' AS by FROM deliveries WHERE channel = 'webhook' AND recipient = $1 AND payload->>'id' = $2`, [hook.id, id])).rows.map((r) => r.by);
      const byMod = await newThread('Hidden by a moderator, for the cause');
      await act(env, { kind: 'thread', id: byMod.id }, 'hide', { reason: 'Off-topic' });
      // Hidden at creation: the status the screen gives a new item goes to announceContent as is.
      const screened = await newThread('Hidden at creation, for the cause');
      await env.db.query(`UPDATE threads SET status = 'hidden' WHERE id = $1`, [screened.id]);
      const ctx = { q: env.db, emit: async () => {} } as unknown as Ctx;
      await announceContent(ctx, 'thread', screened.id, null, 'deals', 'hidden');
      await env.confab.notifier.drain();
      assert.deepEqual(await byOf(byMod.id), ['moderator']);
      assert.deepEqual(await byOf(screened.id), ['screen']);
    } finally {
      await call(env, 'deleteWebhook', { as: PEOPLE.victor, params: { id: hook.id } });
    }
  });
});

// One list of moderating roles and one of moderation types: the token check, the stored-roles SQL and
// the fan-out's recipients agree (every role in the list, alone, makes a moderator everywhere).
describe('the moderating roles and the moderation types are one list each', () => {
  test('each moderating role alone gets the report in the bell, and the list is what mayModerate reads', async () => {
    const { MODERATOR_ROLES, mayModerate } = await import('../../server/src/moderation/visibility.js');
    const { isModerationEvent } = await import('../../server/src/notify/moderation-fanout.js');
    const { MODERATION_EVENT_TYPES } = await import('../../src/contract/index.js');
    assert.deepEqual([...MODERATOR_ROLES].sort(), ['moderator', 'vendor-staff']);
    for (const t of MODERATION_EVENT_TYPES) assert.ok(isModerationEvent({ event: t } as any), t);
    const t = await newThread('Reported to each moderating role');
    const who = MODERATOR_ROLES.map((r): Who => ({ id: `p-only-${r}`, name: `Only ${r}`, org: 'org-acme', tier: 'gold', roles: [r] }));
    for (const w of who) {
      assert.ok(mayModerate({ id: w.id, name: w.name!, org: null, tier: null, roles: w.roles as any }));
      await call(env, 'updatePreferences', { as: w, body: {} });
    }
    await call(env, 'createFlag', { as: PEOPLE.ben, body: { target: { kind: 'thread', id: t.id }, reason: 'spam' } });
    await settle();
    for (const w of who) assert.deepEqual((await about(w, t.id)).map((n) => n.type), ['flag_created'], w.id);
  });
});
