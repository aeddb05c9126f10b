import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css, type CSSResultOrNative } from 'lit';
import { LazyPart, partLoader, type PartModule } from '../../../src/core/lazy-part.js';
import { OfflineError } from '../../../src/core/errors.js';
import { ConfabElement } from '../../../src/elements/confab-element.js';
import { waitFor } from './wait.js';

const partCss = css`
  .from-part {
    color: rgb(1, 2, 3);
  }
`;

interface FakeModule extends PartModule {
  readonly made: string;
}

/** A part's import that fails while `failing` is set, counting the attempts. */
function fakeImport() {
  const state = { calls: 0, failing: false };
  const load = async (): Promise<FakeModule> => {
    state.calls++;
    if (state.failing) throw new TypeError('Failed to fetch dynamically imported module');
    return { styles: [partCss], made: `module ${state.calls}` };
  };
  return { state, load };
}

let n = 0;
/** A minimal element that renders its part's status, as an element renders a retry. */
function definePartElement(loader: ReturnType<typeof partLoader<FakeModule>>) {
  const tag = `lazy-part-test-${++n}`;
  const errors: string[] = [];
  class PartElement extends ConfabElement {
    readonly lazy = new LazyPart(this, loader, { create: (m) => ({ from: m.made }), onError: (e) => errors.push(e.constructor.name) });
    override render() {
      return this.frame(html`<p class="from-part">${this.lazy.status}</p>`);
    }
  }
  customElements.define(tag, PartElement);
  return { tag, errors };
}

const colorOf = (el: LitElement) => getComputedStyle(el.shadowRoot!.querySelector('.from-part')!).color;

describe('LazyPart', () => {
  it('imports once per page for every element, adopts the part’s styles, and builds one instance per element', async () => {
    const imp = fakeImport();
    const loader = partLoader(imp.load);
    const { tag } = definePartElement(loader);
    const a = await fixture<LitElement & { lazy: LazyPart<FakeModule, { from: string }> }>(`<${tag}></${tag}>`);
    const b = await fixture<LitElement & { lazy: LazyPart<FakeModule, { from: string }> }>(`<${tag}></${tag}>`);
    expect(a.lazy.status).to.equal('idle');
    expect(colorOf(a)).to.not.equal('rgb(1, 2, 3)');
    const [va, vb] = await Promise.all([a.lazy.load(), b.lazy.load()]);
    expect(imp.state.calls, 'one import for both elements').to.equal(1);
    expect(va).to.not.equal(vb);
    expect(va).to.deep.equal({ from: 'module 1' });
    await a.updateComplete;
    expect(a.lazy.status).to.equal('ready');
    expect(a.shadowRoot!.querySelector('.from-part')!.textContent).to.equal('ready');
    expect(colorOf(a), 'the part’s styles are adopted').to.equal('rgb(1, 2, 3)');
    expect(await a.lazy.load(), 'a second load is the same instance').to.equal(va);
  });

  it('a failed import is an error state, never a rejection; it is forgotten, and `online` loads it again', async () => {
    const imp = fakeImport();
    imp.state.failing = true;
    const { tag, errors } = definePartElement(partLoader(imp.load));
    const el = await fixture<LitElement & { lazy: LazyPart<FakeModule, { from: string }> }>(`<${tag}></${tag}>`);
    expect(await el.lazy.load()).to.equal(undefined);
    expect(el.lazy.status).to.equal('error');
    expect(el.lazy.error).to.be.instanceOf(OfflineError);
    expect(errors).to.deep.equal(['OfflineError']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.from-part')!.textContent, 'the element re-rendered with the error').to.equal('error');

    // prefetch() leaves a failed part alone (a lifecycle hook calling it must not loop while offline).
    el.lazy.prefetch();
    expect(imp.state.calls).to.equal(1);

    imp.state.failing = false;
    dispatchEvent(new Event('online'));
    await waitFor(() => el.lazy.status === 'ready', 'loaded again when back online');
    expect(imp.state.calls).to.equal(2);
    expect(el.lazy.value).to.deep.equal({ from: 'module 2' });
    expect(el.lazy.error).to.equal(undefined);
    expect(colorOf(el)).to.equal('rgb(1, 2, 3)');
  });

  it('retry loads again after a failure; a removed element does not listen for `online`', async () => {
    const imp = fakeImport();
    imp.state.failing = true;
    const { tag } = definePartElement(partLoader(imp.load));
    const el = await fixture<LitElement & { lazy: LazyPart<FakeModule, { from: string }> }>(`<${tag}></${tag}>`);
    await el.lazy.load();
    el.remove();
    dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 20));
    expect(imp.state.calls, 'no retry for a removed element').to.equal(1);
    imp.state.failing = false;
    el.lazy.retry();
    await waitFor(() => el.lazy.status === 'ready', 'retry loads it');
    expect(imp.state.calls).to.equal(2);
  });

  it('the styles of several parts stack after the element’s own', async () => {
    const styles: CSSResultOrNative[] = [css`.x { color: red; }`];
    const loader = partLoader(async () => ({ styles }));
    const tag = `lazy-part-test-${++n}`;
    class TwoParts extends ConfabElement {
      static override styles = css`.own { color: blue; }`;
      readonly one = new LazyPart(this, loader, { create: () => 1 });
      readonly two = new LazyPart(this, loader, { create: () => 2 });
    }
    customElements.define(tag, TwoParts);
    const el = await fixture<TwoParts>(`<${tag}></${tag}>`);
    await Promise.all([el.one.load(), el.two.load()]);
    // The element's own sheet first, then the part's once, however many controllers loaded it.
    expect(el.shadowRoot!.adoptedStyleSheets.length).to.equal(2);
  });
});
