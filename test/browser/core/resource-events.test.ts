// The ResourceController's data events: `confab-load` / `confab-error` from its host when `what` is
// set, and the `onFresh` / `onError` hooks, each told once per fetch and after the host rendered it.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { waitFor } from './wait.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { BackendError, OfflineError, type ConfabError } from '../../../src/core/errors.js';
import type { ConfabEventDetails } from '../../../src/core/events.js';
import { ResourceController, _resetResourcesForTests } from '../../../src/core/resource.js';
import { deferred, fakeBackend } from './fake-backend.js';

type Heard =
  | { kind: 'load'; detail: ConfabEventDetails['confab-load']; shown: string }
  | { kind: 'error'; detail: ConfabEventDetails['confab-error']; shown: string }
  | { kind: 'fresh'; value: unknown; shown: string }
  | { kind: 'failed'; error: ConfabError; shown: string };

/** A host whose controller fetches `backend.getThread(key)` and records what it was told, with what was on screen. */
class EventsHost extends LitElement {
  static override properties = { backend: { attribute: false }, key: {}, what: {} };
  declare backend: CommunityBackend | undefined;
  declare key: string | null;
  declare what: string | undefined;
  heard: Heard[] = [];
  res: ResourceController<unknown>;
  constructor() {
    super();
    this.key = null;
    this.what = 'thread';
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const el = this;
    this.res = new ResourceController<unknown>(this, {
      backend: () => this.backend,
      key: () => this.key ?? null,
      fetch: (b, signal) => b.getThread(this.key!, { signal }),
      get what() {
        return el.what;
      },
      onFresh: (value) => this.heard.push({ kind: 'fresh', value, shown: this.shown() }),
      onError: (error) => this.heard.push({ kind: 'failed', error, shown: this.shown() }),
    });
    this.addEventListener('confab-load', (e) => this.heard.push({ kind: 'load', detail: e.detail, shown: this.shown() }));
    this.addEventListener('confab-error', (e) => this.heard.push({ kind: 'error', detail: e.detail, shown: this.shown() }));
  }
  shown(): string {
    return this.shadowRoot?.textContent ?? '';
  }
  protected override render() {
    return html`${this.res.status}:${String(this.res.value ?? '')}`;
  }
}
customElements.define('core-resource-events-host', EventsHost);

async function host(backend: CommunityBackend, key: string, { events = true } = {}): Promise<EventsHost> {
  const what = events ? 'thread' : undefined;
  return fixture<EventsHost>(html`<core-resource-events-host .what=${what} .backend=${backend} .key=${key}></core-resource-events-host>`);
}

const kinds = (el: EventsHost) => el.heard.map((h) => h.kind);

describe('ResourceController data events', () => {
  beforeEach(() => _resetResourcesForTests());

  it('fires confab-load { what } and then onFresh once per fetch, after the host rendered the value', async () => {
    const fake = fakeBackend('ev-fresh', { getThread: async () => 'hello' });
    const el = await host(fake.backend, 'k1');
    await waitFor(() => el.heard.length === 2, 'load and fresh');
    expect(kinds(el)).to.deep.equal(['load', 'fresh']);
    const [load, fresh] = el.heard;
    expect(load.kind === 'load' && load.detail).to.deep.equal({ what: 'thread' });
    expect(fresh.kind === 'fresh' && fresh.value).to.equal('hello');
    expect(load.shown).to.equal('ready:hello');
    expect(fresh.shown).to.equal('ready:hello');
  });

  it('bubbles out of shadow roots, so the host page hears it', async () => {
    const fake = fakeBackend('ev-bubble', { getThread: async () => 'x' });
    const heard: string[] = [];
    const listener = (e: Event) => heard.push((e as CustomEvent<{ what: string }>).detail.what);
    document.addEventListener('confab-load', listener);
    try {
      await host(fake.backend, 'k-bubble');
      await waitFor(() => heard.length === 1);
      expect(heard).to.deep.equal(['thread']);
    } finally {
      document.removeEventListener('confab-load', listener);
    }
  });

  it('counts a refresh as a load, and a local mutate() as none', async () => {
    let n = 0;
    const fake = fakeBackend('ev-refresh', { getThread: async () => ++n });
    const el = await host(fake.backend, 'k2');
    await waitFor(() => el.heard.length === 2);
    el.res.mutate(42);
    await el.updateComplete;
    expect(kinds(el)).to.deep.equal(['load', 'fresh']);
    await el.res.refresh();
    await waitFor(() => el.heard.length === 4, 'the refresh told');
    expect(kinds(el)).to.deep.equal(['load', 'fresh', 'load', 'fresh']);
    expect(el.heard[3].kind === 'fresh' && el.heard[3].value).to.equal(2);
  });

  it('fires confab-error { error, status } and then onError once per failed fetch', async () => {
    const fake = fakeBackend('ev-error', { getThread: async () => Promise.reject(new BackendError('Service Unavailable', 503)) });
    const el = await host(fake.backend, 'k3');
    await waitFor(() => el.heard.length === 2, 'error and failed');
    expect(kinds(el)).to.deep.equal(['error', 'failed']);
    const [error, failed] = el.heard;
    expect(error.kind === 'error' && error.detail.status).to.equal(503);
    expect(error.kind === 'error' && error.detail.error).to.equal(el.res.error);
    expect(failed.kind === 'failed' && failed.error).to.equal(el.res.error);
    expect(error.shown).to.equal('error:');
    el.requestUpdate();
    await el.updateComplete;
    expect(el.heard).to.have.length(2);
    await el.res.refresh();
    await waitFor(() => el.heard.length === 4, 'the second failure told too');
  });

  it('reports an offline revalidation that shows cached data as an error', async () => {
    const ok = fakeBackend('ev-offline', { getThread: async () => 'cached' });
    const first = await host(ok.backend, 'k4');
    await waitFor(() => first.res.status === 'ready');
    first.remove();
    _resetResourcesForTests();
    const down = fakeBackend('ev-offline', { getThread: async () => Promise.reject(new OfflineError()) });
    const el = await host(down.backend, 'k4');
    await waitFor(() => el.heard.some((h) => h.kind === 'failed'), 'told of the failure');
    expect(kinds(el)).to.deep.equal(['error', 'failed']);
    expect(el.res.offline).to.equal(true);
    expect(el.heard[0].kind === 'error' && el.heard[0].detail.status).to.equal(0);
  });

  it('stays silent about a request it aborted because the key changed', async () => {
    const gate = deferred();
    const fake = fakeBackend('ev-abort', {
      getThread: ([id], { signal }) =>
        id === 'slow'
          ? new Promise((_res, rej) => signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError'))))
          : gate.promise.then(() => id),
    });
    const el = await host(fake.backend, 'slow');
    el.key = 'fast';
    await el.updateComplete;
    gate.resolve(undefined);
    await waitFor(() => el.heard.length === 2);
    expect(kinds(el)).to.deep.equal(['load', 'fresh']);
    expect(el.heard[1].kind === 'fresh' && el.heard[1].value).to.equal('fast');
  });

  it('without `what` fires no event but still calls the hooks', async () => {
    const fake = fakeBackend('ev-quiet', { getThread: async () => 'q' });
    const el = await host(fake.backend, 'k5', { events: false });
    await waitFor(() => el.heard.length === 1);
    expect(kinds(el)).to.deep.equal(['fresh']);
  });
});
