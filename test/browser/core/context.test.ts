import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait.js';
import { LitElement } from 'lit';
import { _resetConfigForTests, configure, getBackend, getOptions, onConfigChange, setRestFactory } from '../../../src/core/config.js';
import { BackendController } from '../../../src/core/context.js';
import { ConfabProvider } from '../../../src/core/provider.js';
import { fakeBackend } from './fake-backend.js';
import { withWarnings } from '../warnings.js';

class BackendHost extends LitElement {
  ctl = new BackendController(this);
  renders = 0;
  protected override render() {
    this.renders++;
    return html`${(this.ctl.backend as { id?: string } | undefined)?.id ?? 'none'}`;
  }
}
customElements.define('core-backend-host', BackendHost);
ConfabProvider.define();

const idOf = (el: BackendHost) => (el.ctl.backend as { id?: string } | undefined)?.id;

describe('configure()', () => {
  afterEach(() => _resetConfigForTests());

  it('merges options and notifies listeners until they unsubscribe', () => {
    const seen: unknown[] = [];
    const off = onConfigChange((o) => seen.push(o.locale));
    configure({ locale: 'de' });
    configure({ theme: 'dark' });
    off();
    configure({ locale: 'fr' });
    expect(seen).to.deep.equal(['de', 'de']);
    expect(getOptions()).to.include({ locale: 'fr', theme: 'dark' });
  });

  it('builds a RestBackend for api lazily through the factory, once, with a live getToken', async () => {
    let built = 0;
    let tokenFn: ((o?: { forceRefresh?: boolean }) => unknown) | undefined;
    setRestFactory(({ api, getToken }) => {
      built++;
      tokenFn = getToken;
      return fakeBackend(api).backend;
    });
    configure({ api: 'https://x.example/api' });
    expect(built).to.equal(0);
    expect((getBackend() as { id?: string }).id).to.equal('https://x.example/api');
    getBackend();
    expect(built).to.equal(1);
    expect(await tokenFn!()).to.equal(null);
    // A token provider set later reaches the client already built, without a rebuild.
    configure({ getToken: ({ forceRefresh } = {}) => (forceRefresh ? 'jwt-2' : 'jwt-1') });
    getBackend();
    expect(built).to.equal(1);
    expect(await tokenFn!()).to.equal('jwt-1');
    expect(await tokenFn!({ forceRefresh: true })).to.equal('jwt-2');
    configure({ api: 'https://y.example/api' });
    expect((getBackend() as { id?: string }).id).to.equal('https://y.example/api');
    expect(built).to.equal(2);
  });

  it('prefers an explicit backend and returns undefined without any', () => {
    expect(getBackend()).to.equal(undefined);
    configure({ api: 'https://x.example/api' });
    expect(getBackend(), 'no factory registered').to.equal(undefined);
    const fake = fakeBackend('explicit');
    configure({ backend: fake.backend });
    expect(getBackend()).to.equal(fake.backend);
  });

  it('warns about an unknown theme and falls back to auto', async () => {
    const warnings = await withWarnings(() => configure({ theme: 'purple' as never }));
    expect(warnings.length).to.equal(1);
    expect(getOptions().theme).to.equal('auto');
  });

  it('tells listeners when the REST factory arrives after configure({ api })', () => {
    configure({ api: 'https://late.example/api' });
    let heard = 0;
    onConfigChange(() => heard++);
    setRestFactory(({ api }) => fakeBackend(api).backend);
    expect(heard).to.equal(1);
    expect((getBackend() as { id?: string }).id).to.equal('https://late.example/api');
  });

  it('never writes the token to storage', async () => {
    configure({ getToken: () => 'secret-token-123' });
    expect(JSON.stringify({ ...localStorage })).not.to.contain('secret-token-123');
    expect(JSON.stringify({ ...sessionStorage })).not.to.contain('secret-token-123');
  });
});

describe('BackendController and <confab-provider>', () => {
  afterEach(() => _resetConfigForTests());

  it('falls back to the global backend and follows configure()', async () => {
    configure({ backend: fakeBackend('global-1').backend });
    const el = await fixture<BackendHost>(html`<core-backend-host></core-backend-host>`);
    expect(idOf(el)).to.equal('global-1');
    configure({ backend: fakeBackend('global-2').backend });
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('global-2');
  });

  it('lets a provider override the global backend for its subtree only', async () => {
    configure({ backend: fakeBackend('global').backend });
    const local = fakeBackend('local').backend;
    const root = await fixture(html`<div>
      <confab-provider .backend=${local}><section><core-backend-host id="in"></core-backend-host></section></confab-provider>
      <core-backend-host id="out"></core-backend-host>
    </div>`);
    const inside = root.querySelector<BackendHost>('#in')!;
    const outside = root.querySelector<BackendHost>('#out')!;
    await waitFor(() => idOf(inside) === 'local');
    expect(idOf(outside)).to.equal('global');
    expect(getComputedStyle(root.querySelector('confab-provider')!).display).to.equal('contents');

    const provider = root.querySelector('confab-provider')!;
    provider.backend = fakeBackend('local-2').backend;
    await waitFor(() => inside.shadowRoot!.textContent === 'local-2', 'host re-rendered');
  });

  it('a nested provider without a backend passes the outer one through; with one, it wins', async () => {
    configure({ backend: fakeBackend('global').backend });
    const outer = fakeBackend('outer').backend;
    const root = await fixture(html`<confab-provider .backend=${outer}>
      <confab-provider id="empty"><core-backend-host id="a"></core-backend-host></confab-provider>
      <confab-provider id="own" .backend=${fakeBackend('inner').backend}><core-backend-host id="b"></core-backend-host></confab-provider>
    </confab-provider>`);
    const a = root.querySelector<BackendHost>('#a')!;
    const b = root.querySelector<BackendHost>('#b')!;
    await waitFor(() => idOf(a) === 'outer' && idOf(b) === 'inner');
    (root as ConfabProvider).backend = fakeBackend('outer-2').backend;
    await waitFor(() => idOf(a) === 'outer-2', 'change flows through the empty provider');
    expect(idOf(b)).to.equal('inner');
  });

  it('an element moved out of its provider falls back to the page-wide backend', async () => {
    configure({ backend: fakeBackend('global').backend });
    const root = await fixture(html`<div>
      <confab-provider .backend=${fakeBackend('local').backend}><core-backend-host></core-backend-host></confab-provider>
      <section></section>
    </div>`);
    const el = root.querySelector<BackendHost>('core-backend-host')!;
    await waitFor(() => idOf(el) === 'local');
    root.querySelector('section')!.append(el);
    await waitFor(() => idOf(el) === 'global', 'no stale provider backend');
    expect(el.ctl.fromProvider).to.equal(false);
  });

  it('finds a provider that is defined after its consumer connected', async () => {
    class LateProvider extends ConfabProvider {}
    const root = await fixture(html`<core-late-provider><core-backend-host></core-backend-host></core-late-provider>`);
    const el = root.querySelector<BackendHost>('core-backend-host')!;
    expect(idOf(el)).to.equal(undefined);
    (root as ConfabProvider).backend = fakeBackend('late').backend;
    LateProvider.define('core-late-provider');
    await waitFor(() => idOf(el) === 'late');
  });

  it('builds a RestBackend from the api attribute through the factory', async () => {
    setRestFactory(({ api }) => fakeBackend(`rest:${api}`).backend);
    const root = await fixture(html`<confab-provider api="https://emea.example/api"><core-backend-host></core-backend-host></confab-provider>`);
    const el = root.querySelector<BackendHost>('core-backend-host')!;
    await waitFor(() => idOf(el) === 'rest:https://emea.example/api');
  });

  it('builds its RestBackend when the factory is registered after it upgraded', async () => {
    let root!: Element;
    await withWarnings(async () => {
      root = await fixture(html`<confab-provider api="https://later.example/api"><core-backend-host></core-backend-host></confab-provider>`);
    });
    const el = root.querySelector<BackendHost>('core-backend-host')!;
    expect(idOf(el)).to.equal(undefined);
    setRestFactory(({ api }) => fakeBackend(`rest:${api}`).backend);
    await waitFor(() => idOf(el) === 'rest:https://later.example/api');
  });

  it('define() warns instead of throwing when the tag is taken', async () => {
    class Other extends ConfabProvider {}
    const warnings = await withWarnings(() => {
      Other.define('confab-provider');
      ConfabProvider.define('confab-provider');
    });
    expect(customElements.get('confab-provider')).to.equal(ConfabProvider);
    expect(warnings.length).to.equal(1);
  });

  it('define() accepts a custom tag and registry', () => {
    const registry = new CustomElementRegistry();
    class Scoped extends ConfabProvider {}
    Scoped.define('acme-provider', registry);
    expect(registry.get('acme-provider')).to.equal(Scoped);
  });
});
