import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { BackendError } from '../../../src/core/errors.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/cert-badge/define.js';
import type { ConfabCertBadge } from '../../../src/elements/cert-badge/cert-badge.js';
import { withWarnings } from '../warnings.js';

let n = 0;
/** A fresh backend with its own id, so no cached list leaks between tests. */
function backend(opts: ConstructorParameters<typeof MemoryBackend>[0] = {}) {
  const b = new MemoryBackend({ id: `cert-test-${++n}-${Date.now()}`, ...opts });
  configure({ backend: b });
  return b;
}

const root = (el: Element) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: Element, sel: string) => root(el).querySelector<T>(sel);
const qa = <T extends Element = HTMLElement>(el: Element, sel: string) => [...root(el).querySelectorAll<T>(sel)];
const items = (el: Element) => qa(el, '[part~="item"]');
const titles = (el: Element) => qa(el, '[part~="title"]').map((t) => t.textContent!.trim());
const itemByName = (el: Element, name: string) => items(el).find((i) => i.querySelector('[part~="title"]')!.textContent!.includes(name))!;
const statusOf = (item: Element) => {
  const s = item.querySelector('[part~="status"]')!;
  return { label: s.querySelector('span[aria-hidden="true"]')!.textContent!.trim(), sr: s.querySelector('.visually-hidden')!.textContent!.trim() };
};
async function loaded(el: ConfabCertBadge) {
  await waitFor(() => items(el).length > 0 || q(el, '[part~="empty"]') || q(el, '[part~="error"]'), 'never left loading');
  await el.updateComplete;
}

afterEach(() => {
  _resetConfigForTests();
  _resetResourcesForTests();
});

describe('<confab-cert-badge> with MemoryBackend', () => {
  it('lists a person’s certifications with image, issuer and Intl dates; fires confab-load; marks first content', async () => {
    backend();
    performance.clearMarks('confab:cert-badge:first-content');
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    await oneEvent(el, 'confab-load');
    await loaded(el);
    expect(titles(el)).to.have.length(3);
    expect(titles(el)).to.include('Acme Edge Firewall Certified Engineer');
    const first = items(el)[0];
    expect(first.querySelector('img')!.getAttribute('src')).to.match(/^data:image\/svg\+xml/);
    expect(first.querySelector('[part~="meta"]')!.textContent).to.contain('Acme Partner Program');
    expect(first.querySelector('.dates')!.textContent).to.match(/Issued \w{3} \d{1,2}, \d{4}/);
    expect(performance.getEntriesByName('confab:cert-badge:first-content')).to.have.length(1);
    expect(q(el, '[part="base"]')!.getAttribute('aria-label')).to.equal('Certifications of Aiko Tanaka');
    await expect(el).to.be.accessible();
  });

  it('lists an organisation’s certifications', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge org="org-northwind" layout="list"></confab-cert-badge>`);
    await loaded(el);
    expect(titles(el)).to.have.members(['Acme Platinum Partner 2026', 'Acme Managed Security Provider']);
    expect(itemByName(el, 'Platinum').querySelector('.dates')!.textContent).to.contain('No expiry');
  });

  it('shows each status as label, icon and screen-reader sentence', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    await loaded(el);
    const expiring = statusOf(itemByName(el, 'Edge Firewall'));
    expect(expiring.label).to.equal('Expiring soon');
    expect(expiring.sr).to.match(/^Status: expiring soon, expires in 2\d days, on \w{3} \d{1,2}, \d{4}\.$/);
    const active = statusOf(itemByName(el, 'Cloud Gateway'));
    expect(active.label).to.equal('Active');
    expect(active.sr).to.match(/^Status: active, valid until /);
    expect(itemByName(el, 'Cloud Gateway').querySelector('[part~="status"] svg')).to.exist;

    el.person = 'u-lars';
    await loaded(el);
    await waitFor(() => titles(el).length === 2);
    const expired = statusOf(itemByName(el, 'Cloud Gateway'));
    expect(expired.label).to.equal('Expired');
    expect(expired.sr).to.match(/^Status: expired on /);
    expect(itemByName(el, 'Cloud Gateway').querySelector('.dates')!.textContent).to.contain('Expired ');

    el.person = 'u-priya';
    await waitFor(() => titles(el).includes('Acme Identity Specialist'));
    const revoked = statusOf(itemByName(el, 'Identity'));
    expect(revoked.label).to.equal('Revoked');
    expect(revoked.sr).to.equal('Status: revoked by the issuer. Reason: Revoked after an exam integrity review.');
    await expect(el).to.be.accessible();
  });

  for (const layout of ['card', 'list', 'compact'] as const) {
    it(`renders the ${layout} layout`, async () => {
      backend();
      const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko" layout=${layout}></confab-cert-badge>`);
      await loaded(el);
      expect(q(el, `.layout.${layout} [part~="list"]`)).to.exist;
      expect(items(el)).to.have.length(3);
      await expect(el).to.be.accessible();
    });
  }

  it('warns once about an unknown layout and falls back to card', async () => {
    backend();
    const warnings = await withWarnings(async () => {
      const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko" layout="grid"></confab-cert-badge>`);
      await loaded(el);
      el.requestUpdate();
      await el.updateComplete;
      expect(q(el, '.layout.card')).to.exist;
    });
    expect(warnings.filter((w) => w.includes('layout="grid"'))).to.have.length(1);
    expect(warnings[0]).to.contain('card, list, compact');
  });

  it('loading state: skeleton, aria-busy, accessible', async () => {
    backend({ latency: 5000 });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    expect(q(el, '[aria-busy="true"] [part~="skeleton"]')).to.exist;
    expect(q(el, '.loading')!.textContent).to.contain('Loading certifications');
    await expect(el).to.be.accessible();
  });

  it('empty state', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-kwame"></confab-cert-badge>`);
    await loaded(el);
    expect(q(el, '[part~="empty"]')!.textContent).to.contain('No certifications yet');
    await expect(el).to.be.accessible();
  });

  it('error state with a working retry', async () => {
    const b = backend({ failWith: new BackendError('boom', 503) });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    const err = await oneEvent(el, 'confab-error');
    expect(err.detail.status).to.equal(503);
    await loaded(el);
    expect(q(el, '[part~="error"]')!.textContent).to.contain('(503)');
    await expect(el).to.be.accessible();
    b.failWith = null;
    q(el, '[part~="retry"]')!.click();
    await waitFor(() => items(el).length === 3);
  });

  it('offline: shows the cached list with a notice', async () => {
    const b = backend();
    const first = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-lars"></confab-cert-badge>`);
    await loaded(first);
    first.remove();
    b.setOnline(false);
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-lars"></confab-cert-badge>`);
    await waitFor(() => q(el, '[part~="offline-notice"]'), 'no offline notice');
    expect(items(el)).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('signed out: person="me" offers sign-in and fires confab-auth-required', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="me"></confab-cert-badge>`);
    await waitFor(() => q(el, '[part~="sign-in"]'));
    expect(q(el, '[part~="empty"]')!.textContent).to.contain('Sign in to see your certifications.');
    await expect(el).to.be.accessible();
    setTimeout(() => q(el, '[part~="sign-in"]')!.click());
    const ev = await oneEvent(el, 'confab-auth-required');
    expect(ev.detail.action).to.equal('view-certifications');
  });

  it('signed in: person="me" shows your own badges, with "Add to LinkedIn"', async () => {
    backend({ me: meFor('u-aiko') });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="me"></confab-cert-badge>`);
    await loaded(el);
    expect(items(el)).to.have.length(3);
    const link = itemByName(el, 'Edge Firewall').querySelector<HTMLAnchorElement>('[part~="linkedin"]')!;
    const u = new URL(link.href);
    expect(u.origin + u.pathname).to.equal('https://www.linkedin.com/profile/add');
    expect(u.searchParams.get('startTask')).to.equal('CERTIFICATION_NAME');
    expect(u.searchParams.get('name')).to.equal('Acme Edge Firewall Certified Engineer');
    expect(u.searchParams.get('organizationName')).to.equal('Acme Partner Program');
    expect(u.searchParams.get('certUrl')).to.equal('https://community.acme.example/ob/assertions/c-aiko-firewall');
    expect(u.searchParams.get('certId')).to.equal('c-aiko-firewall');
    for (const p of ['issueYear', 'issueMonth', 'expirationYear', 'expirationMonth']) expect(u.searchParams.get(p), p).to.match(/^\d+$/);
    expect(Number(u.searchParams.get('issueMonth'))).to.be.within(1, 12);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
  });

  it('a list by id (a person, an organisation) never waits for `me`: asked only once the badges are here, then "Add to LinkedIn" on the partner’s own', async () => {
    const b = backend({ me: meFor('u-aiko') });
    const order: string[] = [];
    const { me, listCertifications } = b;
    b.me = (o) => (order.push('me'), me.call(b, o));
    b.listCertifications = (query, o) => (order.push('list'), listCertifications.call(b, query, o).then((l) => (order.push('list answered'), l)));
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    await loaded(el);
    await waitFor(() => itemByName(el, 'Edge Firewall').querySelector('[part~="linkedin"]'), 'Add to LinkedIn on her own badge');
    expect(order).to.deep.equal(['list', 'list answered', 'me']);
  });

  it('does not offer "Add to LinkedIn" on someone else’s badges', async () => {
    backend({ me: meFor('u-lars') });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    await loaded(el);
    await el.updateComplete;
    expect(q(el, '[part~="linkedin"]')).to.equal(null);
    expect(q(el, '[part~="download"]')!.getAttribute('download')).to.equal('acme-cloud-gateway-certified-associate.svg');
  });

  it('Verify: falls back to the backend, shows the verdict, moves focus to it and fires confab-verified', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    await loaded(el);
    const item = itemByName(el, 'Cloud Gateway');
    const button = item.querySelector<HTMLButtonElement>('[part~="verify"]')!;
    expect(button.textContent).to.contain('Verify');
    setTimeout(() => button.click());
    const ev = await oneEvent(el, 'confab-verified');
    expect(ev.detail.result.verified).to.equal(true);
    await el.updateComplete;
    await el.updateComplete;
    const verdict = item.querySelector<HTMLElement>('[part~="verdict"]')!;
    expect(verdict.textContent).to.match(/Verified: issued by Acme Partner Program to Aiko Tanaka on \w{3} \d{1,2}, \d{4}/);
    expect(root(el).activeElement).to.equal(verdict);
    await expect(el).to.be.accessible();
  });

  it('details disclosure: aria-expanded, keyboard toggle, Escape returns focus', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko" verify></confab-cert-badge>`);
    await loaded(el);
    await waitFor(() => qa(el, '[part~="verdict"]').length === 3, 'auto-verify did not finish');
    expect(q(el, '[part~="verify"]'), 'no Verify button with verify').to.equal(null);
    const toggle = q<HTMLButtonElement>(el, '[part~="details"]')!;
    const panel = root(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.equal(true);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(panel.hidden).to.equal(false);
    expect(panel.textContent).to.contain('Not revoked');
    expect(panel.querySelector('.visually-hidden')!.textContent).to.equal('Passed:');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(root(el).activeElement).to.equal(toggle);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
  });

  it('a recipient mismatch says so, never a bare "invalid"', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko" identity="someone@else.example" verify></confab-cert-badge>`);
    await loaded(el);
    await waitFor(() => qa(el, '[part~="verdict"]').length === 3);
    const verdict = itemByName(el, 'Cloud Gateway').querySelector('[part~="verdict"]')!;
    expect(verdict.textContent).to.contain('Could not verify: the recipient does not match');
    expect(verdict.textContent).to.contain('issued to someone other than the expected person');
    expect(verdict.textContent!.toLowerCase()).not.to.match(/\binvalid\b/);
    expect(itemByName(el, 'Cloud Gateway').querySelector('[part~="verify"]')!.textContent).to.contain('Verify again');
    await expect(el).to.be.accessible();
  });

  it('share: copy link announces "Link copied"; keyboard reaches every share control', async () => {
    backend({ me: meFor('u-aiko') });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko" layout="list"></confab-cert-badge>`);
    await loaded(el);
    const written: string[] = [];
    const clip = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void written.push(t) } });
    try {
      const item = items(el)[0];
      const copy = item.querySelector<HTMLButtonElement>('[part~="copy"]')!;
      copy.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => q(el, '[role="status"][aria-live="polite"]')!.textContent!.includes('Link copied'));
      expect(written).to.deep.equal([titles(el).length ? itemAssertion(item) : '']);
      expect(copy.textContent).to.contain('Link copied');
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement!.getAttribute('part')).to.contain('linkedin');
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement!.getAttribute('part')).to.contain('download');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (clip) Object.defineProperty(Navigator.prototype, 'clipboard', clip);
    }
  });

  it('share: without clipboard access, shows the link selected for copying by hand', async () => {
    backend();
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-lars"></confab-cert-badge>`);
    await loaded(el);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
    try {
      items(el)[0].querySelector<HTMLButtonElement>('[part~="copy"]')!.click();
      await waitFor(() => q(el, '.copy-fallback input'));
      await el.updateComplete;
      const input = q<HTMLInputElement>(el, '.copy-fallback input')!;
      expect(input.value).to.match(/^https:\/\/community\.acme\.example\/ob\/assertions\/c-[a-z-]+$/);
      expect(root(el).activeElement).to.equal(input);
      await expect(el).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
    }
  });
});

function itemAssertion(item: Element): string {
  const link = item.querySelector<HTMLAnchorElement>('[part~="linkedin"]')!;
  return new URL(link.href).searchParams.get('certUrl')!;
}
