import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { CACHE_MAX_AGE_MS, clearCache, dropMemoryCache, peekCache, readCache, writeCache } from '../../../src/core/cache.js';
import { FIRST_VIEW_MS, MIRROR_BUDGET, _reloadMirrorForTests } from '../../../src/core/cache-mirror.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _resetIdentityForTests, identityOf } from '../../../src/core/identity.js';
import { ResourceController, _resetResourcesForTests } from '../../../src/core/resource.js';
import { deferred, fakeBackend } from './fake-backend.js';
import { waitFor } from './wait.js';

// core/cache-mirror.ts: the first view's cache entries, copied to localStorage so that a return visit
// shows them in its first render. Its own file (its own browser context, so its own localStorage): the
// copy is one item for the origin, and other files' writes must not fill it.

const STORAGE_KEY = 'confab:first-view';
/** A reload as far as the cache is concerned: memory dropped, the copy read again from localStorage. */
function reload(): void {
  _reloadMirrorForTests();
  dropMemoryCache();
  _resetResourcesForTests();
}
const stored = (): [string, { value: unknown; savedAt: number }][] => JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');

/** A host whose controller fetches `backend.getThread(key)` with the given cache mode. */
class MirrorHost extends LitElement {
  static override properties = { backend: { attribute: false }, key: {} };
  declare backend: CommunityBackend | undefined;
  declare key: string;
  /** What the first render saw: status and value. */
  first?: { status: string; value: unknown };
  res = new ResourceController<unknown>(this, {
    backend: () => this.backend,
    key: () => this.key,
    fetch: (b, signal) => b.getThread(this.key, { signal }),
    cache: (this.constructor as typeof MirrorHost).cacheMode,
    namesNobody: (v) => (v as { authenticated?: boolean })?.authenticated === false,
  });
  static cacheMode: boolean | 'partner' = true;
  protected override render() {
    this.first ??= { status: this.res.status, value: this.res.value };
    return html`${this.res.status}`;
  }
}
customElements.define('core-mirror-host', MirrorHost);
class PartnerHost extends MirrorHost {
  static override cacheMode = 'partner' as const;
}
customElements.define('core-mirror-partner-host', PartnerHost);

const mount = (backend: CommunityBackend, key: string, tag = 'core-mirror-host') =>
  fixture<MirrorHost>(tag === 'core-mirror-host'
    ? html`<core-mirror-host .backend=${backend} .key=${key}></core-mirror-host>`
    : html`<core-mirror-partner-host .backend=${backend} .key=${key}></core-mirror-partner-host>`);

describe('core/cache-mirror: the first view in localStorage', () => {
  // The copy takes new keys only while the page is young (FIRST_VIEW_MS after navigation start). This
  // page's age depends on how long the runner took to load it, so each test says how old it is.
  const realNow = performance.now;
  let age = 0;
  beforeEach(() => {
    _resetResourcesForTests();
    age = 0;
    performance.now = () => age;
  });
  afterEach(() => {
    performance.now = realNow;
    _resetConfigForTests();
    _resetIdentityForTests();
  });

  it('a persisted write is read back synchronously after a reload, one that is not persisted is not', async () => {
    await writeCache('m-sync|a', { n: 1 });
    await writeCache('m-sync|b', { n: 2 }, { persist: false });
    reload();
    expect(peekCache('m-sync|a')?.value, 'no await: from the copy').to.deep.equal({ n: 1 });
    expect(peekCache('m-sync|b')).to.equal(undefined);
    expect(stored().map(([k]) => k)).to.include('m-sync|a').and.not.include('m-sync|b');
  });

  it('a host shows the copy in its very first render after a reload, then revalidates', async () => {
    const first = fakeBackend('m-first', { getThread: async () => ({ v: 1 }) });
    const el1 = await mount(first.backend, 'thread:1');
    await waitFor(() => peekCache('anon|m-first|thread:1') !== undefined, 'written');
    el1.remove();
    reload();
    const gate = deferred();
    const second = fakeBackend('m-first', { getThread: async () => gate.promise });
    const el2 = await mount(second.backend, 'thread:1');
    // The partition was learnt on this page already (core/identity.ts), so the first render can use it.
    expect(el2.first, 'cached data in the first render').to.deep.equal({ status: 'ready', value: { v: 1 } });
    expect(el2.res.stale).to.equal(true);
    expect(second.calls.getThread?.length, 'revalidating').to.equal(1);
    gate.resolve({ v: 2 });
    await waitFor(() => el2.res.stale === false);
    expect(el2.res.value).to.deep.equal({ v: 2 });
    el2.remove();
    // The fresh answer replaces the copy, so the next visit starts from it; on a real reload the
    // partition is not known at the first render, and the copy arrives once getToken has answered:
    // within the same task, with no IndexedDB round trip.
    reload();
    _resetIdentityForTests();
    const get = IDBObjectStore.prototype.get;
    let idbReads = 0;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
      idbReads++;
      return get.apply(this, args);
    };
    try {
      const gate3 = deferred();
      const el3 = await mount(fakeBackend('m-first', { getThread: async () => gate3.promise }).backend, 'thread:1');
      expect(el3.first?.status).to.equal('loading');
      await waitFor(() => el3.res.value !== undefined, 'the copy shown');
      expect(el3.res.value).to.deep.equal({ v: 2 });
      expect(idbReads, 'no IndexedDB read').to.equal(0);
      gate3.resolve({ v: 3 });
    } finally {
      IDBObjectStore.prototype.get = get;
    }
  });

  it('never shows one partner\'s copied data to another after a reload', async () => {
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
    const jwt = (sub: string) => `${b64({ alg: 'none' })}.${b64({ sub, iss: 'portal' })}.sig`;
    configure({ getToken: () => jwt('alice') });
    const el1 = await mount(fakeBackend('m-who', { getThread: async () => 'alice-data' }).backend, 'me');
    const aliceKey = `${identityOf(jwt('alice'))}|m-who|me`;
    // The cache is written once the partition is known, a few microtasks after the value is shown.
    await waitFor(() => peekCache(aliceKey)?.value === 'alice-data', 'written');
    el1.remove();
    reload();
    expect(stored().map(([k]) => k)).to.include(aliceKey);

    _resetIdentityForTests();
    configure({ getToken: async () => jwt('bob') });
    const gate = deferred();
    const el2 = await mount(fakeBackend('m-who', { getThread: async () => gate.promise }).backend, 'me');
    await new Promise((r) => setTimeout(r, 50));
    expect(el2.first?.value).to.equal(undefined);
    expect(el2.res.value, 'nothing of alice for bob').to.equal(undefined);
    expect(el2.res.status).to.equal('loading');
    gate.resolve('bob-data');
    await waitFor(() => el2.res.value === 'bob-data');
  });

  it('"nobody is signed in" is copied only where getToken gave no token, and shown only there', async () => {
    const nobody = { authenticated: false };
    // A cookie session (no getToken): every partner shares 'anon', so nothing is cached there, nor copied.
    const el1 = await mount(fakeBackend('m-nobody', { getThread: async () => nobody }).backend, 'me', 'core-mirror-partner-host');
    await waitFor(() => el1.res.status === 'ready');
    await new Promise((r) => setTimeout(r, 0)); // past the microtasks in which the cache is written
    el1.remove();
    reload();
    expect(peekCache('anon|m-nobody|me'), 'not copied without getToken').to.equal(undefined);

    // getToken gave no token: the signed-out answer is copied, and the return shows it at once.
    configure({ getToken: () => null });
    const el2 = await mount(fakeBackend('m-nobody', { getThread: async () => nobody }).backend, 'me', 'core-mirror-partner-host');
    await waitFor(() => peekCache('anon|m-nobody|me') !== undefined, 'written');
    el2.remove();
    reload();
    const gate = deferred();
    const el3 = await mount(fakeBackend('m-nobody', { getThread: async () => gate.promise }).backend, 'me', 'core-mirror-partner-host');
    await waitFor(() => el3.res.value !== undefined, 'the copy shown');
    expect(el3.res.value).to.deep.equal(nobody);
    expect(el3.res.stale).to.equal(true);
    gate.resolve(nobody);

    // The same copy under a cookie session again: not shown, as IndexedDB's would not be.
    _resetConfigForTests();
    _resetIdentityForTests();
    reload();
    const gate2 = deferred();
    const el4 = await mount(fakeBackend('m-nobody', { getThread: async () => gate2.promise }).backend, 'me', 'core-mirror-partner-host');
    await new Promise((r) => setTimeout(r, 50));
    expect(el4.res.value, 'a signed-out answer is never shown to a cookie session').to.equal(undefined);
    gate2.resolve(nobody);
  });

  it('only writes of the first view add keys; later writes update keys already copied', async () => {
    await writeCache('m-late|known', 1);
    age = FIRST_VIEW_MS + 1;
    await writeCache('m-late|new', 'late');
    await writeCache('m-late|known', 2);
    reload();
    expect(peekCache('m-late|new'), 'a key first written late is not copied').to.equal(undefined);
    expect(peekCache('m-late|known')?.value, 'a copied key follows later writes').to.equal(2);
    // IndexedDB has both, as before.
    dropMemoryCache();
    expect((await readCache('m-late|new'))?.value).to.equal('late');
  });

  it('keeps the newest entries within its budget and drops the oldest', async () => {
    const big = 'x'.repeat(Math.floor(MIRROR_BUDGET / 3));
    await writeCache('m-budget|1', big);
    await writeCache('m-budget|2', big);
    await writeCache('m-budget|3', big);
    await writeCache('m-budget|too-big', 'y'.repeat(MIRROR_BUDGET));
    reload();
    expect(peekCache('m-budget|too-big'), 'larger than the whole budget').to.equal(undefined);
    expect(peekCache('m-budget|1'), 'the oldest goes').to.equal(undefined);
    expect(peekCache('m-budget|2')?.value).to.equal(big);
    expect(peekCache('m-budget|3')?.value).to.equal(big);
    expect(localStorage.getItem(STORAGE_KEY)!.length).to.be.at.most(MIRROR_BUDGET);
  });

  it('serves nothing past the cache\'s age limit, and clearCache() empties it', async () => {
    await writeCache('m-age|old', 'old', { savedAt: Date.now() - CACHE_MAX_AGE_MS - 1000 });
    await writeCache('m-age|new', 'new');
    reload();
    expect(peekCache('m-age|old')).to.equal(undefined);
    expect(peekCache('m-age|new')?.value).to.equal('new');
    await clearCache();
    expect(stored()).to.deep.equal([]);
    reload();
    expect(peekCache('m-age|new')).to.equal(undefined);
  });

  it('a failed save removes the previous visit\'s copy instead of leaving it to be served ahead of IndexedDB', async () => {
    await writeCache('m-fail|threads', 'old');
    reload();
    expect(stored().map(([k]) => k)).to.include('m-fail|threads');
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      await writeCache('m-fail|threads', 'new');
      reload();
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(localStorage.getItem(STORAGE_KEY), 'removed').to.equal(null);
    dropMemoryCache();
    expect(peekCache('m-fail|threads'), 'the older entry is not served').to.equal(undefined);
    expect((await readCache('m-fail|threads'))?.value, 'IndexedDB has the new one').to.equal('new');
  });

  it('goes on without the copy when localStorage holds something else or refuses writes', async () => {
    localStorage.setItem(STORAGE_KEY, '{"not":"a list"}');
    reload();
    expect(peekCache('m-bad|a')).to.equal(undefined);
    localStorage.setItem(STORAGE_KEY, '[["m-bad|a",{"value":1}],["m-bad|b",{"value":2,"savedAt":"soon"}]]');
    reload();
    expect(peekCache('m-bad|a'), 'no savedAt').to.equal(undefined);
    expect(peekCache('m-bad|b'), 'savedAt not a number').to.equal(undefined);
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      await writeCache('m-bad|c', 3);
      reload();
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(peekCache('m-bad|c'), 'not copied').to.equal(undefined);
    expect((await readCache('m-bad|c'))?.value, 'IndexedDB still has it').to.equal(3);
  });
});
