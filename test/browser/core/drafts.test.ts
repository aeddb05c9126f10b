import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait.js';
import { LitElement } from 'lit';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _resetIdentityForTests } from '../../../src/core/identity.js';
import { jwtFor } from './fake-backend.js';
import { DRAFT_DEBOUNCE_MS, DraftController, clearDraft, loadDraft, saveDraft } from '../../../src/core/drafts.js';

class DraftHost extends LitElement {
  static override properties = { key: {} };
  declare key: string;
  draft = new DraftController(this, () => this.key);
}
customElements.define('core-draft-host', DraftHost);

// A debounce far longer than the test: whatever gets written was written by the pagehide flush.
class SlowDraftHost extends DraftHost {
  override draft = new DraftController(this, () => this.key, { debounceMs: 60_000 });
}
customElements.define('core-slow-draft-host', SlowDraftHost);

describe('drafts', () => {
  it('save, load and clear by key', async () => {
    await saveDraft('d:plain', 'hello');
    expect(await loadDraft('d:plain')).to.equal('hello');
    await clearDraft('d:plain');
    expect(await loadDraft('d:plain')).to.equal(undefined);
    await saveDraft('d:plain', 'x');
    await saveDraft('d:plain', '');
    expect(await loadDraft('d:plain'), 'empty text clears').to.equal(undefined);
  });

  it('DraftController debounces saves and the text survives a reload', async () => {
    const el = await fixture<DraftHost>(html`<core-draft-host .key=${'d:reload'}></core-draft-host>`);
    el.draft.update('Hel');
    el.draft.update('Hello wor');
    el.draft.update('Hello world');
    expect(await el.draft.restore(), 'pending text wins').to.equal('Hello world');
    expect(await loadDraft('d:reload'), 'not written before the pause').to.equal(undefined);
    await waitFor(async () => (await loadDraft('d:reload')) === 'Hello world', 'debounced save', { timeout: DRAFT_DEBOUNCE_MS + 5000 });
    el.remove();

    // "Reload": a brand-new element and controller read it back from IndexedDB.
    const again = await fixture<DraftHost>(html`<core-draft-host .key=${'d:reload'}></core-draft-host>`);
    expect(await again.draft.restore()).to.equal('Hello world');
    await again.draft.clear();
    expect(await loadDraft('d:reload')).to.equal(undefined);
  });

  it('keeps each partner\'s drafts to that partner', async () => {
    try {
      configure({ getToken: () => jwtFor('alice') });
      _resetIdentityForTests();
      await saveDraft('d:who', 'alice typing');
      configure({ getToken: () => jwtFor('bob') });
      _resetIdentityForTests(); // a reload
      expect(await loadDraft('d:who')).to.equal(undefined);
      configure({ getToken: () => jwtFor('alice') });
      expect(await loadDraft('d:who')).to.equal('alice typing');
      await clearDraft('d:who');
    } finally {
      _resetConfigForTests();
      _resetIdentityForTests();
    }
  });

  it('flushes a pending save on pagehide', async () => {
    const el = await fixture<SlowDraftHost>(html`<core-slow-draft-host .key=${'d:hide'}></core-slow-draft-host>`);
    el.draft.update('typed just before leaving');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    await waitFor(async () => (await loadDraft('d:hide')) === 'typed just before leaving', 'flushed', { timeout: 5000 });
    await clearDraft('d:hide');
  });
});
