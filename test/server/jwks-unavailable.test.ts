// An identity provider whose key set (CONFAB_JWKS_URL) is out of reach: signed-in callers get a 503
// with Retry-After, not a 401 that would make the SDK refresh the token and then sign the partner out.
// The key sets are real: a closed port, and a node:http server answering a key set, a 500, a body that
// is not JSON, JSON that is not a key set, or nothing at all (jose's 5 s timeout).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { jwksAuth } from '../../server/src/auth.js';
import { expectProblem, ORIGIN, setupTestEnv, type TestEnv } from './helpers.js';

let env: TestEnv;
let key: CryptoKey;
let otherKey: CryptoKey;
let publicJwk: JWK;
let server: Server;
let base: string;
/** What the key set server answers: a status and a body, or null to never answer. */
let answer: (() => { status: number; body: string } | null) = () => ({ status: 200, body: JSON.stringify({ keys: [publicJwk] }) });

before(async () => {
  env = await setupTestEnv('jwks');
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    const a = answer();
    if (!a) return; // never answers: jose gives up after its timeout
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await env?.close();
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const sign = (k: CryptoKey, o: { kid?: string; exp?: string | number } = {}) =>
  new SignJWT({ name: 'Ava Lindqvist', org: 'org-northwind', tier: 'gold', roles: ['technical'] })
    .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? 'k1' })
    .setSubject('p-ava')
    .setIssuedAt()
    .setExpirationTime(o.exp ?? '1h')
    .sign(k);

/** POST /v1/live/ticket (which needs a signed-in caller) through an app whose key set is at `url`; a fresh jose cache each time. */
async function ticketWith(url: string, token: string) {
  const app = env.makeApp({ auth: jwksAuth(url) });
  try {
    return await app.app.request(ORIGIN + '/api/v1/live/ticket', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } finally {
    await app.close();
  }
}

async function expectUnavailable(res: Response) {
  assert.equal(res.headers.get('retry-after'), '5');
  const body = await expectProblem(res, 503);
  assert.doesNotMatch(body.detail, /invalid|expired/i);
  assert.equal(res.headers.get('www-authenticate'), null, 'no invalid_token: the token was never judged');
}

describe('JWKS out of reach: 503 with Retry-After', () => {
  test('a closed port', async () => {
    await expectUnavailable(await ticketWith(`http://127.0.0.1:${await closedPort()}/jwks.json`, await sign(key)));
  });

  test('a key set server answering 500', async () => {
    answer = () => ({ status: 500, body: '{"error":"down"}' });
    await expectUnavailable(await ticketWith(`${base}/jwks.json`, await sign(key)));
  });

  test('a key set server answering garbage, or JSON that is not a key set', async () => {
    answer = () => ({ status: 200, body: '<html>maintenance</html>' });
    await expectUnavailable(await ticketWith(`${base}/jwks.json`, await sign(key)));
    answer = () => ({ status: 200, body: '{"keys":"none"}' });
    await expectUnavailable(await ticketWith(`${base}/jwks.json`, await sign(key)));
  });

  test('a key set server that never answers (jose times out)', { timeout: 30_000 }, async () => {
    answer = () => null;
    await expectUnavailable(await ticketWith(`${base}/jwks.json`, await sign(key)));
  });
});

describe('JWKS reachable: the token decides', () => {
  test('a good token: 200; a bad signature, an unknown kid, an expired token: 401 invalid_token', async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ keys: [publicJwk] }) });
    const url = `${base}/jwks.json`;
    assert.equal((await ticketWith(url, await sign(key))).status, 200);
    for (const [what, token] of [
      ['signed by another key', await sign(otherKey)],
      ['a kid the set does not have', await sign(key, { kid: 'k-unknown' })],
      ['expired', await sign(key, { exp: Math.floor(Date.now() / 1000) - 3600 })],
    ] as const) {
      const res = await ticketWith(url, token);
      assert.equal(res.status, 401, what);
      assert.match(res.headers.get('www-authenticate') ?? '', /invalid_token/, what);
      await expectProblem(res, 401);
    }
  });
});
