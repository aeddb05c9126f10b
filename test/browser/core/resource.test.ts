import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait.js';
import { LitElement } from 'lit';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { _clearMemoryCacheForTests, pruneCache, readCache, writeCache } from '../../../src/core/cache.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { OfflineError } from '../../../src/core/errors.js';
import { _resetIdentityForTests, identityOf } from '../../../src/core/identity.js';
import { ResourceController, _resetResourcesForTests } from '../../../src/core/resource.js';
import { abortable, deferred, fakeBackend } from './fake-backend.js';

/** A host element whose controller fetches `backend.getThread(key)`. */
class ResourceHost extends LitElement {
  static override properties = { backend: { attribute: false }, key: {}, keepPrevious: { type: Boolean } };
  declare backend: CommunityBackend | undefined;
  declare key: string | null;
  declare keepPrevious: boolean;
  renders = 0;
  res: ResourceController<unknown>;
  constructor() {
    super();
    this.key = null;
    this.keepPrevious = false;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const el = this;
    this.res = new ResourceController<unknown>(this, {
      backend: () => this.backend,
      key: () => this.key ?? null,
      fetch: (b, signal) => b.getThread(this.key!, { signal }),
      get keepPrevious() {
        return el.keepPrevious;
      },
    });
  }
  protected override render() {
    this.renders++;
    return html`${this.res.status}`;
  }
}
customElements.define('core-resource-host', ResourceHost);

async function host(backend: CommunityBackend, key: string | null, keepPrevious = false): Promise<ResourceHost> {
  return fixture<ResourceHost>(html`<core-resource-host .backend=${backend} .key=${key} .keepPrevious=${keepPrevious}></core-resource-host>`);
}

describe('ResourceController', () => {
  // Keys are unique per test and other files may share the origin's cache, so nothing is cleared here.
  beforeEach(() => _resetResourcesForTests());

  it('is idle without a key or backend', async () => {
    const el = await fixture<ResourceHost>(html`<core-resource-host></core-resource-host>`);
    expect(el.res.status).to.equal('idle');
    expect(el.res.value).to.equal(undefined);
  });

  it('loads, then reports ready with a fresh value', async () => {
    const gate = deferred();
    const fake = fakeBackend('t-load', { getThread: async ([id]) => (await gate.promise, { id, title: 'Hello' }) });
    const el = await host(fake.backend, 'a');
    expect(el.res.status).to.equal('loading');
    gate.resolve(undefined);
    await waitFor(() => el.res.status === 'ready');
    expect(el.res.value).to.deep.equal({ id: 'a', title: 'Hello' });
    expect(el.res.stale).to.equal(false);
    expect(el.res.savedAt).to.be.a('number');
    expect(el.shadowRoot!.textContent).to.contain('ready');
  });

  it('makes one request for N hosts asking the same key', async () => {
    const gate = deferred();
    const fake = fakeBackend('t-dedup', { getThread: async () => gate.promise });
    const els = await Promise.all([1, 2, 3, 4, 5].map(() => host(fake.backend, 'same')));
    gate.resolve({ n: 1 });
    await waitFor(() => els.every((e) => e.res.status === 'ready'));
    expect(fake.calls.getThread.length).to.equal(1);
    for (const e of els) expect(e.res.value).to.deep.equal({ n: 1 });
  });

  it('does not share between different backend ids', async () => {
    const a = fakeBackend('t-a', { getThread: async () => 'A' });
    const b = fakeBackend('t-b', { getThread: async () => 'B' });
    const [ea, eb] = await Promise.all([host(a.backend, 'k'), host(b.backend, 'k')]);
    await waitFor(() => ea.res.status === 'ready' && eb.res.status === 'ready');
    expect([ea.res.value, eb.res.value]).to.deep.equal(['A', 'B']);
    expect(a.calls.getThread.length + b.calls.getThread.length).to.equal(2);
  });

  it('aborts the previous request when the key changes, silently', async () => {
    const signals: AbortSignal[] = [];
    const fake = fakeBackend('t-abort', {
      getThread: ([id], { signal }) => {
        signals.push(signal!);
        return id === 'first' ? abortable(signal, new Promise(() => {})) : Promise.resolve(`v-${id}`);
      },
    });
    const el = await host(fake.backend, 'first');
    expect(signals[0].aborted).to.equal(false);
    el.key = 'second';
    await el.updateComplete;
    expect(signals[0].aborted).to.equal(true);
    await waitFor(() => el.res.status === 'ready');
    expect(el.res.value).to.equal('v-second');
    expect(el.res.error).to.equal(undefined);
  });

  it('aborts a shared request only when every subscriber gave up', async () => {
    let signal: AbortSignal | undefined;
    const fake = fakeBackend('t-abort-shared', {
      getThread: ([id], o) => {
        if (id === 'shared') signal = o.signal;
        return id === 'shared' ? abortable(o.signal, new Promise(() => {})) : Promise.resolve(id);
      },
    });
    const [one, two] = await Promise.all([host(fake.backend, 'shared'), host(fake.backend, 'shared')]);
    expect(fake.calls.getThread.length).to.equal(1);
    one.key = 'other';
    await one.updateComplete;
    expect(signal!.aborted, 'still wanted by the second host').to.equal(false);
    two.remove();
    await Promise.resolve();
    expect(signal!.aborted).to.equal(true);
  });

  it('does not abort or refetch when the host is only moved in the DOM', async () => {
    let signal: AbortSignal | undefined;
    const gate = deferred();
    const fake = fakeBackend('t-move', { getThread: (_a, o) => ((signal = o.signal), abortable(o.signal, gate.promise)) });
    const el = await host(fake.backend, 'k');
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el); // remove + insert in one task
    await new Promise((r) => setTimeout(r));
    expect(signal!.aborted).to.equal(false);
    gate.resolve('v');
    await waitFor(() => el.res.status === 'ready');
    expect(fake.calls.getThread.length).to.equal(1);
    other.remove();
  });

  it('marks IndexedDB data offline even when the failure came first', async () => {
    const ok = fakeBackend('t-off-idb', { getThread: async () => 'from-idb' });
    const el1 = await host(ok.backend, 'k');
    await waitFor(() => el1.res.status === 'ready');
    el1.remove();
    await waitFor(async () => { _clearMemoryCacheForTests(); return (await readCache('anon|t-off-idb|k'))?.value === 'from-idb'; });
    _clearMemoryCacheForTests();
    _resetResourcesForTests();
    const down = fakeBackend('t-off-idb', { getThread: () => Promise.reject(new OfflineError()) });
    const el2 = await host(down.backend, 'k');
    await waitFor(() => el2.res.value === 'from-idb');
    expect(el2.res.offline).to.equal(true);
    expect(el2.res.status).to.equal('ready');
    expect(el2.res.error).to.be.instanceOf(OfflineError);
  });

  it('pruneCache() deletes old IndexedDB entries only', async () => {
    await writeCache('t-prune|old', 1, { savedAt: Date.now() - 30 * 24 * 3600e3 });
    await writeCache('t-prune|new', 2);
    _clearMemoryCacheForTests();
    expect(await pruneCache()).to.be.greaterThan(0);
    expect(await readCache('t-prune|old')).to.equal(undefined);
    expect((await readCache('t-prune|new'))?.value).to.equal(2);
  });

  it('serves stale from IndexedDB after a simulated reload, then revalidates', async () => {
    const first = fakeBackend('t-swr', { getThread: async () => ({ v: 1 }) });
    const el1 = await host(first.backend, 'thread:1');
    await waitFor(() => el1.res.status === 'ready');
    el1.remove();
    // Wait until the write reached IndexedDB, then "reload": drop every in-memory state.
    _clearMemoryCacheForTests();
    await waitFor(async () => (await readCache('anon|t-swr|thread:1'))?.value !== undefined, 'persisted');
    _clearMemoryCacheForTests();
    _resetResourcesForTests();

    const gate = deferred();
    const second = fakeBackend('t-swr', { getThread: async () => gate.promise });
    const el2 = await host(second.backend, 'thread:1');
    await waitFor(() => el2.res.value !== undefined, 'stale value shown');
    expect(el2.res.value).to.deep.equal({ v: 1 });
    expect(el2.res.stale).to.equal(true);
    expect(el2.res.savedAt).to.be.a('number');
    expect(el2.res.status).to.equal('ready');
    expect(second.calls.getThread.length, 'revalidating').to.equal(1);

    gate.resolve({ v: 2 });
    await waitFor(() => el2.res.stale === false);
    expect(el2.res.value).to.deep.equal({ v: 2 });
  });

  it('never shows one partner\'s cached data to another after a reload', async () => {
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const jwt = (sub: string) => `${b64({ alg: 'none' })}.${b64({ sub, org: 'acme', iss: 'portal' })}.sig`;
    const reload = () => {
      _clearMemoryCacheForTests();
      _resetResourcesForTests();
      _resetIdentityForTests();
    };
    try {
      configure({ getToken: () => jwt('alice') });
      const a = fakeBackend('t-who', { getThread: async () => 'alice-data' });
      const el1 = await host(a.backend, 'me');
      await waitFor(() => el1.res.value === 'alice-data');
      el1.remove();
      const aliceKey = `${identityOf(jwt('alice'))}|t-who|me`;
      expect(identityOf(jwt('alice'))).not.to.equal(identityOf(jwt('bob')));
      expect(aliceKey).not.to.contain('alice');
      await waitFor(async () => { _clearMemoryCacheForTests(); return (await readCache(aliceKey))?.value === 'alice-data'; });

      reload();
      configure({ getToken: async () => jwt('bob') });
      const gate = deferred();
      const b = fakeBackend('t-who', { getThread: async () => gate.promise });
      const el2 = await host(b.backend, 'me');
      await new Promise((r) => setTimeout(r, 50));
      expect(el2.res.value, 'nothing of alice for bob').to.equal(undefined);
      expect(el2.res.status).to.equal('loading');
      gate.resolve('bob-data');
      await waitFor(() => el2.res.value === 'bob-data');
      el2.remove();

      reload();
      configure({ getToken: () => jwt('alice') });
      const gate2 = deferred();
      const el3 = await host(fakeBackend('t-who', { getThread: async () => gate2.promise }).backend, 'me');
      await waitFor(() => el3.res.value === 'alice-data', 'alice gets her own stale data back');
      gate2.resolve('alice-2');
    } finally {
      _resetConfigForTests();
      _resetIdentityForTests();
    }
  });

  it('asks getToken once for the cache partition when N hosts mount together', async () => {
    let asked = 0;
    try {
      configure({ getToken: async () => (asked++, null) });
      const fake = fakeBackend('t-ask-once', { getThread: async () => 1 });
      const els = await Promise.all([1, 2, 3, 4].map(() => host(fake.backend, 'k')));
      await waitFor(() => els.every((e) => e.res.status === 'ready'));
      expect(asked).to.equal(1);
    } finally {
      _resetConfigForTests();
    }
  });

  it('shows cached data marked offline when revalidation finds no network', async () => {
    const ok = fakeBackend('t-off', { getThread: async () => 'cached' });
    const el1 = await host(ok.backend, 'k');
    await waitFor(() => el1.res.status === 'ready');
    el1.remove();
    _resetResourcesForTests();
    const down = fakeBackend('t-off', { getThread: async () => Promise.reject(new OfflineError()) });
    const el2 = await host(down.backend, 'k');
    await waitFor(() => el2.res.offline);
    expect(el2.res.status).to.equal('ready');
    expect(el2.res.value).to.equal('cached');
    expect(el2.res.stale).to.equal(true);
    expect(el2.res.error).to.be.instanceOf(OfflineError);
  });

  it('reports errors as ConfabErrors with no cache to fall back on', async () => {
    const fake = fakeBackend('t-err', { getThread: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const el = await host(fake.backend, 'k');
    await waitFor(() => el.res.status === 'error');
    expect(el.res.error).to.be.instanceOf(OfflineError);
    expect(el.res.offline).to.equal(false);
    expect(el.res.value).to.equal(undefined);
  });

  it('refresh() sends a new request; mutate() updates every host on the key', async () => {
    let n = 0;
    const fake = fakeBackend('t-refresh', { getThread: async () => ++n });
    const [a, b] = await Promise.all([host(fake.backend, 'k'), host(fake.backend, 'k')]);
    await waitFor(() => a.res.value === 1 && b.res.value === 1);
    await a.res.refresh();
    expect(a.res.value).to.equal(2);
    a.res.mutate(42);
    expect(a.res.value).to.equal(42);
    expect(b.res.value).to.equal(42);
    expect((await readCache('anon|t-refresh|k'))?.value).to.equal(42);
  });

  it('clears the value on a key change by default', async () => {
    const gate = deferred();
    const fake = fakeBackend('t-clear', { getThread: async ([id]) => (id === 'b' ? gate.promise : id) });
    const el = await host(fake.backend, 'a');
    await waitFor(() => el.res.value === 'a');
    el.key = 'b';
    await el.updateComplete;
    expect(el.res.status).to.equal('loading');
    expect(el.res.value).to.equal(undefined);
    el.key = null;
    await el.updateComplete;
    expect(el.res.status).to.equal('idle');
    gate.resolve('b');
  });

  it('keepPrevious shows the old value while the next key loads', async () => {
    const gate = deferred();
    const fake = fakeBackend('t-keep', { getThread: async ([id]) => (id === 'b' ? gate.promise : id) });
    const el = await host(fake.backend, 'a', true);
    await waitFor(() => el.res.value === 'a');
    el.key = 'b';
    await el.updateComplete;
    expect(el.res.status).to.equal('loading');
    expect(el.res.value).to.equal('a');
    gate.resolve('b');
    await waitFor(() => el.res.value === 'b');
  });

  it('keepPrevious never passes the previous key\'s data off as offline data', async () => {
    const fake = fakeBackend('t-keep-off', { getThread: async ([id]) => (id === 'b' ? Promise.reject(new OfflineError()) : id) });
    const el = await host(fake.backend, 'a', true);
    await waitFor(() => el.res.value === 'a');
    el.key = 'b';
    await waitFor(() => el.res.status === 'error');
    expect(el.res.offline).to.equal(false);
    expect(el.res.error).to.be.instanceOf(OfflineError);
  });

  it('ends in an error when fetch throws synchronously', async () => {
    const fake = fakeBackend('t-sync-throw', {
      getThread: () => {
        throw new Error('bad arguments');
      },
    });
    const el = await host(fake.backend, 'k');
    await waitFor(() => el.res.status === 'error');
    expect(el.res.error!.message).to.equal('bad arguments');
  });

  it('treats an abort it did not ask for as an error, not as silence', async () => {
    const fake = fakeBackend('t-foreign-abort', { getThread: async () => Promise.reject(new DOMException('gone', 'AbortError')) });
    const el = await host(fake.backend, 'k');
    await waitFor(() => el.res.status === 'error');
    expect(el.res.error).to.exist;
  });
});
