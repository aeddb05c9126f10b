import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import type { VerificationResult } from '../../../src/contract/certifications.js';
import '../../../src/elements/cert-badge/define.js';
import type { ConfabCertBadge } from '../../../src/elements/cert-badge/cert-badge.js';
import { fakeBackend } from '../core/fake-backend.js';

const at = (name: string) => `${location.origin}/issuer/${name}/assertion`;
const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (el: Element, sel: string) => q(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const settled = (el: ConfabCertBadge) =>
  waitFor(() => q(el, '[part~="verdict"]') || q(el, '[part~="error"]') || (q(el, '[part~="item"]') && !el.verify), 'verification never finished');

afterEach(() => {
  _resetConfigForTests();
  _resetResourcesForTests();
});

describe('<confab-cert-badge assertion>', () => {
  it('valid, with identity: "Verified: issued by X to Y on DATE" and confab-verified', async () => {
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${at('valid')} identity="alice@example.com" verify></confab-cert-badge>`);
    const ev = await oneEvent(el, 'confab-verified');
    expect(ev.detail.result.verified).to.equal(true);
    await settled(el);
    expect(text(el, '[part~="title"]')).to.equal('Fake Cloud Architect');
    expect(text(el, '[part~="verdict"] .verdict-title')).to.match(/^Verified: issued by Fake Issuer Academy to Alice Example on \w{3} \d{1,2}, \d{4}$/);
    expect(q<HTMLImageElement>(el, 'img[part~="image"]')!.src).to.equal(`${location.origin}/issuer/image.svg`);
    await expect(el).to.be.accessible();
  });

  it('without `verify`: shows the badge and a Verify button that verifies on demand', async () => {
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${at('valid')}></confab-cert-badge>`);
    await waitFor(() => q(el, '[part~="item"]'));
    expect(q(el, '[part~="verdict"]')).to.equal(null);
    const button = q<HTMLButtonElement>(el, '[part~="verify"]')!;
    button.focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    await oneEvent(el, 'confab-verified');
    await waitFor(() => q(el, '[part~="verdict"]'));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '[part~="verdict"]'));
    expect(text(el, '[part~="verdict"] .verdict-title')).to.match(/^Verified: issued by Fake Issuer Academy to Alice Example on /);
  });

  const cases: [string, string, RegExp, string?][] = [
    ['expired', 'Could not verify: the badge has expired', /validity period has ended/],
    ['revoked-flag', 'Could not verify: the badge was revoked', /Issued in error/],
    ['outside-policy', 'Could not verify: hosted outside the issuer’s policy', /may not be genuine/],
    ['valid', 'Could not verify: the recipient does not match', /someone other than the expected person/, 'mallory@example.com'],
    ['md5', 'Could not verify: the recipient does not match', /someone other than the expected person/, 'alice@example.com'],
  ];
  for (const [name, title, why, identity] of cases) {
    it(`${name}${identity ? ` (identity ${identity})` : ''}: "${title}"`, async () => {
      const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${at(name)} identity=${identity ?? ''} verify></confab-cert-badge>`);
      await settled(el);
      expect(text(el, '[part~="verdict"] .verdict-title')).to.equal(title);
      expect(text(el, '[part~="verdict"]')).to.match(why);
      expect(q(el, '[part~="title"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('revoked with 410: shows the failure and the reason from the issuer', async () => {
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${at('revoked-410')}></confab-cert-badge>`);
    await settled(el);
    expect(text(el, '[part~="error"]')).to.contain('Could not verify: the badge was revoked');
    expect(text(el, '[part~="error"]')).to.contain('Exam integrity review');
    await expect(el).to.be.accessible();
  });

  it('a malformed badge class names what was wrong', async () => {
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${at('malformed-badge')} verify></confab-cert-badge>`);
    await settled(el);
    expect(text(el, '[part~="error"]')).to.contain('Could not verify: the badge data is malformed');
    expect(text(el, '[part~="error"]')).to.contain('name: expected string, got 42');
  });

  it('unreachable issuer without a backend: "the issuer could not be reached", with Try again', async () => {
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion="http://127.0.0.1:9/assertions/1"></confab-cert-badge>`);
    await settled(el);
    expect(text(el, '[part~="error"]')).to.contain('Could not verify: the issuer could not be reached');
    expect(q(el, '[part~="retry"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('unreachable issuer with a backend: verified by the backend’s verifyAssertion', async () => {
    const url = 'http://127.0.0.1:9/assertions/1';
    const fake = fakeBackend('cert-fallback', {
      verifyAssertion: async ([req]) => ({
        verified: true, reason: null, detail: null, assertionUrl: (req as { url: string }).url, badgeName: 'Server-checked Badge',
        imageUrl: 'javascript:alert(1)', issuerName: 'Far Away Issuer', recipientName: 'Alice Example', issuedOn: '2026-03-01T12:00:00.000Z',
        expires: null, checks: [{ name: 'issuer', ok: true, detail: 'Far Away Issuer' }],
      }) satisfies VerificationResult,
    });
    configure({ backend: fake.backend });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${url} identity="alice@example.com" verify></confab-cert-badge>`);
    await settled(el);
    expect(fake.calls.verifyAssertion[0].args[0]).to.deep.equal({ url, identity: 'alice@example.com' });
    expect(text(el, '[part~="verdict"] .verdict-title')).to.match(/^Verified: issued by Far Away Issuer to Alice Example on Mar 1, 2026$/);
    expect(q(el, 'img'), 'a javascript: image URL is never rendered').to.equal(null);
    q<HTMLButtonElement>(el, '[part~="details"]')!.click();
    await el.updateComplete;
    expect(text(el, '[part~="checks"]')).to.contain('Fetched by the community server');
  });

  it('issuer names and badge names are plain text', async () => {
    const fake = fakeBackend('cert-xss', {
      verifyAssertion: async () => ({
        verified: true, reason: null, detail: null, assertionUrl: 'http://127.0.0.1:9/a', badgeName: '<img src=x onerror=alert(1)>',
        imageUrl: null, issuerName: '<b>Evil</b>', recipientName: null, issuedOn: null, expires: null, checks: [],
      }),
    });
    configure({ backend: fake.backend });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion="http://127.0.0.1:9/a" verify></confab-cert-badge>`);
    await settled(el);
    expect(text(el, '[part~="title"]')).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('b, img[src="x"]')).to.equal(null);
  });
});

describe('<confab-cert-badge assertion> when inputs change', () => {
  afterEach(() => {
    _resetConfigForTests();
    _resetResourcesForTests();
  });

  it('a new identity verifies again against it', async () => {
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${at('md5')} identity="bob@example.com" verify></confab-cert-badge>`);
    await settled(el);
    await waitFor(() => text(el, '.verdict-title').startsWith('Verified'));
    el.identity = 'alice@example.com';
    await waitFor(() => text(el, '.verdict-title') === 'Could not verify: the recipient does not match', 'did not re-verify');
  });

  it('turning `verify` on shows the verdict', async () => {
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion=${at('expired')}></confab-cert-badge>`);
    await waitFor(() => q(el, '[part~="item"]'));
    expect(q(el, '[part~="verdict"]')).to.equal(null);
    expect(text(el, '[part~="status"]')).to.contain('Expired');
    setTimeout(() => (el.verify = true));
    const ev = await oneEvent(el, 'confab-verified');
    expect(ev.detail.result.reason).to.equal('expired');
    await waitFor(() => text(el, '.verdict-title') === 'Could not verify: the badge has expired');
  });

  it('dark theme: verified and failed verdicts pass axe (contrast included)', async () => {
    const el = await fixture<ConfabCertBadge>(html`<div>
      <confab-cert-badge theme="dark" assertion=${at('valid')} verify></confab-cert-badge>
      <confab-cert-badge theme="dark" assertion=${at('outside-policy')} layout="list" label="Badge from a partner site" verify></confab-cert-badge>
    </div>`);
    const [a, b] = [...el.querySelectorAll<ConfabCertBadge>('confab-cert-badge')];
    await settled(a);
    await settled(b);
    expect(a.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Certification: Fake Cloud Architect');
    expect(b.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Badge from a partner site');
    await expect(el).to.be.accessible();
  });
});

describe('<confab-cert-badge person> verifying in the browser', () => {
  afterEach(() => {
    _resetConfigForTests();
    _resetResourcesForTests();
  });

  it('the issuer’s answer overrides a stale list: a badge the backend lists as active shows Revoked once verified', async () => {
    const fake = fakeBackend(`cert-stale-${Date.now()}`, {
      me: async () => ({ authenticated: false }),
      listCertifications: async () => [{
        id: 'c-1', name: 'Fake Cloud Architect', description: '', imageUrl: `${location.origin}/issuer/image.svg`, issuerName: 'Fake Issuer Academy',
        recipient: { kind: 'person', id: 'p-1', name: 'Alice Example' }, issuedOn: '2026-01-10T12:00:00.000Z', expires: null,
        revoked: false, revocationReason: null, assertionUrl: at('revoked-flag'), badgeClassUrl: `${location.origin}/issuer/revoked-flag/badge`,
      }],
    });
    configure({ backend: fake.backend });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="p-1"></confab-cert-badge>`);
    await waitFor(() => q(el, '[part~="item"]'));
    expect(text(el, '[part~="status"] span[aria-hidden="true"]')).to.equal('Active');
    q<HTMLButtonElement>(el, '[part~="verify"]')!.click();
    await waitFor(() => q(el, '[part~="verdict"]'));
    expect(text(el, '[part~="status"] span[aria-hidden="true"]')).to.equal('Revoked');
    expect(text(el, '.verdict-title')).to.equal('Could not verify: the badge was revoked');
    expect(fake.calls.verifyAssertion, 'the browser reached the issuer itself').to.equal(undefined);
  });

  it('an image that fails to load becomes the neutral placeholder', async () => {
    const fake = fakeBackend(`cert-img-${Date.now()}`, {
      me: async () => ({ authenticated: false }),
      listCertifications: async () => [{
        id: 'c-2', name: 'Broken Image Badge', description: '', imageUrl: `${location.origin}/issuer/no-such-image.png`, issuerName: 'Fake Issuer Academy',
        recipient: { kind: 'person', id: 'p-2', name: 'Bob' }, issuedOn: '2026-01-10T12:00:00.000Z', expires: null,
        revoked: false, revocationReason: null, assertionUrl: at('valid'), badgeClassUrl: `${location.origin}/issuer/valid/badge`,
      }],
    });
    configure({ backend: fake.backend });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="p-2"></confab-cert-badge>`);
    await waitFor(() => q(el, 'img.placeholder'), 'broken image not replaced');
    expect(q(el, 'img')!.hasAttribute('src')).to.equal(false);
    expect(q<HTMLAnchorElement>(el, '[part~="download"]')!.target).to.equal('_blank');
  });
});
