import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ConfabError } from '../../../src/core/errors.js';
import { emit } from '../../../src/core/events.js';

describe('emit()', () => {
  it('bubbles out of shadow roots with a typed detail', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const inner = document.createElement('span');
    outer.attachShadow({ mode: 'open' }).append(inner);
    const heard = oneEvent(outer, 'confab-error');
    const error = new ConfabError('nope', 503);
    expect(emit(inner, 'confab-error', { error, status: error.status })).to.equal(true);
    const ev = await heard;
    expect(ev.detail.status).to.equal(503);
    expect(ev.detail.error).to.equal(error);
    expect(ev.composed && ev.bubbles).to.equal(true);
    expect(ev.cancelable).to.equal(false);
  });

  it('returns false when a listener cancels a cancelable event', async () => {
    const el = await fixture<HTMLDivElement>(html`<div></div>`);
    el.addEventListener('confab-thread-open', (e) => {
      expect(e.detail.id).to.equal('t1');
      e.preventDefault();
    });
    expect(emit(el, 'confab-thread-open', { id: 't1' }, { cancelable: true })).to.equal(false);
    expect(emit(el, 'confab-article-open', { id: 'a1' }, { cancelable: true })).to.equal(true);
  });
});
