// Its own page: nothing here may import core/markdown statically, so the lazy load can be observed.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { markdown } from '../../../src/core/markdown-directive.js';
import { waitFor } from './wait.js';

const fetched = (part: string) => performance.getEntriesByType('resource').some((e) => e.name.includes(part));

class LazyMdHost extends LitElement {
  static override properties = { body: {} };
  declare body: string;
  protected override render() {
    return html`<div>${markdown(this.body)}</div>`;
  }
}
customElements.define('core-lazy-md-host', LazyMdHost);

describe('markdown() loads the renderer lazily', () => {
  it('fetches marked and DOMPurify only when a body is shown, showing plain text meanwhile', async () => {
    expect(fetched('/src/core/markdown.ts'), 'not loaded up front').to.equal(false);
    expect(fetched('dompurify'), 'DOMPurify not loaded up front').to.equal(false);
    expect(fetched('marked'), 'marked not loaded up front').to.equal(false);

    const el = await fixture<LazyMdHost>(html`<core-lazy-md-host .body=${'**bold** <img src=x onerror=alert(1)>'}></core-lazy-md-host>`);
    const div = el.shadowRoot!.querySelector('div')!;
    expect(div.textContent, 'plain text first, as text').to.equal('**bold** <img src=x onerror=alert(1)>');
    expect(div.querySelector('img')).to.equal(null);

    await waitFor(() => div.querySelector('strong'), 'rendered once the chunk arrived');
    expect(div.querySelector('img')).to.equal(null);
    expect(fetched('/src/core/markdown.ts')).to.equal(true);
    expect(fetched('dompurify') && fetched('marked'), 'the names checked above are the ones fetched').to.equal(true);
  });
});
