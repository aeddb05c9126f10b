// Redelivering a webhook delivery (POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver): a
// delivery parked while its endpoint was down reaches a real receiver once, with the same body (its
// `timestamp` the event's), signed afresh with the endpoint's secret (plain, or sealed with
// CONFAB_KEY_SECRET), verified with the `standardwebhooks` library, under the original webhook-id; the
// log keeps the parked row and adds the redelivery; a delivery still waiting or being sent, or one
// whose event is being redelivered, answers 409; another webhook's delivery 404; partners 403.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { WebhookDelivery } from '../../src/contract/index.js';
import type { ConfabApp } from '../../server/src/app.js';
import { createDeliveryWorker, type Sender } from '../../server/src/notify/delivery-worker.js';
import { webhookSender } from '../../server/src/notify/webhook-sender.js';
import { safePost } from '../../server/src/openbadges/fetch.js';
import { PEOPLE, call, setupTestEnv, webhookReceiver, type TestEnv } from './helpers.js';

const SEAL = 'a-long-enough-redelivery-sealing-secret';

let env: TestEnv;
/** A second process on the same database that stores new webhook secrets sealed. */
let sealing: ConfabApp;
before(async () => {
  env = await setupTestEnv('webhook_redeliver');
  sealing = env.makeApp({ db: { ...env.db }, config: { keySecret: SEAL } });
});
after(async () => {
  await sealing?.close();
  await env?.close();
});
beforeEach(async () => {
  await env.db.query(`DELETE FROM deliveries WHERE channel = 'webhook'`);
  await env.db.query('DELETE FROM webhooks');
});

// Opens plain secrets as they are and sealed ones with SEAL: one worker for both kinds of rows.
const realSender = webhookSender(safePost({ allowHttp: true, allowHosts: ['127.0.0.1'], timeoutMs: 3000 }), SEAL);
const worker = (sender: Sender = realSender) => createDeliveryWorker(env.db, { senders: { webhook: sender }, backoffMs: 1, maxAttempts: 3 });

/** Runs the fan-out, then the delivery worker until no webhook delivery is pending (retries included). */
async function settle() {
  await env.confab.notifier.drain();
  const w = worker();
  for (let i = 0; i < 100; i++) {
    await w.drain();
    const { rows } = await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE channel = 'webhook' AND status = 'pending'`);
    if (Number(rows[0].n) === 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail('webhook deliveries still pending');
}

const createHook = async (app: ConfabApp, url: string) => {
  const r = await call(env, 'createWebhook', { app, as: PEOPLE.victor, body: { url, events: ['thread.created'] } });
  assert.equal(r.status, 200);
  return r.body as { id: string; secret: string };
};
const log = async (hookId: string): Promise<WebhookDelivery[]> => (await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: hookId } })).body.items;
const redeliver = (hookId: string, deliveryId: string, as = PEOPLE.victor) =>
  call(env, 'redeliverWebhookDelivery', { as, params: { id: hookId, deliveryId } });
const newThread = (title: string) => call(env, 'createThread', { as: PEOPLE.ava, body: { title, body: 'x', category: 'deals' } });

/** A port nothing listens on (yet): an endpoint that is down. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('redelivering a webhook delivery', () => {
  test('a delivery parked while its endpoint was down reaches it once when redelivered: the original webhook-id, a fresh signature with the endpoint’s secret (plain and sealed), both rows in the log', async () => {
    const port = await freePort();
    const plain = await createHook(env.confab, `http://127.0.0.1:${port}/plain`);
    const sealed = await createHook(sealing, `http://127.0.0.1:${port}/sealed`);
    const { rows: stored } = await env.db.query<{ id: string; secret: string }>('SELECT id, secret FROM webhooks');
    assert.equal(stored.find((r) => r.id === plain.id)?.secret, plain.secret);
    assert.match(stored.find((r) => r.id === sealed.id)?.secret ?? '', /^sealed:v1:/);

    await newThread('Sent while the endpoint was down');
    await settle();
    const parked = new Map<string, WebhookDelivery>();
    for (const hook of [plain, sealed]) {
      const [d, ...more] = await log(hook.id);
      assert.deepEqual(more, []);
      assert.deepEqual([d.status, d.attempts, d.lastStatus, d.redeliveryOf], ['parked', 3, null, null]);
      parked.set(hook.id, d);
    }

    const receiver = await webhookReceiver(() => 200, port);
    try {
      const asked = Math.floor(Date.now() / 1000);
      for (const hook of [plain, sealed]) {
        const r = await redeliver(hook.id, parked.get(hook.id)!.id);
        assert.equal(r.status, 200);
        const queued: WebhookDelivery = r.body;
        assert.notEqual(queued.id, parked.get(hook.id)!.id, 'a new row');
        assert.deepEqual([queued.event, queued.status, queued.attempts, queued.lastStatus, queued.lastError, queued.redeliveryOf],
          ['thread.created', 'pending', 0, null, null, parked.get(hook.id)!.id]);
      }
      await settle();
      for (const [hook, path] of [[plain, '/plain'], [sealed, '/sealed']] as const) {
        const got = receiver.received.filter((x) => x.path === path);
        assert.equal(got.length, 1, `${path}: sent once`);
        const payload = new StandardWebhook(hook.secret).verify(got[0].body, got[0].headers) as { type: string; timestamp: string; data: { topic: { title: string } } };
        assert.equal(payload.type, 'thread.created');
        assert.equal(payload.timestamp, parked.get(hook.id)!.createdAt, 'the event’s time, not the send’s');
        assert.equal(payload.data.topic.title, 'Sent while the endpoint was down');
        assert.equal(got[0].headers['webhook-id'], parked.get(hook.id)!.id, 'the webhook-id of the original');
        assert.ok(Number(got[0].headers['webhook-timestamp']) >= asked, 'signed when sent, not when first queued');
        const [again, first, ...more] = await log(hook.id);
        assert.deepEqual(more, []);
        assert.deepEqual([again.status, again.attempts, again.lastStatus, again.lastError, again.redeliveryOf], ['delivered', 1, 200, null, first.id]);
        assert.ok(again.deliveredAt);
        assert.deepEqual(first, parked.get(hook.id), 'the parked row keeps its attempts and error');
      }
      // Nothing is left to send: a second round sends nothing more.
      await settle();
      assert.equal(receiver.received.length, 2);
    } finally {
      await receiver.close();
    }
  });

  test('a delivered event may be sent again, and a redelivery of a redelivery repeats the first: every send has its webhook-id', async () => {
    const receiver = await webhookReceiver();
    try {
      const hook = await createHook(env.confab, receiver.base + '/again');
      await newThread('Delivered, then asked for again');
      await settle();
      const [first] = await log(hook.id);
      assert.equal(first.status, 'delivered');
      const r1 = await redeliver(hook.id, first.id);
      assert.equal(r1.status, 200);
      await settle();
      const r2 = await redeliver(hook.id, r1.body.id);
      assert.equal(r2.status, 200);
      assert.equal(r2.body.redeliveryOf, first.id, 'names the first delivery, not the redelivery it was asked on');
      await settle();
      assert.deepEqual(receiver.received.map((x) => x.headers['webhook-id']), [first.id, first.id, first.id]);
      for (const x of receiver.received) new StandardWebhook(hook.secret).verify(x.body, x.headers);
      // The same event each time: the same body, its `timestamp` the event's; each send signed on its own.
      assert.equal(new Set(receiver.received.map((x) => x.body)).size, 1);
      assert.equal(JSON.parse(receiver.received[0].body).timestamp, first.createdAt);
      assert.deepEqual((await log(hook.id)).map((d) => [d.id, d.status, d.redeliveryOf]), [
        [r2.body.id, 'delivered', first.id],
        [r1.body.id, 'delivered', first.id],
        [first.id, 'delivered', null],
      ]);
    } finally {
      await receiver.close();
    }
  });

  test('while a delivery or a redelivery of its event is waiting or being sent, redelivering is a 409 and sends nothing more', async () => {
    const receiver = await webhookReceiver();
    try {
      const hook = await createHook(env.confab, receiver.base + '/pending');
      await newThread('Asked for twice');
      await env.confab.notifier.drain();
      const [queued] = await log(hook.id);
      assert.equal(queued.status, 'pending');
      const waiting = await redeliver(hook.id, queued.id);
      assert.equal(waiting.status, 409);
      assert.match(waiting.body.detail, /still waiting or being sent/);

      // In flight: claimed by a worker whose send has not come back yet.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let claimed!: () => void;
      const sending = new Promise<void>((r) => (claimed = r));
      const slow: Sender = async (q, d) => {
        claimed();
        await held;
        return realSender(q, d);
      };
      const batch = worker(slow).runBatch();
      await sending;
      assert.equal((await redeliver(hook.id, queued.id)).status, 409);
      release();
      assert.equal(await batch, 1);
      assert.equal(receiver.received.length, 1);

      // Delivered: two requests at once queue one redelivery; the other, and any while it is pending, 409.
      const both = await Promise.all([redeliver(hook.id, queued.id), redeliver(hook.id, queued.id)]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
      const redelivery: WebhookDelivery = both.find((r) => r.status === 200)!.body;
      assert.equal((await redeliver(hook.id, queued.id)).status, 409);
      assert.equal((await redeliver(hook.id, redelivery.id)).status, 409, 'nor on the pending redelivery itself');
      assert.deepEqual((await log(hook.id)).map((d) => d.id), [redelivery.id, queued.id], 'no row for the refused ones');
      await settle();
      assert.deepEqual(receiver.received.map((x) => x.headers['webhook-id']), [queued.id, queued.id], 'sent once more, not twice');
      // Once that one is delivered, the event may be redelivered again.
      assert.equal((await redeliver(hook.id, queued.id)).status, 200);
    } finally {
      await receiver.close();
    }
  });

  test('404 for an unknown webhook or delivery and for another webhook’s delivery, 400 for a NUL in an id, 401 and 403 for others than vendor staff: problem+json, nothing queued; staff may redeliver an event the endpoint no longer subscribes to', async () => {
    const receiver = await webhookReceiver();
    try {
      const a = await createHook(env.confab, receiver.base + '/a');
      const b = await createHook(env.confab, receiver.base + '/b');
      // b no longer takes thread.created: only a gets this event.
      await env.db.query(`UPDATE webhooks SET events = ARRAY['post.created'] WHERE id = $1`, [b.id]);
      await newThread('Only for a');
      await settle();
      const [d] = await log(a.id);
      assert.equal(d.status, 'delivered');
      const rows = async () => Number((await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM deliveries')).rows[0].n);
      const before = await rows();

      // call() checks that each of these is problem+json with the status in its body.
      assert.equal((await redeliver('wh_nope', d.id)).status, 404);
      assert.equal((await redeliver(a.id, 'msg_nope')).status, 404);
      assert.equal((await redeliver(b.id, d.id)).status, 404, 'a delivery of another webhook');
      assert.equal((await redeliver(a.id, 'not/an id')).status, 404);
      assert.equal((await redeliver(a.id, `${d.id}\u0000`)).status, 400);
      assert.equal((await redeliver(a.id, d.id, PEOPLE.ben)).status, 403);
      assert.equal((await redeliver(a.id, d.id, PEOPLE.ava)).status, 403);
      assert.equal((await call(env, 'redeliverWebhookDelivery', { params: { id: a.id, deliveryId: d.id } })).status, 401);
      // An email delivery is not a webhook's, even under a webhook id that happens to be its recipient.
      await env.db.query(`INSERT INTO deliveries (id, channel, recipient, event_key, event, payload, status) VALUES ('msg_mail', 'email', $1, 'k', 'notification', '{}', 'delivered')`, [a.id]);
      assert.equal((await redeliver(a.id, 'msg_mail')).status, 404);
      await env.db.query(`DELETE FROM deliveries WHERE id = 'msg_mail'`);

      assert.equal(await rows(), before, 'nothing queued');
      await settle();
      assert.equal(receiver.received.length, 1);

      // Asked for by staff, an event is sent again although the endpoint no longer subscribes to it.
      await env.db.query(`UPDATE webhooks SET events = ARRAY['post.created'] WHERE id = $1`, [a.id]);
      assert.equal((await redeliver(a.id, d.id)).status, 200);
      await settle();
      assert.deepEqual(receiver.received.map((x) => [x.path, x.headers['webhook-id']]), [['/a', d.id], ['/a', d.id]]);
    } finally {
      await receiver.close();
    }
  });
});
