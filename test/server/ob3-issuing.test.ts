// Open Badges 3.0 issuing: every certification as a signed OpenBadgeCredential (VC-JWT) that passes the
// 1EdTech JSON Schema, verifiable with jose from the published key alone, with a revocation status list.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import type { Db } from '../../server/src/db.js';
import { checkIssuerKeys, issuerKeys, PRIVATE_JWKS, publishedKeys, signingKey } from '../../server/src/openbadges/ob3/keys.js';
import { setup } from '../../server/src/setup.js';
import { isSealed, seal as sealWith, unseal as unsealWith } from '../../server/src/seal/seal.js';
import { configFromEnv } from '../../server/src/config.js';
import { didWebDocumentUrl, verifyCredential } from '../../src/openbadges/ob3/index.js';
import { ORIGIN, call, consoleLines, raw, setupTestEnv, type TestEnv } from './helpers.js';
import { achievementCredentialValidator, appFetch, fixture, statusBitWithZlib } from './ob3-helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('ob3_issuing');
});
after(async () => {
  await env?.close();
});

const DID = 'did:web:confab.test';
const credentialUrl = (id: string) => `${ORIGIN}/ob/v3/credentials/${id}`;
const certRow = async (id: string) => (await env.db.query<any>('SELECT * FROM certifications WHERE id = $1', [id])).rows[0];
const jwksFromServer = async () => (await (await raw(env, '/ob/v3/jwks.json')).json()) as JSONWebKeySet;
const jwtOf = async (id: string) => {
  const r = await raw(env, `/ob/v3/credentials/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
  return r.text();
};
const statusList = async () => {
  const jwt = await (await raw(env, '/ob/v3/status/revocation')).text();
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(await jwksFromServer()), { issuer: DID, algorithms: ['RS256'] });
  return payload as any;
};
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** A key rotated in by hand, as keys.ts describes: a newer row, its private JWK plain. Returns its id. */
async function addNewerPlainKey(): Promise<string> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const pub = await exportJWK(pair.publicKey);
  const publicJwk = { kty: pub.kty, n: pub.n, e: pub.e, alg: 'RS256', use: 'sig' };
  const id = await calculateJwkThumbprint(publicJwk);
  await env.db.query(`INSERT INTO ob3_keys (id, alg, public_jwk, private_jwk, created_at) VALUES ($1, 'RS256', $2, $3, now() + interval '1 minute')`, [
    id, JSON.stringify(publicJwk), JSON.stringify(await exportJWK(pair.privateKey)),
  ]);
  return id;
}

describe('the issuer’s key, published as did:web and as a JWKS', () => {
  test('did.json is the did:web document of the public origin, with one public assertion key', async () => {
    const r = await raw(env, '/.well-known/did.json');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    const doc = await r.json();
    assert.equal(doc.id, DID);
    assert.equal(didWebDocumentUrl(doc.id), 'https://confab.test/.well-known/did.json', 'the verifier resolves the DID back to this route');
    assert.equal(doc.verificationMethod.length, 1);
    const [m] = doc.verificationMethod;
    assert.ok(m.id.startsWith(`${DID}#`));
    assert.equal(m.controller, DID);
    assert.deepEqual(doc.assertionMethod, [m.id]);
    assert.equal(m.publicKeyJwk.kty, 'RSA');
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(m.publicKeyJwk[secret], undefined, `no private part ${secret}`);
    const jwks = await jwksFromServer();
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].kid, m.id);
    assert.equal(jwks.keys[0].n, m.publicKeyJwk.n);
  });

  test('the key is generated once and kept in the database: a restarted process signs with it', async () => {
    const before = await jwksFromServer();
    const { rows } = await env.db.query<{ id: string; public_jwk: string }>('SELECT id, public_jwk FROM ob3_keys');
    assert.equal(rows.length, 1);
    assert.equal(JSON.parse(rows[0].public_jwk).n, before.keys[0].n);
    // A new process over the same database: the in-process key cache is keyed by the Db object.
    const restartedDb: Db = { ...env.db };
    const restarted = env.makeApp({ db: restartedDb });
    try {
      const jwt = await (await restarted.app.request(credentialUrl('c-ava-firewall'))).text();
      assert.equal(decodeProtectedHeader(jwt).kid, before.keys[0].kid);
      await jwtVerify(jwt, createLocalJWKSet(before), { algorithms: ['RS256'] });
      const after = await (await restarted.app.request(`${ORIGIN}/ob/v3/jwks.json`)).json();
      assert.deepEqual(after, before);
      assert.equal((await env.db.query('SELECT id FROM ob3_keys')).rows.length, 1, 'no second key');
    } finally {
      await restarted.close();
    }
  });
});

describe('certifications as OpenBadgeCredentials', () => {
  test('each certification links to its OB 3.0 credential, next to its 2.0 assertion', async () => {
    const list = await call(env, 'listCertifications', { query: { person: 'p-ava' } });
    for (const c of list.body.items) assert.equal(c.credentialUrl, credentialUrl(c.id));
    const one = await call(env, 'getCertification', { params: { id: 'c-devi-sdwan' } });
    assert.equal(one.body.credentialUrl, credentialUrl('c-devi-sdwan'));
    const openapi = await (await raw(env, '/api/openapi.json')).json();
    assert.ok(JSON.stringify(openapi).includes('"credentialUrl"'), 'the OpenAPI document follows the contract');
  });

  test('the VC-JWT verifies with jose knowing only the public key from the JWKS endpoint', async () => {
    const jwt = await jwtOf('c-ava-firewall');
    const header = decodeProtectedHeader(jwt);
    assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ'], 'OB 3.0 allows no other JOSE headers');
    assert.equal(header.alg, 'RS256');
    assert.equal(header.typ, 'JWT');
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(await jwksFromServer()), { issuer: DID, algorithms: ['RS256'] });
    const row = await certRow('c-ava-firewall');
    assert.equal(payload.jti, credentialUrl('c-ava-firewall'));
    assert.equal(payload.nbf, Math.floor(row.issued_on.getTime() / 1000));
    assert.equal(payload.exp, Math.floor(row.expires.getTime() / 1000));
    const vc = payload as any;
    assert.deepEqual(vc.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(vc.id, payload.jti);
    assert.equal(vc.issuer.id, payload.iss);
    assert.equal(seconds(vc.validFrom), payload.nbf);
    assert.equal(seconds(vc.validUntil), payload.exp);
    await assert.rejects(jwtVerify(jwt.slice(0, -4) + (jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA'), createLocalJWKSet(await jwksFromServer())), 'a changed signature fails');
  });

  test('every issued credential passes the 1EdTech OB 3.0 JSON Schema', async () => {
    const validate = achievementCredentialValidator();
    // The schema is a real check: the spec's own sample passes, and the sample without validFrom does not.
    const sample = fixture('spec-sample-openbadgecredential.json');
    assert.ok(validate(sample), JSON.stringify(validate.errors));
    const { validFrom: _dropped, ...undated } = sample;
    assert.equal(validate(undated), false);
    const { rows } = await env.db.query<{ id: string }>('SELECT id FROM certifications ORDER BY id');
    assert.ok(rows.length >= 10);
    for (const { id } of rows) {
      const jwt = await jwtOf(id);
      const vc = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
      assert.ok(validate(vc), `${id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  });

  test('the achievement carries the badge’s criteria and image; the recipient is a salted hash', async () => {
    const jwt = await jwtOf('c-ava-firewall');
    const vc = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
    const row = await certRow('c-ava-firewall');
    const badge = (await env.db.query<any>('SELECT * FROM badge_classes WHERE id = $1', [row.badge_id])).rows[0];
    const a = vc.credentialSubject.achievement;
    assert.deepEqual(a.type, ['Achievement']);
    assert.equal(a.name, badge.name);
    assert.equal(a.description, badge.description);
    assert.equal(a.criteria.narrative, badge.criteria);
    assert.equal(a.image.type, 'Image');
    const img = await raw(env, new URL(a.image.id).pathname);
    assert.equal(img.status, 200);
    assert.match(img.headers.get('content-type') ?? '', /image\/svg\+xml/);
    const [idObj] = vc.credentialSubject.identifier;
    assert.equal(idObj.identityType, 'emailAddress');
    assert.equal(idObj.hashed, true);
    assert.equal(idObj.identityHash, 'sha256$' + createHash('sha256').update(row.recipient_email + row.salt).digest('hex'));
    assert.ok(!JSON.stringify(vc).includes(row.recipient_email), 'no plain email');
    assert.deepEqual(vc.credentialStatus, {
      id: `${ORIGIN}/ob/v3/status/revocation#${row.status_index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(row.status_index),
      statusListCredential: `${ORIGIN}/ob/v3/status/revocation`,
    });
  });

  test('an unknown credential is a 404 problem', async () => {
    const r = await raw(env, '/ob/v3/credentials/nope');
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type') ?? '', /problem\+json/);
  });
});

describe('revocation through the status list', () => {
  test('revoking flips the credential’s bit, and the shared verifier then says revoked', async () => {
    const id = 'c-ava-firewall';
    const row = await certRow(id);
    const list0 = await statusList();
    assert.deepEqual(list0.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
    assert.equal(list0.credentialSubject.statusPurpose, 'revocation');
    assert.ok(Buffer.from(list0.credentialSubject.encodedList.slice(1), 'base64url').length > 0);
    assert.equal(statusBitWithZlib(list0.credentialSubject.encodedList, row.status_index), false);
    const seededRevoked = await certRow('c-devi-sdwan');
    assert.equal(statusBitWithZlib(list0.credentialSubject.encodedList, seededRevoked.status_index), true, 'the seeded revoked certification is set');
    const fetchText = appFetch(env.confab);
    const ok = await verifyCredential(credentialUrl(id), { fetchText });
    assert.equal(ok.verified, true, JSON.stringify(ok));

    await env.db.query(`UPDATE certifications SET revoked = true, revocation_reason = 'Test revocation' WHERE id = $1`, [id]);
    try {
      const list1 = await statusList();
      assert.equal(statusBitWithZlib(list1.credentialSubject.encodedList, row.status_index), true);
      const revoked = await verifyCredential(credentialUrl(id), { fetchText });
      assert.deepEqual([revoked.verified, revoked.reason], [false, 'revoked']);
      assert.equal(revoked.checks.find((c) => c.name === 'not revoked')?.ok, false);
      assert.equal(revoked.checks.find((c) => c.name === 'signature')?.ok, true, 'the credential itself is still genuine');
    } finally {
      await env.db.query(`UPDATE certifications SET revoked = false, revocation_reason = NULL WHERE id = $1`, [id]);
    }
    assert.equal(statusBitWithZlib((await statusList()).credentialSubject.encodedList, row.status_index), false, 'reinstating clears it');
  });

  test('a new certification gets the next unused bit', async () => {
    const { rows } = await env.db.query<{ m: number }>('SELECT max(status_index) AS m FROM certifications');
    await env.db.query(
      `INSERT INTO certifications (id, badge_id, recipient_kind, recipient_id, recipient_name, recipient_email, salt, issued_on)
       SELECT 'c-ob3-new', badge_id, recipient_kind, recipient_id, recipient_name, recipient_email, 'salt', now() FROM certifications WHERE id = 'c-ava-firewall'`,
    );
    try {
      const row = await certRow('c-ob3-new');
      assert.equal(row.status_index, Number(rows[0].m) + 1);
    } finally {
      await env.db.query(`DELETE FROM certifications WHERE id = 'c-ob3-new'`);
    }
  });
});

describe('the shared OB 3.0 verifier on Confab’s own credentials', () => {
  test('active, expired, recipient match and mismatch, given as a URL or as the JWT itself', async () => {
    const fetchText = appFetch(env.confab);
    const row = await certRow('c-ava-firewall');
    const ok = await verifyCredential(credentialUrl('c-ava-firewall'), { fetchText, identity: row.recipient_email.toUpperCase() });
    assert.equal(ok.verified, true, JSON.stringify(ok));
    assert.equal(ok.badgeName, 'Acme Edge Firewall Specialist');
    assert.equal(ok.issuerName, 'Acme Partner Program');
    assert.equal(ok.assertionUrl, credentialUrl('c-ava-firewall'));
    assert.deepEqual(ok.checks.map((c) => c.name), ['credential', 'JWT claims', 'signing key', 'signature', 'valid from', 'not expired', 'not revoked', 'recipient']);
    const byJwt = await verifyCredential(await jwtOf('c-ava-firewall'), { fetchText });
    assert.equal(byJwt.verified, true, JSON.stringify(byJwt));
    assert.equal(byJwt.assertionUrl, credentialUrl('c-ava-firewall'), 'a JWT is named by its credential id');
    const other = await verifyCredential(credentialUrl('c-ava-firewall'), { fetchText, identity: 'someone.else@example.com' });
    assert.deepEqual([other.verified, other.reason], [false, 'recipient-mismatch']);
    const expired = await verifyCredential(credentialUrl('c-ben-sales'), { fetchText });
    assert.deepEqual([expired.verified, expired.reason], [false, 'expired']);
    const missing = await verifyCredential(credentialUrl('nope'), { fetchText });
    assert.deepEqual([missing.verified, missing.reason], [false, 'not-found']);
  });
});

describe('key rotation', () => {
  test('a key rotated in by hand signs after the next start; credentials signed with the old key still verify', async () => {
    const oldJwt = await jwtOf('c-ava-firewall');
    const id = await addNewerPlainKey();
    const restarted = env.makeApp({ db: { ...env.db } });
    try {
      const newJwt = await (await restarted.app.request(credentialUrl('c-ava-firewall'))).text();
      assert.equal(decodeProtectedHeader(newJwt).kid, `${DID}#${id}`);
      assert.notEqual(decodeProtectedHeader(oldJwt).kid, decodeProtectedHeader(newJwt).kid);
      const jwks = await (await restarted.app.request(`${ORIGIN}/ob/v3/jwks.json`)).json();
      assert.equal(jwks.keys.length, 2);
      const fetchText = appFetch(restarted);
      for (const jwt of [oldJwt, newJwt]) {
        const r = await verifyCredential(jwt, { fetchText });
        assert.equal(r.verified, true, JSON.stringify(r.checks));
      }
    } finally {
      await restarted.close();
      await env.db.query('DELETE FROM ob3_keys WHERE id = $1', [id]);
    }
  });
});

describe('key generation across processes', () => {
  test('processes that start together on an empty key table agree on one key', async () => {
    const { rows: saved } = await env.db.query<Record<string, unknown>>('SELECT * FROM ob3_keys');
    await env.db.query('DELETE FROM ob3_keys');
    try {
      // Distinct Db objects: each is a "process" with its own key cache. On PostgreSQL each transaction has its
      // own connection, and without the advisory lock in keys.ts this makes three keys; PGlite serialises anyway.
      const keys = await Promise.all([0, 1, 2].map(() => issuerKeys({ ...env.db })));
      assert.equal(new Set(keys.map((k) => k.signing.id)).size, 1, 'one key for all');
      assert.equal((await env.db.query('SELECT id FROM ob3_keys')).rows.length, 1);
    } finally {
      await env.db.query('DELETE FROM ob3_keys');
      for (const r of saved) {
        await env.db.query('INSERT INTO ob3_keys (id, alg, public_jwk, private_jwk, created_at) VALUES ($1, $2, $3, $4, $5)', [r.id, r.alg, r.public_jwk, r.private_jwk, r.created_at]);
      }
    }
  });
});

describe('POST /v1/verify with an Open Badges 3.0 credential (the browser’s fallback)', () => {
  const verify = (body: unknown) => call(env, 'verifyAssertion', { body });

  test('a credential by its URL and as its VC-JWT verifies; the key comes from the server’s own did:web', async () => {
    const byUrl = await verify({ credential: credentialUrl('c-ava-firewall') });
    assert.equal(byUrl.status, 200);
    assert.deepEqual([byUrl.body.verified, byUrl.body.reason], [true, null], JSON.stringify(byUrl.body.checks));
    assert.equal(byUrl.body.checks.find((c: any) => c.name === 'signature')?.ok, true);
    const byJwt = await verify({ credential: await jwtOf('c-ava-firewall') });
    assert.deepEqual([byJwt.body.verified, byJwt.body.badgeName], [true, byUrl.body.badgeName]);
  });

  test('a tampered credential is an invalid signature, and a revoked one is revoked', async () => {
    const [h, p, s] = (await jwtOf('c-ava-firewall')).split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.credentialSubject.achievement.name = 'Something else';
    const tampered = await verify({ credential: [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.') });
    assert.deepEqual([tampered.body.verified, tampered.body.reason], [false, 'invalid-signature']);
    await env.db.query(`UPDATE certifications SET revoked = true WHERE id = 'c-ava-firewall'`);
    try {
      const revoked = await verify({ credential: credentialUrl('c-ava-firewall') });
      assert.deepEqual([revoked.body.verified, revoked.body.reason], [false, 'revoked']);
    } finally {
      await env.db.query(`UPDATE certifications SET revoked = false WHERE id = 'c-ava-firewall'`);
    }
  });

  test('private addresses are refused by the SSRF rules, and an empty credential is a 422 naming the field', async () => {
    const local = await verify({ credential: 'http://127.0.0.1:9/credential.jwt' });
    assert.deepEqual([local.body.verified, local.body.reason], [false, 'blocked-url']);
    const empty = await verify({ credential: '   ' });
    assert.equal(empty.status, 422);
    assert.match(JSON.stringify(empty.body), /credential/, JSON.stringify(empty.body));
  });
});

describe('the signing keys sealed with CONFAB_KEY_SECRET', () => {
  const SECRET = 'a-long-enough-test-secret-for-sealing';
  const seal = (plain: string, secret: string) => sealWith(plain, secret, PRIVATE_JWKS);
  const unseal = (stored: string, secret: string | undefined) => unsealWith(stored, secret, PRIVATE_JWKS);
  const stored = async () => (await env.db.query<{ id: string; private_jwk: string }>('SELECT id, private_jwk FROM ob3_keys ORDER BY created_at DESC, id')).rows;
  let saved: Record<string, unknown>[] = [];
  before(async () => {
    saved = (await env.db.query<Record<string, unknown>>('SELECT * FROM ob3_keys')).rows;
  });
  after(async () => {
    // Back to the table as the other tests found it (their app caches its keys per Db object, not this one).
    await env.db.query('DELETE FROM ob3_keys');
    for (const r of saved) {
      await env.db.query('INSERT INTO ob3_keys (id, alg, public_jwk, private_jwk, created_at) VALUES ($1, $2, $3, $4, $5)', [r.id, r.alg, r.public_jwk, r.private_jwk, r.created_at]);
    }
  });

  test('a key made with the secret is stored sealed, and a later process with the secret signs with it', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    // Distinct Db objects: each is a "process" with its own key cache (keys.ts).
    const first = await issuerKeys({ ...env.db }, SECRET);
    const [row] = await stored();
    assert.equal(row.id, first.signing.id);
    assert.match(row.private_jwk, /^sealed:v1:/);
    assert.doesNotMatch(row.private_jwk, /"d"|"kty"/, 'no part of the private JWK in the clear');
    const later = await issuerKeys({ ...env.db }, SECRET);
    assert.equal(later.signing.id, first.signing.id);
    const jwt = await new SignJWT({ hello: 'world' }).setProtectedHeader({ alg: 'RS256' }).sign(later.signing.privateKey);
    const { payload } = await jwtVerify(jwt, createLocalJWKSet({ keys: [first.published[0].publicJwk] }));
    assert.equal(payload.hello, 'world', 'the unsealed key is the published key’s private half');
  });

  test('without the secret, or with another one, sealed keys are refused with a message that names CONFAB_KEY_SECRET', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    await issuerKeys({ ...env.db }, SECRET);
    await assert.rejects(issuerKeys({ ...env.db }), /sealed: set CONFAB_KEY_SECRET/);
    await assert.rejects(issuerKeys({ ...env.db }, 'another-secret-of-at-least-32-chars'), /could not be unsealed with CONFAB_KEY_SECRET/);
    assert.equal((await stored()).length, 1, 'a refusal makes no new key');
  });

  test('keys stored plain before the secret was set are all sealed in place at the next start, and stay the same keys', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    const older = await issuerKeys({ ...env.db });
    // A newer key rotated in by hand, also plain: both rows must be sealed, not only the one that signs.
    const newerId = await addNewerPlainKey();
    const before = await stored();
    assert.deepEqual(before.map((r) => r.private_jwk[0]), ['{', '{']);
    await checkIssuerKeys({ ...env.db }, SECRET);
    const after = await stored();
    assert.deepEqual(after.map((r) => r.id), [newerId, older.signing.id]);
    assert.ok(after.every((r) => isSealed(r.private_jwk)), 'every row sealed');
    const keys = await issuerKeys({ ...env.db }, SECRET);
    assert.equal(keys.signing.id, newerId);
    assert.deepEqual(keys.published.map((k) => k.id), [newerId, older.signing.id]);
    // The older row unseals too (it is never used to sign, so nothing else would notice if it did not).
    assert.match(unseal(after[1].private_jwk, SECRET), /"d":/);
  });

  test('at start: a wrong or missing secret stops it with its message; an empty table stays empty', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    await checkIssuerKeys({ ...env.db }, SECRET);
    assert.equal((await stored()).length, 0, 'no key made at start');
    await issuerKeys({ ...env.db }, SECRET);
    await checkIssuerKeys({ ...env.db }, SECRET);
    await assert.rejects(checkIssuerKeys({ ...env.db }), /sealed: set CONFAB_KEY_SECRET/);
    await assert.rejects(checkIssuerKeys({ ...env.db }, 'another-secret-of-at-least-32-chars'), /not the secret they were sealed with/);
  });

  test('with a wrong secret the public keys still answer, so issued credentials still verify; signing answers 503', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    const keyId = (await issuerKeys({ ...env.db }, SECRET)).signing.id;
    // Each route first in a process of its own: no route may lean on a load another route made.
    for (const [path, status] of [['/.well-known/did.json', 200], ['/ob/v3/jwks.json', 200], ['/ob/v3/credentials/c-ava-firewall', 503], ['/ob/v3/status/revocation', 503]] as const) {
      const wrong = env.makeApp({ db: { ...env.db }, config: { keySecret: 'another-secret-of-at-least-32-chars' } });
      try {
        let r!: Response;
        const logged = await consoleLines('error', async () => void (r = await wrong.app.request(`${ORIGIN}${path}`)));
        assert.equal(r.status, status, path);
        if (status === 503) {
          assert.match(r.headers.get('content-type') ?? '', /problem\+json/);
          assert.ok(logged.some((l) => /CONFAB_KEY_SECRET/.test(l)), `${path}: the reason is logged`);
          assert.ok(!logged.some((l) => l.includes('another-secret')), 'never the secret itself');
        } else {
          assert.match(await r.text(), new RegExp(keyId), `${path} still publishes the key`);
        }
      } finally {
        await wrong.close();
      }
    }
  });

  test('a wrong secret never seals a plain key when an older key is sealed with the right one; the start refuses it', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    const older = await issuerKeys({ ...env.db }, SECRET);
    const newerId = await addNewerPlainKey();
    await assert.rejects(checkIssuerKeys({ ...env.db }, 'a-mistyped-secret-of-32-characters!'), /not the secret they were sealed with/);
    assert.match((await stored())[0].private_jwk, /^\{/, 'the new key is left plain, not sealed under the wrong secret');
    await checkIssuerKeys({ ...env.db }, SECRET);
    const after = await stored();
    assert.deepEqual(after.map((r) => r.id), [newerId, older.signing.id]);
    assert.ok(after.every((r) => isSealed(r.private_jwk)));
  });

  test('the key cache is per secret: a load made without it does not stand in for a load with it', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    await issuerKeys({ ...env.db });
    const db = { ...env.db };
    await publishedKeys(db);
    assert.match((await stored())[0].private_jwk, /^\{/);
    await signingKey(db, SECRET);
    assert.match((await stored())[0].private_jwk, /^sealed:v1:/, 'the load with the secret sealed the row');
  });

  test('a damaged plain row is refused at start with a message that names ob3_keys', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    const { signing } = await issuerKeys({ ...env.db });
    await env.db.query(`UPDATE ob3_keys SET private_jwk = left(private_jwk, 40) WHERE id = $1`, [signing.id]);
    await assert.rejects(checkIssuerKeys({ ...env.db }), /key .* in ob3_keys is damaged/);
  });

  test('setup() (npm start) runs the check: a wrong secret stops the start, leaving the given database open', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    await issuerKeys({ ...env.db }, SECRET);
    await assert.rejects(setup({ db: { ...env.db }, auth: env.auth, seed: false, config: { keySecret: 'a-mistyped-secret-of-32-characters!' } }), /not the secret/);
    assert.equal((await stored()).length, 1, 'the database given to setup is still usable');
  });

  test('the sealed form: a fresh IV each time, the full tag, and damage told apart from a wrong secret', () => {
    const a = seal('{"d":"x"}', SECRET);
    const b = seal('{"d":"x"}', SECRET);
    assert.notEqual(a, b, 'a fresh IV per seal');
    assert.equal(unseal(a, SECRET), '{"d":"x"}');
    const [iv, body, tag] = a.slice('sealed:v1:'.length).split('.');
    const shortTag = Buffer.from(tag, 'base64url').subarray(0, 12).toString('base64url');
    assert.throws(() => unseal(`sealed:v1:${iv}.${body}.${shortTag}`, SECRET), /damaged/);
    assert.throws(() => unseal(`sealed:v1:${iv}.${body}`, SECRET), /damaged/);
    assert.throws(() => unseal(`${a}.extra`, SECRET), /damaged/);
    const longIv = Buffer.alloc(16).toString('base64url');
    assert.throws(() => unseal(`sealed:v1:${longIv}.${body}.${tag}`, SECRET), /damaged \(not sealed/);
    assert.throws(() => unseal(`sealed:v1:${iv}.${body}!.${tag}`, SECRET), /damaged \(not sealed/);
    assert.throws(() => unseal(a, 'another-secret-of-at-least-32-chars'), /not the secret/);
    assert.equal(unseal('{"plain":true}', undefined), '{"plain":true}', 'plain rows read as they are');
  });

  test('a key sealed before sealing moved to server/src/seal/ still opens (the same HKDF salt and info)', () => {
    // Written by openbadges/ob3/key-seal.ts (commit 4003d91) under SECRET.
    const before = 'sealed:v1:m_Fw9Hsjd0BR5QNz.wq2R1m8nxotXXWNbKsP4S5isAEz9SoWJjFQ.5C9glG-eev2b2CBRgxkqYw';
    assert.equal(unseal(before, SECRET), '{"kty":"RSA","d":"compat"}');
  });

  test('a CONFAB_KEY_SECRET shorter than 32 characters, or with fewer than 10 different ones, is refused at start', () => {
    assert.throws(() => configFromEnv({ CONFAB_KEY_SECRET: 'hunter2' }), /at least 32 random characters/);
    assert.throws(() => configFromEnv({ CONFAB_KEY_SECRET: 'x'.repeat(31) }), /at least 32 random characters/);
    // Length is not enough: one character or a word repeated to 32 is refused; 10 different characters are taken.
    assert.throws(() => configFromEnv({ CONFAB_KEY_SECRET: 'x'.repeat(32) }), /at least 10 different characters/);
    assert.throws(() => configFromEnv({ CONFAB_KEY_SECRET: 'password'.repeat(4) }), /at least 10 different characters/);
    assert.throws(() => configFromEnv({ CONFAB_KEY_SECRET: 'abcdefghi'.repeat(4) }), /at least 10 different characters/);
    assert.equal(configFromEnv({ CONFAB_KEY_SECRET: 'abcdefghij'.repeat(4).slice(0, 32) }).keySecret, 'abcdefghij'.repeat(4).slice(0, 32));
    // An `openssl rand -hex 16` output (fixed: a random one has fewer than 10 different digits about once in 10,000 draws).
    assert.equal(configFromEnv({ CONFAB_KEY_SECRET: '3f9a1c0e7b2d4856a0c9e1f7b3d25e84' }).keySecret, '3f9a1c0e7b2d4856a0c9e1f7b3d25e84');
    assert.equal(configFromEnv({ CONFAB_KEY_SECRET: SECRET }).keySecret, SECRET);
  });

  test('the app signs credentials that verify with a sealed key (CONFAB_KEY_SECRET through the config)', async () => {
    await env.db.query('DELETE FROM ob3_keys');
    await issuerKeys({ ...env.db }, SECRET);
    // A new process (its own Db object, so its own key cache) whose config carries the secret.
    const sealedApp = env.makeApp({ db: { ...env.db }, config: { keySecret: SECRET } });
    try {
      const r = await sealedApp.app.request(`${ORIGIN}/ob/v3/credentials/c-ava-firewall`);
      assert.equal(r.status, 200);
      const v = await verifyCredential(await r.text(), { fetchText: appFetch(sealedApp) });
      assert.equal(v.verified, true, JSON.stringify(v.checks));
    } finally {
      await sealedApp.close();
    }
  });
});
