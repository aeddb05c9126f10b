import { expect } from '@open-wc/testing';
import type { VerificationResult } from '../../../src/contract/certifications.js';
import { verifyHostedAssertion } from '../../../src/elements/cert-badge/parts/verify-assertion.js';

const at = (name: string) => `${location.origin}/issuer/${name}/assertion`;
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const failed = (r: VerificationResult) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('verifyHostedAssertion against a fake issuer', () => {
  it('valid: fetches assertion, badge class and issuer and passes every check', async () => {
    const r = await verifyHostedAssertion(at('valid'), { identity: ALICE });
    expect(r.verified, r.detail ?? '').to.equal(true);
    expect(r.reason).to.equal(null);
    expect(r.badgeName).to.equal('Fake Cloud Architect');
    expect(r.issuerName).to.equal('Fake Issuer Academy');
    expect(r.recipientName).to.equal('Alice Example');
    expect(r.imageUrl).to.equal(`${location.origin}/issuer/image.svg`);
    expect(r.checks.map((c) => c.name)).to.include.members(['assertion', 'badge class', 'issuer', 'verification policy', 'not revoked', 'not expired', 'recipient']);
    expect(failed(r)).to.deep.equal([]);
  });

  it('without an identity, the recipient is not checked', async () => {
    const r = await verifyHostedAssertion(at('valid'));
    expect(r.verified).to.equal(true);
    expect(r.checks.map((c) => c.name)).not.to.include('recipient');
  });

  it('startsWith and the default policy (issuer origin) also verify', async () => {
    expect((await verifyHostedAssertion(at('starts-with'))).verified).to.equal(true);
    expect((await verifyHostedAssertion(at('default-policy'))).verified).to.equal(true);
  });

  it('expired', async () => {
    const r = await verifyHostedAssertion(at('expired'));
    expect(r.reason).to.equal('expired');
    expect(r.detail).to.match(/expired on \d{4}-\d{2}-\d{2}/);
    expect(failed(r)).to.deep.equal(['not expired']);
    expect(r.badgeName).to.equal('Fake Cloud Architect');
  });

  it('expiry is judged against `now`', async () => {
    const r = await verifyHostedAssertion(at('valid'), { now: new Date(Date.now() + 400 * 86_400_000) });
    expect(r.reason).to.equal('expired');
  });

  it('revoked with HTTP 410 and its reason', async () => {
    const r = await verifyHostedAssertion(at('revoked-410'));
    expect(r.reason).to.equal('revoked');
    expect(r.detail).to.contain('Exam integrity review');
  });

  it('revoked with `revoked: true` and its revocationReason', async () => {
    const r = await verifyHostedAssertion(at('revoked-flag'));
    expect(r.reason).to.equal('revoked');
    expect(r.detail).to.contain('Issued in error');
    expect(r.badgeName, 'still shows what was revoked').to.equal('Fake Cloud Architect');
  });

  it('an id outside the issuer allowedOrigins', async () => {
    const r = await verifyHostedAssertion(at('outside-policy'));
    expect(r.reason).to.equal('outside-policy');
    expect(r.detail).to.contain(location.host);
    expect(failed(r)).to.deep.equal(['verification policy']);
  });

  it('an id outside the issuer startsWith', async () => {
    const r = await verifyHostedAssertion(at('starts-with-outside'));
    expect(r.reason).to.equal('outside-policy');
  });

  it('recipient mismatch, sha256 salted', async () => {
    const r = await verifyHostedAssertion(at('valid'), { identity: 'mallory@example.com' });
    expect(r.reason).to.equal('recipient-mismatch');
    expect(failed(r)).to.deep.equal(['recipient']);
    expect(r.checks.find((c) => c.name === 'recipient')!.detail).to.contain('sha256 hash, salted');
  });

  it('recipient mismatch, md5 unsalted; and its match', async () => {
    const bad = await verifyHostedAssertion(at('md5'), { identity: ALICE });
    expect(bad.reason).to.equal('recipient-mismatch');
    expect(bad.checks.find((c) => c.name === 'recipient')!.detail).to.contain('md5 hash');
    const good = await verifyHostedAssertion(at('md5'), { identity: BOB });
    expect(good.verified).to.equal(true);
    expect(good.recipientName, 'no profile name: the matched identity').to.equal(BOB);
  });

  it('unhashed recipient compares emails case-insensitively', async () => {
    expect((await verifyHostedAssertion(at('plain'), { identity: BOB })).verified).to.equal(true);
    expect((await verifyHostedAssertion(at('plain'), { identity: ALICE })).reason).to.equal('recipient-mismatch');
  });

  it('a malformed badge class names what was wrong', async () => {
    const r = await verifyHostedAssertion(at('malformed-badge'));
    expect(r.reason).to.equal('malformed');
    expect(r.detail).to.contain('badge class');
    expect(r.detail).to.contain('name: expected string, got 42');
    expect(r.detail).to.contain('criteria');
  });

  it('a signed badge is malformed for a hosted verifier', async () => {
    const r = await verifyHostedAssertion(at('signed'));
    expect(r.reason).to.equal('malformed');
    expect(r.detail).to.match(/hosted/i);
  });

  it('a missing assertion is not-found', async () => {
    expect((await verifyHostedAssertion(at('not-found'))).reason).to.equal('not-found');
  });

  it('refuses non-http(s) addresses', async () => {
    const r = await verifyHostedAssertion('javascript:alert(1)');
    expect(r.reason).to.equal('blocked-url');
  });

  describe('an issuer the browser cannot reach', () => {
    const closed = 'http://127.0.0.1:9/assertions/1';

    it('without a backend: unreachable, saying why', async () => {
      const r = await verifyHostedAssertion(closed);
      expect(r.reason).to.equal('unreachable');
      expect(r.detail).to.contain('127.0.0.1:9');
      expect(r.detail).to.contain('no community server');
    });

    it('falls back to the backend verifyAssertion, passing url and identity', async () => {
      const calls: unknown[] = [];
      const fromServer: VerificationResult = {
        verified: true, reason: null, detail: null, assertionUrl: closed, badgeName: 'Server Badge', imageUrl: null,
        issuerName: 'Server Issuer', recipientName: null, issuedOn: '2026-01-01T00:00:00.000Z', expires: null,
        checks: [{ name: 'issuer', ok: true, detail: 'Server Issuer' }],
      };
      const r = await verifyHostedAssertion(closed, {
        identity: ALICE,
        fallback: async (req) => {
          calls.push(req);
          return fromServer;
        },
      });
      expect(calls).to.deep.equal([{ url: closed, identity: ALICE }]);
      expect(r.verified).to.equal(true);
      expect(r.badgeName).to.equal('Server Badge');
      expect(r.checks[0]).to.include({ name: 'fetched by the community server', ok: true });
    });

    it('an issuer without CORS headers also falls back', async () => {
      // Same server, other origin (127.0.0.1 vs localhost): the browser refuses the response.
      const other = new URL(location.href);
      other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
      const url = `${other.origin}/issuer/nocors/assertion`;
      let asked = '';
      const r = await verifyHostedAssertion(url, { fallback: async (req) => ((asked = req.url), { ...emptyOk(url) }) });
      expect(asked).to.equal(url);
      expect(r.verified).to.equal(true);
    });

    it('when the backend fails too: unreachable', async () => {
      const r = await verifyHostedAssertion(closed, { fallback: async () => Promise.reject(new Error('503 from server')) });
      expect(r.reason).to.equal('unreachable');
      expect(r.detail).to.contain('503 from server');
    });
  });

  it('fetches a badge class and issuer shared by several assertions once, the assertion every time', async () => {
    // A name of its own (any `valid-*` case is valid), so no earlier test has warmed the shared cache;
    // counts are compared before and after because another test file may use the fake issuer meanwhile.
    const name = `valid-shared-${Date.now()}`;
    const counts = async () => {
      const all: Record<string, number> = await (await fetch('/issuer/__log')).json();
      return ['assertion', 'badge', 'profile'].map((d) => all[`/issuer/${name}/${d}`] ?? 0);
    };
    const before = await counts();
    const [a, b] = await Promise.all([verifyHostedAssertion(at(name)), verifyHostedAssertion(at(name))]);
    const c = await verifyHostedAssertion(at(name));
    expect([a.verified, b.verified, c.verified]).to.deep.equal([true, true, true]);
    const after = await counts();
    expect(after.map((n, i) => n - before[i])).to.deep.equal([3, 1, 1]);
  });

  it('rejects with AbortError when the caller aborts', async () => {
    const ac = new AbortController();
    const p = verifyHostedAssertion(at('valid'), { signal: ac.signal });
    ac.abort();
    let name = '';
    await p.catch((e: Error) => (name = e.name));
    expect(name).to.equal('AbortError');
  });
});

function emptyOk(url: string): VerificationResult {
  return { verified: true, reason: null, detail: null, assertionUrl: url, badgeName: 'X', imageUrl: null, issuerName: 'Y', recipientName: null, issuedOn: null, expires: null, checks: [] };
}
