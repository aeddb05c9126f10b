// Changing CONFAB_KEY_SECRET in place (server/src/seal/reseal.ts): started with the new secret and the old
// one in CONFAB_KEY_SECRET_PREVIOUS, every row sealed with the old one (webhook signing secrets and the
// Open Badges issuer keys) is sealed again under the new one; deliveries still verify at a real receiver
// with the secret the vendor was given, and a row that neither secret opens changes nothing anywhere.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { configFromEnv } from '../../server/src/config.js';
import { PRIVATE_JWKS, signingKey } from '../../server/src/openbadges/ob3/keys.js';
import { WEBHOOK_SECRETS } from '../../server/src/notify/webhook-secrets.js';
import { KeySealError, seal, unseal, type SealedColumn } from '../../server/src/seal/seal.js';
import { PEOPLE, call, type TestEnv } from './helpers.js';
import { sealingEnv, type SealingEnv } from './sealing-env.js';

const OLD = 'the-old-sealing-secret-to-replace!';
const NEW = 'a-fresh-sealing-secret-0123456789';
const OTHER = 'somebody-elses-sealing-secret-xyz';

let env: TestEnv;
let receiver: SealingEnv['receiver'];
const sealing = sealingEnv('key_rotation', OLD, (s) => ({ env, receiver } = s));
beforeEach(() => env.db.query('DELETE FROM ob3_keys'));

interface Row {
  id: string;
  stored: string;
}
const rows = async (col: SealedColumn) =>
  (await env.db.query<Row>(`SELECT id, ${col.column} AS stored FROM ${col.table} ORDER BY id`)).rows;
const opens = (col: SealedColumn, stored: string, secret: string) => {
  try {
    unseal(stored, secret, col);
    return true;
  } catch (e) {
    if (e instanceof KeySealError) return false;
    throw e;
  }
};

/** The start as `npm start` runs it (setup.ts), on this database; resolves to how many rows it sealed again. */
const start = (keySecret: string | undefined, previousKeySecret?: string) => sealing.start({ keySecret, previousKeySecret });

/** A webhook made by a process with the old secret, and the issuer key made on first use: both sealed with OLD. */
async function sealedWithOld() {
  const r = await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: receiver.base + '/rotated', events: ['thread.created'] } });
  assert.equal(r.status, 200);
  await signingKey({ ...env.db }, OLD);
  for (const col of [WEBHOOK_SECRETS, PRIVATE_JWKS]) {
    const all = await rows(col);
    assert.ok(all.length > 0 && all.every((x) => opens(col, x.stored, OLD)), `${col.table} sealed with the old secret`);
  }
  return r.body as { id: string; secret: string };
}

describe('changing CONFAB_KEY_SECRET with CONFAB_KEY_SECRET_PREVIOUS', () => {
  test('every row sealed with the old secret is sealed again with the new one, and deliveries still verify with the secret the vendor holds', async () => {
    const hook = await sealedWithOld();
    const keyBefore = await rows(PRIVATE_JWKS);
    // The new secret alone is refused, as before: it opens nothing sealed.
    await assert.rejects(start(NEW), /could not be unsealed with CONFAB_KEY_SECRET/);
    assert.equal(await start(NEW, OLD), 2);
    for (const col of [WEBHOOK_SECRETS, PRIVATE_JWKS]) {
      for (const x of await rows(col)) {
        assert.ok(opens(col, x.stored, NEW), `${col.table} opens with the new secret`);
        assert.ok(!opens(col, x.stored, OLD), `${col.table} no longer opens with the old one`);
      }
    }
    // The same plain values under the new seal: the issuer keeps its key (credentials issued keep verifying).
    const keyAfter = await rows(PRIVATE_JWKS);
    assert.deepEqual(keyAfter.map((k) => k.id), keyBefore.map((k) => k.id));
    assert.equal(unseal(keyAfter[0].stored, NEW, PRIVATE_JWKS), unseal(keyBefore[0].stored, OLD, PRIVATE_JWKS));
    // Once done, the new secret alone starts, and a process with it signs what the receiver verifies with the vendor's secret.
    assert.equal(await start(NEW), 0);
    const app = env.makeApp({ db: { ...env.db }, config: { keySecret: NEW, webhookAllow: ['127.0.0.1'] } });
    try {
      await call(env, 'createThread', { app, as: PEOPLE.ava, body: { title: 'After the change of secret', body: 'x', category: 'deals' } });
      await app.notifier.drain();
      await app.deliverer.drain();
    } finally {
      await app.close();
    }
    const got = receiver.received.filter((r) => r.path === '/rotated').map((r) => new StandardWebhook(hook.secret).verify(r.body, r.headers) as { type: string });
    assert.deepEqual(got.map((p) => p.type), ['thread.created']);
  });

  test('a start that stopped midway (some rows under each secret) is finished by the next start with both', async () => {
    await sealedWithOld();
    // The webhooks were re-sealed, the issuer keys not yet.
    for (const x of await rows(WEBHOOK_SECRETS)) {
      await env.db.query('UPDATE webhooks SET secret = $2 WHERE id = $1', [x.id, seal(unseal(x.stored, OLD, WEBHOOK_SECRETS), NEW, WEBHOOK_SECRETS)]);
    }
    assert.equal(await start(NEW, OLD), 1, 'only the issuer key was left to do');
    for (const col of [WEBHOOK_SECRETS, PRIVATE_JWKS]) assert.ok((await rows(col)).every((x) => opens(col, x.stored, NEW)));
  });

  test('a row that neither secret opens stops the start, names both settings, and changes no row of any table', async () => {
    await sealedWithOld();
    // One more webhook, sealed with a third secret (a database restored from somewhere else, say).
    const r = await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: receiver.base + '/other', events: ['thread.created'] } });
    await env.db.query('UPDATE webhooks SET secret = $2 WHERE id = $1', [r.body.id, seal(r.body.secret, OTHER, WEBHOOK_SECRETS)]);
    const before = { hooks: await rows(WEBHOOK_SECRETS), keys: await rows(PRIVATE_JWKS) };
    await assert.rejects(start(NEW, OLD), /opens with neither CONFAB_KEY_SECRET nor CONFAB_KEY_SECRET_PREVIOUS/);
    assert.deepEqual({ hooks: await rows(WEBHOOK_SECRETS), keys: await rows(PRIVATE_JWKS) }, before, 'nothing re-sealed');
  });

  test('a damaged row keeps its own message', async () => {
    const hook = await sealedWithOld();
    await env.db.query(`UPDATE webhooks SET secret = secret || '.x' WHERE id = $1`, [hook.id]);
    await assert.rejects(start(NEW, OLD), /sealed webhook signing secret in webhooks is damaged/);
  });

  test('CONFAB_KEY_SECRET_PREVIOUS is read from the environment without the strength rule: a weak old secret is the one to move away from', () => {
    const config = configFromEnv({ CONFAB_KEY_SECRET: NEW, CONFAB_KEY_SECRET_PREVIOUS: 'weak-old-secret' });
    assert.deepEqual([config.keySecret, config.previousKeySecret], [NEW, 'weak-old-secret']);
    assert.equal(configFromEnv({ CONFAB_KEY_SECRET: NEW }).previousKeySecret, undefined);
  });

  test('the previous secret without a new one stops the start with a message that says what to set', async () => {
    await sealedWithOld();
    await assert.rejects(start(undefined, OLD), /CONFAB_KEY_SECRET_PREVIOUS is set without CONFAB_KEY_SECRET/);
  });

  test('rows stored plain are sealed with the new secret in the same start', async () => {
    const plainApp = env.makeApp({ db: { ...env.db }, config: { keySecret: undefined } });
    let plain: { id: string; secret: string };
    try {
      plain = (await call(env, 'createWebhook', { app: plainApp, as: PEOPLE.victor, body: { url: receiver.base + '/plain', events: ['thread.created'] } })).body as typeof plain;
    } finally {
      await plainApp.close();
    }
    await sealedWithOld();
    await start(NEW, OLD);
    const hooks = await rows(WEBHOOK_SECRETS);
    assert.equal(hooks.length, 2);
    assert.ok(hooks.every((x) => /^sealed:v1:/.test(x.stored) && opens(WEBHOOK_SECRETS, x.stored, NEW)));
    assert.equal(unseal(hooks.find((x) => x.id === plain.id)!.stored, NEW, WEBHOOK_SECRETS), plain.secret);
  });
});
