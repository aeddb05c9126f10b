// Issue 13, webhooks: vendor staff manage endpoints (403 for partners); events go out through the
// outbox, signed per Standard Webhooks (checked with the `standardwebhooks` package), retried after a
// failure with the same webhook-id, sent once even with two workers, and refused at private
// addresses unless CONFAB_WEBHOOK_ALLOW names the host.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createDeliveryWorker } from '../../server/src/notify/delivery-worker.js';
import { webhookSender } from '../../server/src/notify/webhook-sender.js';
import { safePost } from '../../server/src/openbadges/fetch.js';
import { PEOPLE, call, setupTestEnv, webhookReceiver, type TestEnv } from './helpers.js';

let env: TestEnv;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
let base = '';
let received: Awaited<ReturnType<typeof webhookReceiver>>['received'] = [];
/** Statuses the receiver answers with, in turn; 200 once they run out. */
const script: number[] = [];

before(async () => {
  env = await setupTestEnv('webhooks');
  receiver = await webhookReceiver(() => script.shift() ?? 200);
  ({ base, received } = receiver);
});
after(async () => {
  await receiver?.close();
  await env?.close();
});

const sender = (allowHosts: string[]) => webhookSender(safePost({ allowHttp: true, allowHosts, timeoutMs: 3000 }));
const worker = (allowHosts = ['127.0.0.1']) => createDeliveryWorker(env.db, { senders: { webhook: sender(allowHosts) }, backoffMs: 1, maxAttempts: 3 });
const settle = async (w = worker()) => {
  await env.confab.notifier.drain();
  for (let i = 0; i < 10 && (await w.drain()) > 0; i++) await new Promise((r) => setTimeout(r, 5));
};

describe('webhooks', () => {
  test('only vendor staff manage endpoints: 401 anonymous, 403 partners, 422 a bad URL or event', async () => {
    assert.equal((await call(env, 'listWebhooks')).status, 401);
    assert.equal((await call(env, 'listWebhooks', { as: PEOPLE.ben })).status, 403);
    assert.equal((await call(env, 'createWebhook', { as: PEOPLE.ben, body: { url: base, events: ['post.created'] } })).status, 403);
    assert.equal((await call(env, 'listWebhookDeliveries', { as: PEOPLE.ava, params: { id: 'wh_x' } })).status, 403);
    assert.equal((await call(env, 'deleteWebhook', { as: PEOPLE.ava, params: { id: 'wh_x' } })).status, 403);
    assert.equal((await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: 'ftp://x.example', events: ['post.created'] } })).status, 422);
    assert.equal((await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: base, events: ['post.deleted'] } })).status, 422);
    assert.equal((await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: 'wh_nope' } })).status, 404);
  });

  test('signed deliveries of the subscribed events, retried with the same id after a failure, logged', async () => {
    const created = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: base + '/hook', events: ['thread.created', 'post.created'] } })).body;
    assert.match(created.secret, /^whsec_/);
    const listed = (await call(env, 'listWebhooks', { as: PEOPLE.victor })).body.items;
    assert.ok(listed.some((w: any) => w.id === created.id && !('secret' in w)));
    received.length = 0;
    script.push(500);
    const t = (await call(env, 'createThread', { as: PEOPLE.ava, body: { title: 'Hooked thread', body: 'x', category: 'deals' } })).body;
    const p = (await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: t.id }, body: { body: 'hooked reply' } })).body;
    await call(env, 'askQuestion', { as: PEOPLE.ben, body: { title: 'Not subscribed to questions', body: 'x', category: 'deals' } });
    await settle();
    const verifier = new StandardWebhook(created.secret);
    const payloads = received.map((r) => verifier.verify(r.body, r.headers) as any);
    // The first request got a 500; that event came again with the same webhook-id (both events go out
    // in parallel, so either may have been the first).
    assert.equal(received.length, 3);
    const ids = received.map((r) => r.headers['webhook-id']);
    assert.equal(new Set(ids).size, 2);
    assert.ok(ids.slice(1).includes(ids[0]), 'the refused one was sent again');
    assert.deepEqual([...new Set(payloads.map((x) => x.type))].sort(), ['post.created', 'thread.created']);
    const post = payloads.find((x) => x.type === 'post.created');
    assert.deepEqual([post.data.id, post.data.topic.id, post.data.actorId], [p.id, t.id, PEOPLE.ben.id]);
    // A tampered body fails the independent verifier.
    assert.throws(() => verifier.verify(received[0].body.replace('Hooked', 'Hacked'), received[0].headers));
    const log = (await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: created.id } })).body.items;
    assert.deepEqual(log.map((d: any) => [d.event, d.status]).sort(), [['post.created', 'delivered'], ['thread.created', 'delivered']]);
    assert.deepEqual(log.map((d: any) => [d.attempts, d.lastStatus]).sort(), [[1, 200], [2, 200]]);
    assert.equal((await call(env, 'deleteWebhook', { as: PEOPLE.victor, params: { id: created.id } })).status, 204);
    assert.equal((await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: created.id } })).status, 404);
  });

  test('two delivery workers racing send each event once', async () => {
    const created = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: base + '/race', events: ['post.created'] } })).body;
    const t = (await call(env, 'createThread', { as: PEOPLE.ava, body: { title: 'Race thread', body: 'x', category: 'deals' } })).body;
    for (let i = 0; i < 8; i++) await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: t.id }, body: { body: `r${i}` } });
    await env.confab.notifier.drain();
    received.length = 0;
    const a = createDeliveryWorker(env.db, { senders: { webhook: sender(['127.0.0.1']) }, batch: 2 });
    const b = createDeliveryWorker(env.db, { senders: { webhook: sender(['127.0.0.1']) }, batch: 2 });
    await Promise.all([a.drain(), b.drain()]);
    const ids = received.filter((r) => r.body.includes('Race thread')).map((r) => r.headers['webhook-id']);
    assert.equal(ids.length, 8);
    assert.equal(new Set(ids).size, 8);
    await call(env, 'deleteWebhook', { as: PEOPLE.victor, params: { id: created.id } });
  });

  test('a private address is refused unless allowed, and parked after the last attempt', async () => {
    const created = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: base + '/private', events: ['thread.created'] } })).body;
    received.length = 0;
    await call(env, 'createThread', { as: PEOPLE.ava, body: { title: 'Private thread', body: 'x', category: 'deals' } });
    await settle(worker([]));
    assert.equal(received.length, 0);
    const [d] = (await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: created.id } })).body.items;
    assert.deepEqual([d.status, d.attempts, d.lastStatus], ['parked', 3, null]);
    assert.match(d.lastError, /private or local address/);
  });
});
