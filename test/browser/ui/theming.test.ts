import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { ConfabElement } from '../../../src/elements/confab-element.js';
import { tokens } from '../../../src/styles/tokens.js';
import { controls } from '../../../src/styles/controls.js';

/** The smallest Confab element: the themed `base` frame around one paragraph. */
class ThemedProbe extends ConfabElement {
  static override styles = [tokens, controls];
  protected override render() {
    return this.frame(litHtml`<p>Partner text</p>`);
  }
}
ThemedProbe.define('ui-themed-probe');

const colours = (el: Element) => {
  const base = el.shadowRoot!.querySelector('[part="base"]')!;
  const p = el.shadowRoot!.querySelector('p')!;
  return { text: getComputedStyle(p).color, surface: getComputedStyle(base).backgroundColor };
};

describe('theming: text colour and surface', () => {
  it('paints its own surface and the text colour that pairs with it, whatever the host colour', async () => {
    const wrap = await fixture(html`<div style="color: rgb(200, 0, 0); background: rgb(0, 0, 0)"><ui-themed-probe theme="light"></ui-themed-probe></div>`);
    const probe = wrap.querySelector('ui-themed-probe')!;
    await (probe as ThemedProbe).updateComplete;
    expect(colours(probe)).to.deep.equal({ text: 'rgb(28, 35, 48)', surface: 'rgb(255, 255, 255)' });
  });

  it('follows the host: --confab-color-text: currentColor and a transparent surface blend into the page', async () => {
    const wrap = await fixture(html`<div style="color: rgb(200, 0, 0); --confab-color-text: currentColor; --confab-color-surface: transparent">
      <ui-themed-probe theme="light"></ui-themed-probe>
    </div>`);
    const probe = wrap.querySelector('ui-themed-probe')!;
    await (probe as ThemedProbe).updateComplete;
    expect(colours(probe)).to.deep.equal({ text: 'rgb(200, 0, 0)', surface: 'rgba(0, 0, 0, 0)' });
  });
});
