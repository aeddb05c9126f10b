import { expect, fixture, html, waitUntil } from '@open-wc/testing';
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
    await waitUntil(async () => (await loadDraft('d:reload')) === 'Hello world', 'debounced save', { timeout: DRAFT_DEBOUNCE_MS * 5 });
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
    const el = await fixture<DraftHost>(html`<core-draft-host .key=${'d:hide'}></core-draft-host>`);
    el.draft.update('typed just before leaving');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    await waitUntil(async () => (await loadDraft('d:hide')) === 'typed just before leaving', 'flushed', { timeout: DRAFT_DEBOUNCE_MS - 50 });
    await clearDraft('d:hide');
  });
});
