import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import '../../../src/elements/insights/define.js';
import type { ConfabInsights } from '../../../src/elements/insights/insights.js';

// Its own file: a part's chunk is imported once per page, so this must run before any test loads it.
// A module that answered with an HTTP error stays failed in Chromium's module map for the rest of the
// page (see cert-badge-verifier-chunk.test.ts), so recovery is lazy-part.test.ts's to test.
const PART = '/src/elements/insights/parts/panels.ts';
const fail = (on: boolean) => fetch(`/__fail-module?path=${encodeURIComponent(PART)}`, { method: on ? 'POST' : 'DELETE' });
const q = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);

describe('<confab-insights> charts chunk', () => {
  after(async () => {
    await fail(false);
    _resetConfigForTests();
  });

  it('keeps the tiles and offers a retry when the charts cannot be fetched', async () => {
    await fail(true);
    configure({ backend: new MemoryBackend({ id: 'insights-chunk', me: meFor('p-victor') }) });
    const el = await fixture<ConfabInsights>(html`<confab-insights></confab-insights>`);
    await waitFor(() => q(el, '[part~="error"]'), 'part error');
    expect(q(el, '[part~="tiles"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    expect(q(el, '[part~="error"]')!.getAttribute('role')).to.equal('alert');
    // "Try again" while it still cannot be fetched shows the failure again, not a spinner forever.
    q(el, '[part~="retry"]')!.click();
    await waitFor(() => q(el, '[part~="error"] [part~="retry"]') && !q(el, '[aria-busy="true"]'), 'the failure again, with its retry');
  });
});
