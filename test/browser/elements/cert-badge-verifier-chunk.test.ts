// The verifier is a lazy chunk (parts/verification.ts). When it cannot be fetched (offline, a deploy in
// between) the badge must say so with a retry: before the lazy-part controller, the failure rejected into
// a `void` call, the host page got an unhandled rejection, and the button stayed on "Verifying…".
// A file of its own: the module fails to load here on purpose. A module that answered with an HTTP error
// stayed failed in Chromium's module map for the rest of the page (seen here), so coming back online is
// tested with a fake import in lazy-part.test.ts, and with a dropped connection in e2e/hardening-faults.
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { MemoryBackend } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/cert-badge/define.js';
import type { ConfabCertBadge } from '../../../src/elements/cert-badge/cert-badge.js';

const VERIFIER = '/src/elements/cert-badge/parts/verification.ts';
const failVerifier = (on: boolean) => fetch(`/__fail-module?path=${encodeURIComponent(VERIFIER)}`, { method: on ? 'POST' : 'DELETE' });

const q = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const itemByName = (el: Element, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')].find((i) => i.querySelector('[part~="title"]')!.textContent!.includes(name))!;

describe('<confab-cert-badge> when the verifier chunk cannot be fetched', () => {
  const rejections: unknown[] = [];
  const onRejection = (e: PromiseRejectionEvent) => {
    rejections.push(e.reason);
    e.preventDefault();
  };
  beforeEach(() => {
    rejections.length = 0;
    addEventListener('unhandledrejection', onRejection);
  });
  afterEach(async () => {
    removeEventListener('unhandledrejection', onRejection);
    await failVerifier(false);
    _resetConfigForTests();
    _resetResourcesForTests();
  });

  it('Verify shows an error with a retry, not "Verifying…" forever, and rejects nothing into the page', async () => {
    await failVerifier(true);
    configure({ backend: new MemoryBackend({ id: `cert-chunk-${Date.now()}` }) });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-aiko"></confab-cert-badge>`);
    await waitFor(() => q(el, '[part~="item"]'), 'badges listed');
    const item = itemByName(el, 'Cloud Gateway');
    item.querySelector<HTMLButtonElement>('[part~="verify"]')!.click();
    await waitFor(() => item.querySelector('[part~="error"]'), 'the failure is shown');
    const button = item.querySelector<HTMLButtonElement>('[part~="verify"]')!;
    expect(button.textContent).to.not.contain('Verifying');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(item.querySelector('[part~="error"]')!.getAttribute('role')).to.equal('alert');
    await new Promise((r) => setTimeout(r, 50));
    expect(rejections, 'no unhandled rejection reaches the host page').to.deep.equal([]);

    // "Try again" while it still cannot be fetched fails the same way, again without a stuck button.
    item.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitFor(() => !item.querySelector<HTMLButtonElement>('[part~="verify"]')!.textContent!.includes('Verifying'), 'not stuck on Verifying…');
    await waitFor(() => item.querySelector('[part~="error"] [part~="retry"]'), 'the failure is shown again, with its retry');
    expect(rejections).to.deep.equal([]);
  });

  it('a hosted assertion whose verifier cannot be fetched shows an error panel with a retry instead of loading forever', async () => {
    await failVerifier(true);
    configure({ backend: new MemoryBackend({ id: `cert-chunk-a-${Date.now()}` }) });
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge assertion="/issuer/valid/assertion"></confab-cert-badge>`);
    await waitFor(() => q(el, '[part~="error"]'), 'an error panel');
    expect(q(el, '[aria-busy="true"]'), 'no longer loading').to.equal(null);
    expect(q(el, '[part~="retry"]')).to.exist;
    expect(rejections).to.deep.equal([]);
  });
});
