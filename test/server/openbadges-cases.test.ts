// The 1EdTech validator's cases (test/fixtures/openbadges/cases.json) through POST /v1/verify, with the
// documents served over real HTTP by a local issuer that the SSRF-safe fetcher is allowed to reach.
// test/browser/badges/validator-cases.test.ts runs the same table in Chromium: same verdicts.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { VerificationResult } from '../../src/contract/index.js';
import { obCaseResponse, obCases } from '../support/ob-cases.mjs';
import { call, setupTestEnv, type TestEnv } from './helpers.js';
import type { ConfabApp } from '../../server/src/app.js';

let env: TestEnv;
let verifier: ConfabApp;
let issuer: Server;
let port = 0;

before(async () => {
  env = await setupTestEnv('openbadges_cases');
  // Listening on every interface, so that both hosts of the table (localhost and 127.0.0.1) reach it.
  issuer = createServer((req, res) => {
    const r = obCaseResponse(new URL(req.url!, 'http://x').pathname, port);
    if (!r) return res.writeHead(404).end();
    res.writeHead(r.status, r.headers).end(r.body);
  });
  await new Promise<void>((resolve) => issuer.listen(0, resolve));
  port = (issuer.address() as AddressInfo).port;
  verifier = env.makeApp({ config: { verifyAllow: ['localhost', '127.0.0.1'] } });
});
after(async () => {
  issuer?.closeAllConnections();
  issuer?.close();
  await env?.close();
});

const verdict = (r: VerificationResult) => ({ verified: r.verified, reason: r.reason, failed: r.checks.filter((c) => !c.ok).map((c) => c.name) });
const verify = async (url: string, identity?: string) =>
  (await call(env, 'verifyAssertion', { app: verifier, body: identity ? { url, identity } : { url } })).body as VerificationResult;

describe('Open Badges 2.0: the validator’s cases through POST /v1/verify', () => {
  test('has the whole table', () => assert.ok(obCases(port).length > 40));

  // One test per case, named as in the table (the port is known only once the issuer listens).
  for (const { name, source } of obCases(0)) {
    test(`${name} (${source})`, async () => {
      const c = obCases(port).find((x) => x.name === name)!;
      const r = await verify(c.url, c.identity);
      assert.deepEqual(verdict(r), c.expect, `${c.what} ${r.detail ?? ''}`);
    });
  }

  test('a forged embedded issuer does not vouch for its own host: the issuer is fetched from its id', async () => {
    const c = obCases(port).find((x) => x.name === 'confab/forged-embedded-issuer')!;
    const r = await verify(c.url);
    assert.deepEqual([r.verified, r.reason], [false, 'outside-policy']);
    assert.match(r.checks.find((k) => k.name === 'badge class')!.detail, /embedded; fetched from its id/);
  });
});
