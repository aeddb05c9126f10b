import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import * as v from 'valibot';
import { OB_CONTEXT, ObAssertion, ObBadgeClass, ObIssuer, VerificationResult } from '../../src/contract/index.js';
import { isPrivateAddress, safeFetchJson } from '../../server/src/openbadges/fetch.js';
import { FetchError, verifyAssertion, type FetchJson } from '../../server/src/openbadges/verify.js';
import { ORIGIN, PEOPLE, call, expectProblem, raw, setupTestEnv, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('openbadges');
});
after(async () => {
  await env?.close();
});

const cert = async (id: string) => (await env.db.query<any>(`SELECT * FROM certifications WHERE id = $1`, [id])).rows[0];

describe('Open Badges 2.0 hosted documents', () => {
  test('issuer profile with a hosted verification policy', async () => {
    const r = await raw(env, '/ob/issuer');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    const doc = await r.json();
    v.parse(ObIssuer, doc);
    assert.equal(doc['@context'], OB_CONTEXT);
    assert.equal(doc.type, 'Issuer');
    assert.equal(doc.id, `${ORIGIN}/ob/issuer`);
    assert.equal(doc.verification.allowedOrigins, 'confab.test');
  });

  test('badge class with image and criteria; the image is SVG', async () => {
    const doc = await (await raw(env, '/ob/badges/acme-firewall-specialist')).json();
    v.parse(ObBadgeClass, doc);
    assert.equal(doc['@context'], OB_CONTEXT);
    assert.equal(doc.type, 'BadgeClass');
    assert.equal(doc.issuer, `${ORIGIN}/ob/issuer`);
    assert.ok(doc.criteria.narrative);
    const img = await raw(env, new URL(doc.image).pathname);
    assert.equal(img.status, 200);
    assert.match(img.headers.get('content-type') ?? '', /image\/svg\+xml/);
    const svg = await img.text();
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script/i);
    await expectProblem(await raw(env, '/ob/badges/nope'), 404);
    await expectProblem(await raw(env, '/ob/badges/nope/image.svg'), 404);
  });

  test('assertion: salted sha256 recipient hash, issuedOn, expires, hosted verification', async () => {
    const doc = await (await raw(env, '/ob/assertions/c-ava-firewall')).json();
    v.parse(ObAssertion, doc);
    assert.equal(doc['@context'], OB_CONTEXT);
    assert.equal(doc.type, 'Assertion');
    assert.equal(doc.id, `${ORIGIN}/ob/assertions/c-ava-firewall`);
    assert.equal(doc.verification.type, 'hosted');
    assert.equal(doc.badge, `${ORIGIN}/ob/badges/acme-firewall-specialist`);
    const row = await cert('c-ava-firewall');
    assert.equal(doc.recipient.type, 'email');
    assert.equal(doc.recipient.hashed, true);
    assert.equal(doc.recipient.salt, row.salt);
    assert.match(doc.recipient.identity, /^sha256\$[0-9a-f]{64}$/);
    assert.equal(doc.recipient.identity, 'sha256$' + createHash('sha256').update(row.recipient_email + row.salt).digest('hex'));
    assert.ok(!doc.recipient.identity.includes('@'), 'no plain email in the document');
    assert.ok(Date.parse(doc.issuedOn) < Date.now());
    assert.ok(Date.parse(doc.expires) > Date.now());
    assert.equal(doc.revoked, undefined);
  });

  test('a revoked assertion answers 410 with revoked and a reason; an expired one shows its past expiry', async () => {
    const r = await raw(env, '/ob/assertions/c-devi-sdwan');
    assert.equal(r.status, 410);
    const doc = await r.json();
    v.parse(ObAssertion, doc);
    assert.equal(doc.revoked, true);
    assert.match(doc.revocationReason, /integrity review/);
    const exp = await (await raw(env, '/ob/assertions/c-ben-sales')).json();
    v.parse(ObAssertion, exp);
    assert.ok(Date.parse(exp.expires) < Date.now());
    await expectProblem(await raw(env, '/ob/assertions/nope'), 404);
  });
});

describe('certifications API', () => {
  test('lists a person’s and an org’s certifications, linked to the hosted documents', async () => {
    const ava = await call(env, 'listCertifications', { query: { person: 'p-ava' } });
    assert.equal(ava.body.items.length, 2);
    for (const c of ava.body.items) {
      assert.equal(c.recipient.id, 'p-ava');
      assert.equal(c.assertionUrl, `${ORIGIN}/ob/assertions/${c.id}`);
      assert.ok(c.badgeClassUrl.startsWith(`${ORIGIN}/ob/badges/`));
    }
    const soon = ava.body.items.find((c: any) => c.id === 'c-ava-gateway');
    assert.ok(Date.parse(soon.expires) - Date.now() < 30 * 86_400_000, 'one expires soon');
    const org = await call(env, 'listCertifications', { query: { org: 'org-northwind' } });
    assert.equal(org.body.items[0].recipient.kind, 'org');
    const rev = await call(env, 'getCertification', { params: { id: 'c-devi-sdwan' } });
    assert.equal(rev.body.revoked, true);
    assert.ok(rev.body.revocationReason);
    assert.equal((await call(env, 'getCertification', { params: { id: 'nope' } })).status, 404);
    assert.equal((await call(env, 'listCertifications')).status, 400);
    const mine = await call(env, 'listCertifications', { as: PEOPLE.ben });
    assert.equal(mine.body.items[0].recipient.id, 'p-ben');
    assert.deepEqual((await call(env, 'listCertifications', { query: { person: 'nobody' } })).body.items, []);
  });

  test('verify a certification as a third-party verifier: active, expiring, expired, revoked', async () => {
    const ok = await call(env, 'verifyCertification', { params: { id: 'c-ava-firewall' } });
    assert.equal(ok.body.verified, true, JSON.stringify(ok.body));
    assert.equal(ok.body.reason, null);
    assert.equal(ok.body.badgeName, 'Acme Edge Firewall Specialist');
    assert.equal(ok.body.issuerName, 'Acme Partner Program');
    assert.equal(ok.body.recipientName, 'Ava Lindqvist');
    assert.ok(ok.body.checks.every((c: any) => c.ok));
    assert.ok(ok.body.checks.some((c: any) => c.name === 'verification policy'));
    assert.equal((await call(env, 'verifyCertification', { params: { id: 'c-ava-gateway' } })).body.verified, true, 'expiring soon is still valid');
    const exp = await call(env, 'verifyCertification', { params: { id: 'c-ben-sales' } });
    assert.deepEqual([exp.body.verified, exp.body.reason], [false, 'expired']);
    const rev = await call(env, 'verifyCertification', { params: { id: 'c-devi-sdwan' } });
    assert.deepEqual([rev.body.verified, rev.body.reason], [false, 'revoked']);
    assert.match(rev.body.detail, /integrity review/);
    assert.equal((await call(env, 'verifyCertification', { params: { id: 'nope' } })).status, 404);
  });

  test('POST /v1/verify: hosted assertions, recipient identity, refused addresses', async () => {
    const url = `${ORIGIN}/ob/assertions/c-chloe-sales`;
    const row = await cert('c-chloe-sales');
    assert.equal((await call(env, 'verifyAssertion', { body: { url } })).body.verified, true);
    const id = await call(env, 'verifyAssertion', { body: { url, identity: row.recipient_email.toUpperCase() } });
    assert.equal(id.body.verified, true);
    assert.ok(id.body.checks.some((c: any) => c.name === 'recipient' && c.ok));
    const wrong = await call(env, 'verifyAssertion', { body: { url, identity: 'someone@else.example' } });
    assert.deepEqual([wrong.body.verified, wrong.body.reason], [false, 'recipient-mismatch']);
    assert.equal((await call(env, 'verifyAssertion', { body: { url: `${ORIGIN}/ob/assertions/missing` } })).body.reason, 'not-found');
    for (const bad of ['http://127.0.0.1:9/a', 'http://10.1.2.3/a', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://localhost:1/x', 'file:///etc/passwd', 'ftp://example.com/a']) {
      const r = await call(env, 'verifyAssertion', { body: { url: bad } });
      assert.equal(r.status, 200, bad);
      assert.deepEqual([r.body.verified, r.body.reason], [false, 'blocked-url'], bad);
    }
    assert.equal((await call(env, 'verifyAssertion', { body: { url: 'not a url' } })).status, 422);
  });

  test('verifies over real HTTP from another server (allow-listed loopback host)', async () => {
    // The issuer: this app served on loopback, with its public URL being that address.
    let issuerUrl = '';
    const issuerApp = env.makeApp({ config: { publicUrl: undefined } });
    const server = serve({ fetch: issuerApp.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    issuerUrl = `http://127.0.0.1:${(server.address() as any).port}`;
    try {
      const verifier = env.makeApp({ config: { verifyAllow: ['127.0.0.1'] } });
      const r = await call(env, 'verifyAssertion', { app: verifier, body: { url: `${issuerUrl}/ob/assertions/c-ava-firewall` } });
      assert.equal(r.body.verified, true, JSON.stringify(r.body));
      const rev = await call(env, 'verifyAssertion', { app: verifier, body: { url: `${issuerUrl}/ob/assertions/c-devi-sdwan` } });
      assert.equal(rev.body.reason, 'revoked');
      // the same without the allow-list entry is refused
      const plain = await call(env, 'verifyAssertion', { body: { url: `${issuerUrl}/ob/assertions/c-ava-firewall` } });
      assert.equal(plain.body.reason, 'blocked-url');
      // production mode refuses http even for allowed hosts
      const prod = env.makeApp({ config: { verifyAllow: ['127.0.0.1'], production: true } });
      assert.equal((await call(env, 'verifyAssertion', { app: prod, body: { url: `${issuerUrl}/ob/assertions/c-ava-firewall` } })).body.reason, 'blocked-url');
    } finally {
      server.close();
    }
  });
});

describe('verifier logic (pure, over fetchJson)', () => {
  const A = 'https://badges.example/ob/assertions/1';
  const B = 'https://badges.example/ob/badges/b';
  const I = 'https://badges.example/ob/issuer';
  const docs = (over: Record<string, any> = {}): Record<string, { status: number; json: any }> => ({
    [A]: { status: 200, json: { '@context': OB_CONTEXT, type: 'Assertion', id: A, recipient: { type: 'email', hashed: false, identity: 'a@b.example' }, badge: B, verification: { type: 'hosted' }, issuedOn: '2026-01-01T00:00:00Z', ...over.assertion } },
    [B]: { status: 200, json: { '@context': OB_CONTEXT, type: 'BadgeClass', id: B, name: 'Badge', description: 'd', image: 'https://badges.example/i.svg', criteria: { narrative: 'n' }, issuer: I, ...over.badge } },
    [I]: { status: 200, json: { '@context': OB_CONTEXT, type: 'Issuer', id: I, name: 'Issuer', url: 'https://badges.example', email: 'badges@badges.example', ...over.issuer } },
  });
  const fetcher = (d: Record<string, { status: number; json: any }>): FetchJson => async (u) => d[u] ?? { status: 404, json: null };

  test('valid, then each failure reason', async () => {
    assert.equal((await verifyAssertion(A, fetcher(docs()))).verified, true);
    assert.equal((await verifyAssertion(A, fetcher(docs()), { identity: 'A@B.example' })).verified, true);
    const cases: [Record<string, any>, string][] = [
      // Issued before it expired: one that expires before its issue date is malformed (test_assertion_not_expires_before_issue).
      [{ assertion: { issuedOn: '2019-01-01T00:00:00Z', expires: '2020-01-01T00:00:00Z' } }, 'expired'],
      [{ assertion: { expires: '2020-01-01T00:00:00Z' } }, 'malformed'],
      [{ assertion: { revoked: true, revocationReason: 'x' } }, 'revoked'],
      [{ assertion: { type: 'Something' } }, 'malformed'],
      [{ assertion: { recipient: 'nope' } }, 'malformed'],
      [{ assertion: { id: 'https://evil.example/ob/assertions/1' } }, 'outside-policy'],
      [{ issuer: { verification: { type: 'hosted', allowedOrigins: 'other.example' } } }, 'outside-policy'],
      [{ badge: { name: undefined } }, 'malformed'],
    ];
    for (const [over, reason] of cases) {
      const r = await verifyAssertion(A, fetcher(docs(over)));
      assert.deepEqual([r.verified, r.reason], [false, reason], JSON.stringify(over));
      assert.ok(r.detail);
    }
    // An issuer whose profile says it lives on another host is read from there (the validator refetches
    // a node from its declared id), and its default policy, its own host, then excludes the assertion.
    const moved = docs({ issuer: { id: 'https://other.example/issuer' } });
    moved['https://other.example/issuer'] = moved[I];
    const away = await verifyAssertion(A, fetcher(moved));
    assert.deepEqual([away.verified, away.reason], [false, 'outside-policy']);
    assert.ok(away.detail);
    assert.equal((await verifyAssertion(A, fetcher(docs()), { identity: 'x@y.example' })).reason, 'recipient-mismatch');
    assert.equal((await verifyAssertion('https://badges.example/none', fetcher(docs()))).reason, 'not-found');
    // A foreign issuer's revocation reason that is not text never breaks our own response's contract.
    for (const revocationReason of [{ html: '<b>x</b>' }, 42, '   ', 'r'.repeat(5000)]) {
      const r = await verifyAssertion(A, fetcher(docs({ assertion: { revoked: true, revocationReason } })));
      assert.equal(r.reason, 'revoked');
      assert.ok(v.is(VerificationResult, r), JSON.stringify(r).slice(0, 200));
      assert.ok((r.detail ?? '').length < 600);
    }
    const gone = docs();
    gone[A].status = 410;
    assert.equal((await verifyAssertion(A, fetcher(gone))).reason, 'revoked');
    assert.equal((await verifyAssertion(A, async () => { throw new FetchError('unreachable', 'down'); })).reason, 'unreachable');
    assert.equal((await verifyAssertion(A, async () => { throw new FetchError('blocked-url', 'private'); })).reason, 'blocked-url');
    const hashed = docs({ assertion: { recipient: { type: 'email', hashed: true, salt: 's', identity: 'sha256$' + createHash('sha256').update('a@b.example' + 's').digest('hex') } } });
    assert.equal((await verifyAssertion(A, fetcher(hashed), { identity: 'a@b.example' })).verified, true);
  });
});

describe('SSRF-safe fetcher', () => {
  let srv: Server;
  let port = 0;
  before(async () => {
    srv = createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      if (u.pathname === '/ok') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}');
      if (u.pathname === '/redirect') return res.writeHead(302, { location: u.searchParams.get('to')! }).end();
      if (u.pathname === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (u.pathname === '/big') return res.writeHead(200, { 'content-type': 'application/json' }).end('"' + 'x'.repeat(600 * 1024) + '"');
      if (u.pathname === '/slow') return; // never answers
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    port = (srv.address() as any).port;
  });
  after(() => {
    srv.closeAllConnections();
    srv.close();
  });

  test('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '224.0.0.1', 'not-an-ip']) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(a), false, a);
  });

  test('refuses loopback, private and link-local targets, before and after DNS', async () => {
    const f = safeFetchJson({ allowHttp: true, allowHosts: [] });
    for (const u of [`http://127.0.0.1:${port}/ok`, 'http://10.0.0.8/', 'http://169.254.169.254/', `http://localhost:${port}/ok`, 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0x7f000001/', 'http://2130706433/']) {
      await assert.rejects(f(u), (e: any) => e instanceof FetchError && e.kind === 'blocked-url', u);
    }
  });

  test('http only in demo mode; https always; no credentials in URLs', async () => {
    const prod = safeFetchJson({ allowHttp: false, allowHosts: ['127.0.0.1'] });
    await assert.rejects(prod(`http://127.0.0.1:${port}/ok`), (e: any) => e.kind === 'blocked-url');
    const demo = safeFetchJson({ allowHttp: true, allowHosts: ['127.0.0.1'] });
    assert.deepEqual(await demo(`http://127.0.0.1:${port}/ok`), { status: 200, url: `http://127.0.0.1:${port}/ok`, json: { hello: 'world' } });
    await assert.rejects(demo(`http://user:pw@127.0.0.1:${port}/ok`), (e: any) => e.kind === 'blocked-url');
  });

  test('redirects are followed by hand under the same rules, at most 3', async () => {
    const f = safeFetchJson({ allowHttp: true, allowHosts: ['127.0.0.1'] });
    const followed = await f(`http://127.0.0.1:${port}/redirect?to=/ok`);
    assert.equal(followed.status, 200);
    assert.equal(followed.url, `http://127.0.0.1:${port}/ok`, 'the final address, so that the verifier accepts a redirected assertion');
    for (const to of ['http://10.0.0.1/x', 'http://169.254.169.254/latest', 'http://localhost/x', 'file:///etc/passwd']) {
      await assert.rejects(f(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(to)}`), (e: any) => e.kind === 'blocked-url', to);
    }
    await assert.rejects(f(`http://127.0.0.1:${port}/loop`), (e: any) => e.kind === 'unreachable' && /redirects/.test(e.message));
  });

  test('size limit and timeout', async () => {
    // The size limit with a timeout that a loaded CI machine cannot reach while the 600 KB arrive (at
    // load 27, 300 ms ran out first and the fetch said "timed out"); the timeout on its own below.
    const big = safeFetchJson({ allowHttp: true, allowHosts: ['127.0.0.1'], maxBytes: 512 * 1024, timeoutMs: 30_000 });
    await assert.rejects(big(`http://127.0.0.1:${port}/big`), (e: any) => e.kind === 'unreachable' && /larger/.test(e.message));
    const f = safeFetchJson({ allowHttp: true, allowHosts: ['127.0.0.1'], maxBytes: 512 * 1024, timeoutMs: 300 });
    const t0 = Date.now();
    await assert.rejects(f(`http://127.0.0.1:${port}/slow`), (e: any) => e.kind === 'unreachable' && /timed out/.test(e.message));
    assert.ok(Date.now() - t0 < 3000);
  });
});
