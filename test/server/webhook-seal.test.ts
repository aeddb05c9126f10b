// Webhook signing secrets sealed at rest with CONFAB_KEY_SECRET (server/src/notify/webhook-secrets.ts,
// server/src/seal/): the row holds no plain `whsec_`, deliveries signed with the unsealed secret verify
// at a real receiver with the `standardwebhooks` library, plain rows are sealed at start, a missing or
// wrong secret stops the start, and a delivery whose row cannot be unsealed is retried, not lost.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { ConfabApp } from '../../server/src/app.js';
import { createDeliveryWorker } from '../../server/src/notify/delivery-worker.js';
import { webhookSender } from '../../server/src/notify/webhook-sender.js';
import { safePost } from '../../server/src/openbadges/fetch.js';
import { PRIVATE_JWKS, signingKey } from '../../server/src/openbadges/ob3/keys.js';
import { WEBHOOK_SECRETS, webhookSecretOf } from '../../server/src/notify/webhook-secrets.js';
import { KeySealError, seal } from '../../server/src/seal/seal.js';
import { PEOPLE, call, consoleLines, type TestEnv } from './helpers.js';
import { sealingEnv, type SealingEnv } from './sealing-env.js';

const SEAL = 'a-long-enough-webhook-sealing-secret';
const WRONG = 'a-mistyped-secret-of-32-characters!';

let env: TestEnv;
let receiver: SealingEnv['receiver'];
// env.confab is a process started with the secret; its own delivery worker may reach the receiver.
const sealing = sealingEnv('webhook_seal', SEAL, (s) => ({ env, receiver } = s));

const stored = async () => (await env.db.query<{ id: string; secret: string }>('SELECT id, secret FROM webhooks ORDER BY id')).rows;

/** Another process on the same database, with `keySecret` (undefined: without CONFAB_KEY_SECRET). */
async function withApp<T>(keySecret: string | undefined, fn: (app: ConfabApp) => Promise<T>): Promise<T> {
  const app = env.makeApp({ db: { ...env.db }, config: { keySecret } });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

const createHook = async (app: ConfabApp, path: string) => {
  const r = await call(env, 'createWebhook', { app, as: PEOPLE.victor, body: { url: receiver.base + path, events: ['thread.created'] } });
  assert.equal(r.status, 200);
  return r.body as { id: string; secret: string };
};

/** A thread, fanned out to the subscribed webhooks' deliveries. */
async function queueThread(title: string) {
  await call(env, 'createThread', { as: PEOPLE.ava, body: { title, body: 'x', category: 'deals' } });
  await env.confab.notifier.drain();
}

/** The requests the receiver got for `path`, each verified with `secret` (throws on a bad signature). */
const verifiedAt = (path: string, secret: string) =>
  receiver.received.filter((r) => r.path === path).map((r) => new StandardWebhook(secret).verify(r.body, r.headers) as { type: string; data: unknown });

/** The start as `npm start` runs it (setup.ts), on this database. */
const start = (keySecret: string | undefined) => sealing.start({ keySecret });

describe('webhook secrets sealed with CONFAB_KEY_SECRET', () => {
  test('a new webhook’s secret is stored sealed, returned plain once, and its deliveries verify with that plain secret', async () => {
    const created = await createHook(env.confab, '/sealed');
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    const [row] = await stored();
    assert.equal(row.id, created.id);
    assert.match(row.secret, /^sealed:v1:/);
    assert.ok(!row.secret.includes('whsec_') && !row.secret.includes(created.secret.slice('whsec_'.length)), 'no part of the secret in the clear');
    await queueThread('Sealed hook thread');
    // The app's own delivery worker: the one main.ts starts, with the secret from the config.
    await env.confab.deliverer.drain();
    const payloads = verifiedAt('/sealed', created.secret);
    assert.deepEqual(payloads.map((p) => p.type), ['thread.created']);
    assert.match(JSON.stringify(payloads[0].data), /Sealed hook thread/);
    const [d] = (await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: created.id } })).body.items;
    assert.deepEqual([d.status, d.attempts], ['delivered', 1]);
  });

  test('without the secret the row is stored plain, as before; at the next start with it, plain rows are sealed in place and still verify', async () => {
    const [a, b] = await withApp(undefined, async (plain) => [await createHook(plain, '/a'), await createHook(plain, '/b')]);
    const before = await stored();
    assert.deepEqual(before.map((r) => r.secret).sort(), [a.secret, b.secret].sort(), 'stored as the plain whsec_ secrets');
    await start(SEAL);
    const after = await stored();
    assert.deepEqual(after.map((r) => r.id), before.map((r) => r.id), 'the same webhooks');
    assert.ok(after.every((r) => /^sealed:v1:/.test(r.secret) && !r.secret.includes('whsec_')), 'every row sealed');
    await queueThread('Sealed at start');
    await env.confab.deliverer.drain();
    assert.equal(verifiedAt('/a', a.secret).length, 1);
    assert.equal(verifiedAt('/b', b.secret).length, 1);
    // A second start with the secret finds nothing to seal and leaves the rows as they are.
    await start(SEAL);
    assert.deepEqual(await stored(), after);
  });

  test('a wrong secret stops the start with a message naming CONFAB_KEY_SECRET and webhooks, and seals nothing', async () => {
    await createHook(env.confab, '/right');
    const plain = await withApp(undefined, (app) => createHook(app, '/plain'));
    const before = await stored();
    await assert.rejects(start(WRONG), /webhook signing secrets in webhooks could not be unsealed with CONFAB_KEY_SECRET/);
    assert.deepEqual(await stored(), before, 'the plain row is left plain, not sealed under the wrong secret');
    assert.ok(before.some((r) => r.id === plain.id && r.secret === plain.secret));
    // The right secret then seals it.
    await start(SEAL);
    assert.ok((await stored()).every((r) => /^sealed:v1:/.test(r.secret)));
  });

  test('a secret the webhooks refuse seals no plain Open Badges key either: every sealed table is checked before any is sealed', async () => {
    await createHook(env.confab, '/sealed');
    // The first issuer key, made on first use by a process started before the secret was set: plain.
    await env.db.query('DELETE FROM ob3_keys');
    await signingKey({ ...env.db }, undefined);
    const keys = async () => (await env.db.query<{ id: string; private_jwk: string }>('SELECT id, private_jwk FROM ob3_keys ORDER BY id')).rows;
    const plainKeys = await keys();
    assert.ok(plainKeys.length > 0 && plainKeys.every((k) => k.private_jwk.startsWith('{')), 'the key is stored plain');
    await assert.rejects(start(WRONG), /webhook signing secrets in webhooks could not be unsealed with CONFAB_KEY_SECRET/);
    assert.deepEqual(await keys(), plainKeys, 'the plain key is left plain, not sealed under the refused secret');
    // The right secret opens the webhooks and then seals the key.
    await start(SEAL);
    assert.ok((await keys()).every((k) => /^sealed:v1:/.test(k.private_jwk)));
    await env.db.query('DELETE FROM ob3_keys');
  });

  test('a missing secret with sealed rows stops the start with a message naming CONFAB_KEY_SECRET and webhooks', async () => {
    await createHook(env.confab, '/sealed');
    await assert.rejects(start(undefined), /webhook signing secrets in webhooks are sealed: set CONFAB_KEY_SECRET/);
  });

  test('a damaged sealed row stops the start with a message that says so', async () => {
    const created = await createHook(env.confab, '/damaged');
    await env.db.query(`UPDATE webhooks SET secret = secret || '.x' WHERE id = $1`, [created.id]);
    await assert.rejects(start(SEAL), /sealed webhook signing secret in webhooks is damaged/);
  });

  test('a delivery whose secret cannot be unsealed fails that attempt, logged without any secret, and is sent on the retry', async () => {
    const created = await createHook(env.confab, '/retried');
    await queueThread('Retried thread');
    const worker = (keySecret: string | undefined) =>
      createDeliveryWorker(env.db, { senders: { webhook: webhookSender(safePost({ allowHttp: true, allowHosts: ['127.0.0.1'], timeoutMs: 3000 }), keySecret) }, backoffMs: 1, maxAttempts: 3 });
    // A process without the secret (say, one started before another sealed the rows), then one with another.
    const logged = await consoleLines('error', async () => {
      assert.equal(await worker(undefined).runBatch(), 1);
      await new Promise((r) => setTimeout(r, 5));
      assert.equal(await worker(WRONG).runBatch(), 1);
    });
    assert.equal(receiver.received.length, 0, 'nothing sent unsigned or signed with something else');
    const [failed] = (await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: created.id } })).body.items;
    assert.deepEqual([failed.status, failed.attempts, failed.lastStatus], ['pending', 2, null], 'failed, and left for the retry');
    assert.match(failed.lastError, /could not be unsealed with CONFAB_KEY_SECRET/);
    assert.equal(logged.length, 2);
    assert.match(logged[0], new RegExp(`webhook ${created.id}.*are sealed: set CONFAB_KEY_SECRET`));
    assert.match(logged[1], /could not be unsealed with CONFAB_KEY_SECRET/);
    for (const l of logged) for (const s of [SEAL, WRONG, created.secret]) assert.ok(!l.includes(s), 'no secret in the log');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(await worker(SEAL).drain(), 1);
    assert.equal(verifiedAt('/retried', created.secret).length, 1);
    const [sent] = (await call(env, 'listWebhookDeliveries', { as: PEOPLE.victor, params: { id: created.id } })).body.items;
    assert.deepEqual([sent.status, sent.attempts, sent.lastError], ['delivered', 3, null]);
  });

  test('each sealed column has a key of its own: a value sealed for the issuer keys does not open as a webhook secret', () => {
    assert.equal(webhookSecretOf(seal('whsec_c29tZQ==', SEAL, WEBHOOK_SECRETS), SEAL), 'whsec_c29tZQ==');
    assert.throws(() => webhookSecretOf(seal('whsec_c29tZQ==', SEAL, PRIVATE_JWKS), SEAL), KeySealError);
  });

  test('production without the secret warns that webhook secrets are stored unsealed', async () => {
    const warned = await consoleLines('warn', () => env.makeApp({ db: { ...env.db }, config: { keySecret: undefined, production: true } }).close());
    assert.ok(warned.some((l) => /CONFAB_KEY_SECRET is not set/.test(l) && /webhook signing secrets/.test(l)), warned.join('\n'));
  });
});
