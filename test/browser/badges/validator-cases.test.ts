// The 1EdTech validator's cases (test/fixtures/openbadges/cases.json) through the browser's verifier.
// test/server/openbadges-cases.test.ts runs the same table through POST /v1/verify: same verdicts.
import { expect } from '@open-wc/testing';
import type { VerificationResult } from '../../../src/contract/certifications.js';
import { verifyHostedAssertion } from '../../../src/elements/cert-badge/parts/verify-assertion.js';
import type { ObCase } from '../../support/ob-cases.d.mts';

const cases: ObCase[] = await (await fetch('/ob-cases/__table')).json();
const verdict = (r: VerificationResult) => ({ verified: r.verified, reason: r.reason, failed: r.checks.filter((c) => !c.ok).map((c) => c.name) });
const byName = (name: string) => cases.find((c) => c.name === name)!;

describe('Open Badges 2.0: the validator’s cases in the browser', () => {
  it('has the whole table', () => {
    expect(cases.length).to.be.greaterThan(40);
  });

  for (const c of cases) {
    it(`${c.name} (${c.source})`, async () => {
      const r = await verifyHostedAssertion(c.url, { identity: c.identity });
      expect(verdict(r), `${c.what} ${r.detail ?? ''}`).to.deep.equal(c.expect);
    });
  }

  it('a forged embedded issuer does not vouch for its own host: the issuer is fetched from its id', async () => {
    const c = byName('confab/forged-embedded-issuer');
    const r = await verifyHostedAssertion(c.url);
    expect(r.verified).to.equal(false);
    expect(r.reason).to.equal('outside-policy');
    expect(r.checks.find((k) => k.name === 'badge class')!.detail).to.contain('embedded; fetched from its id');
    expect(r.checks.find((k) => k.name === 'verification policy')).to.include({ ok: false });
  });
});
