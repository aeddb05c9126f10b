import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityBackend } from '../backends/types.js';
import { persistentBackendId, runtimeBackendId } from './backend-id.js';
import { dropMemoryCache, peekCache, readCache, writeCache } from './cache.js';
import { currentIdentity, lastIdentity, previousIdentity } from './identity.js';
import { getIdentityEpoch, getOptions } from './config.js';
import { OfflineError, isAbort, toConfabError, type ConfabError } from './errors.js';
import { emit } from './events.js';

/** Where a resource is: nothing asked, fetching, a value to show, or a failure to show. */
export type ResourceStatus = 'idle' | 'loading' | 'ready' | 'error';

/** How a ResourceController finds its data. Functions are read on every host update. */
export interface ResourceOptions<T> {
  /** The backend to ask; usually `() => this.backendCtl.backend`. Undefined means idle. */
  backend: () => CommunityBackend | undefined;
  /**
   * Identifies the data, e.g. `thread:${id}`. Null means idle. Same backend id + key = same data, so
   * requests are shared between elements and cached under it. Include every argument of `fetch`.
   */
  key: () => string | null;
  /** Fetches the data. Pass `signal` to the backend call; the controller aborts it when no longer wanted. */
  fetch: (backend: CommunityBackend, signal: AbortSignal) => Promise<T>;
  /**
   * Serve cached data first and store results (memory + IndexedDB), partitioned by the signed-in
   * partner (identity.ts). Default true. Backends without an `id` are cached in memory only.
   * `'partner'`: only in a partition a token names (never `'anon'`), for answers that say who is signed
   * in: without `getToken` (a provider swapping clients, a cookie session) every partner shares `'anon'`.
   */
  cache?: boolean | 'partner';
  /**
   * With `cache: 'partner'`: true for an answer that names nobody (`me` saying nobody is signed in). Where
   * the page's `getToken` answered no token, such answers are also cached in the shared anonymous
   * partition, so a signed-out visitor's return shows the signed-out state at once; that partition is
   * only ever written, and read back, for them. Without `getToken` it is never used.
   */
  namesNobody?: (value: T) => boolean;
  /** Keep showing the previous key's value while a new key loads (e.g. search results). Default false. */
  keepPrevious?: boolean;
  /**
   * Names the data for the host page, e.g. `'threads'`. With it the controller fires `confab-load`
   * (`{ what }`) from its host each time a fetch brought fresh data, and `confab-error`
   * (`{ error, status }`) each time one failed, also when cached data is shown offline. A local
   * `mutate()` is not a load. Without it the controller fires nothing.
   */
  what?: string;
  /** A fetch brought fresh data (not a `mutate()`). Called after the host rendered it, after `confab-load`. */
  onFresh?: (value: T) => void;
  /** A fetch failed (an abort the controller asked for is not a failure). Called after the host rendered it, after `confab-error`. */
  onError?: (error: ConfabError) => void;
}

// ----- in-flight deduplication, shared by every controller on the page -----

interface Flight {
  promise: Promise<unknown>;
  abort: AbortController;
  refs: number;
  settled: boolean;
}
const flights = new Map<string, Flight>();

function join(key: string, start: (signal: AbortSignal) => Promise<unknown>, fresh: boolean): Flight {
  let f = flights.get(key);
  if (!f || fresh) {
    const abort = new AbortController();
    const flight: Flight = { abort, refs: 0, settled: false, promise: Promise.resolve() };
    let started: Promise<unknown>;
    try {
      started = start(abort.signal);
    } catch (e) {
      // A fetch function that throws instead of rejecting must still end in an error state.
      started = Promise.reject(e);
    }
    flight.promise = started.finally(() => {
      flight.settled = true;
      if (flights.get(key) === flight) flights.delete(key);
    });
    // Subscribers handle rejections; this stops an abandoned flight's rejection being reported as unhandled.
    flight.promise.catch(() => {});
    flights.set(key, (f = flight));
  }
  f.refs++;
  return f;
}

function leave(key: string, f: Flight): void {
  // Abort only when every subscriber gave up: another element may still want the answer.
  if (--f.refs > 0 || f.settled) return;
  f.abort.abort();
  if (flights.get(key) === f) flights.delete(key);
}

// Controllers on the same key, so mutate() and fresh results reach all of them.
const peers = new Map<string, Set<ResourceController<unknown>>>();

/**
 * Loads data for a Lit element: stale-while-revalidate from the cache, one shared request per key,
 * abort when the key changes. Renders nothing; the element reads its fields in `render()`. With
 * `what` it fires the `confab-load` / `confab-error` pair itself, and `onFresh` / `onError` let the
 * element react to the same moments (as `@lit/task`'s `onComplete` / `onError` do).
 *
 * Field meanings:
 * - `status: 'ready'` means `value` is there to show. When a revalidation failed because the
 *   network is down and cached data is shown, status stays `'ready'` with `offline` and `stale` true
 *   and `error` holding the OfflineError. Any other failure sets `'error'` (keeping a stale `value`).
 *
 * @example
 * private thread = new ResourceController(this, {
 *   backend: () => this.backendCtl.backend,
 *   key: () => (this.threadId ? `thread:${this.threadId}` : null),
 *   fetch: (b, signal) => b.getThread(this.threadId!, { signal }),
 *   what: 'thread',
 * });
 */
export class ResourceController<T> implements ReactiveController {
  /** Where the resource is. */
  status: ResourceStatus = 'idle';
  /** The data to show, fresh or (when `stale`) from the cache. */
  value: T | undefined = undefined;
  /** Why the last attempt failed, if it did. */
  error: ConfabError | undefined = undefined;
  /** True while `value` comes from the cache and has not been confirmed by the backend. */
  stale = false;
  /** When `value` was fetched (ms since epoch), fresh or cached. */
  savedAt: number | undefined = undefined;
  /** True when the last attempt failed with an OfflineError and cached data is shown instead. */
  offline = false;

  private fullKey: string | null | undefined = undefined; // undefined: never resolved yet
  private backendNow: CommunityBackend | undefined;
  // Who the data was loaded for: the sign-in epoch (config.ts) and the backend object. Either changing
  // means another partner may be asking (a new getToken, a provider handed another client), so the
  // controller reloads and shows nothing of the previous partner's meanwhile.
  private epoch = -1;
  private backendSeen: CommunityBackend | undefined;
  private flight?: Flight;
  private flightKey = '';
  private gen = 0;
  private connected = false;
  // Which key `value` belongs to: with keepPrevious it may still be the previous key's.
  private valueKey: string | null | undefined;
  // What the last fetch did, told (event, then hook) once the host has rendered it: null is fresh data.
  private outcome: ConfabError | null | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: ResourceOptions<T>,
  ) {
    host.addController(this);
  }

  /** Called by Lit before each render: starts a load when the backend or key changed. */
  hostUpdate(): void {
    const backend = this.options.backend();
    const key = backend ? this.options.key() : null;
    const fullKey = backend && key !== null ? `${runtimeBackendId(backend)}|${key}` : null;
    this.backendNow = backend;
    const epoch = getIdentityEpoch();
    const identityChanged =
      this.fullKey !== undefined && (epoch !== this.epoch || (backend !== undefined && this.backendSeen !== undefined && backend !== this.backendSeen));
    this.epoch = epoch;
    if (backend) this.backendSeen = backend;
    if (fullKey === this.fullKey && !identityChanged) return;
    this.switchTo(fullKey, identityChanged);
  }

  /** After the host rendered a fetch's outcome: the event for the host page, then the element's hook. */
  hostUpdated(): void {
    const error = this.outcome;
    if (error === undefined) return;
    this.outcome = undefined;
    const { what, onFresh, onError } = this.options;
    if (what !== undefined) {
      if (error) emit(this.host, 'confab-error', { error, status: error.status });
      else emit(this.host, 'confab-load', { what });
    }
    if (error) onError?.(error);
    else onFresh?.(this.value as T);
  }

  hostConnected(): void {
    this.connected = true;
    // Reconnected after a real disconnect: load again on the next update.
    if (this.fullKey === undefined) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    // A DOM move (remove + insert in one task, e.g. a re-ordered list) must not abort and refetch:
    // give up the request only if the host is still disconnected at the next microtask checkpoint.
    queueMicrotask(() => {
      if (this.connected) return;
      this.release();
      this.fullKey = undefined;
      this.gen++;
    });
  }

  /**
   * Fetches the current key again, keeping the value on screen meanwhile. Always sends a new request
   * (an in-flight one may predate the write that prompted the refresh); controllers that mount
   * afterwards share it.
   */
  refresh(): Promise<void> {
    if (!this.fullKey || !this.backendNow) return Promise.resolve();
    this.status = this.valueKey === this.fullKey && this.value !== undefined ? this.status : 'loading';
    this.host.requestUpdate();
    return this.load(++this.gen, true);
  }

  /**
   * Replaces the value locally (e.g. after a write the element made) and in the cache, for every
   * controller showing this key.
   */
  mutate(value: T): void {
    if (!this.fullKey) return;
    const entry = { value, savedAt: Date.now() };
    const who = this.partition(lastIdentity(), value);
    if (this.cacheOn() && who) void writeCache(`${who}|${this.fullKey}`, value, { persist: this.persist(), savedAt: entry.savedAt });
    for (const c of peers.get(this.fullKey) ?? [this as ResourceController<unknown>]) c.applyFresh(entry);
  }

  // ----- internals -----

  private cacheOn(): boolean {
    return this.options.cache !== false;
  }

  /**
   * The partition to cache `value` under (or, without a value, to look in), if any: `'partner'` caching
   * skips the shared anonymous one, except for values that name nobody.
   */
  private partition<I extends string | null | undefined>(id: I, value?: T): I | undefined {
    if (this.options.cache !== 'partner' || id !== 'anon') return id;
    const { namesNobody } = this.options;
    // Only where the page's token provider said nobody is signed in. Without one (a cookie session, a
    // provider's own client, or getToken still to come) 'anon' holds every partner, signed in or not:
    // a signed-out answer cached there would show a signed-in partner "Sign in" on every return.
    if (!namesNobody || !getOptions().getToken) return undefined;
    return value === undefined || namesNobody(value) ? id : undefined;
  }

  /** A cached entry may be shown: in the anonymous partition of `'partner'` caching, only one that names nobody. */
  private showable(id: string, value: T): boolean {
    return this.partition(id, value) !== undefined;
  }

  /** IndexedDB is used only for backends with a stable `id`; anonymous ones are cached in memory only. */
  private persist(): boolean {
    return !!this.backendNow && persistentBackendId(this.backendNow) !== 'default';
  }

  private switchTo(fullKey: string | null, identityChanged = false): void {
    this.release();
    this.fullKey = fullKey;
    const gen = ++this.gen;
    this.outcome = undefined; // the previous key's, not rendered: nobody saw it
    this.error = undefined;
    this.offline = false;
    this.stale = false;
    // keepPrevious keeps one key's data while the next loads, never one partner's data for another.
    if (!this.options.keepPrevious || fullKey === null || identityChanged) {
      this.value = undefined;
      this.savedAt = undefined;
      this.valueKey = undefined;
    }
    if (fullKey === null) {
      this.status = 'idle';
      return;
    }
    let set = peers.get(fullKey);
    if (!set) peers.set(fullKey, (set = new Set()));
    set.add(this as ResourceController<unknown>);
    this.status = 'loading';
    // Memory hit: show it in this very render (under the partner seen last; see identity.ts).
    const who = identityChanged ? undefined : this.partition(lastIdentity());
    const hit = this.cacheOn() && who ? peekCache<T>(`${who}|${fullKey}`) : undefined;
    if (hit && this.showable(who!, hit.value)) this.showStale(hit.value, hit.savedAt);
    void this.load(gen, false);
  }

  private showStale(value: T, savedAt: number): void {
    this.valueKey = this.fullKey;
    this.value = value;
    this.savedAt = savedAt;
    this.stale = true;
    // The request may already have failed (IndexedDB can answer after it): offline with data is 'ready'.
    this.offline = this.error instanceof OfflineError;
    this.status = this.error && !this.offline ? 'error' : 'ready';
  }

  private async load(gen: number, fresh: boolean): Promise<void> {
    const fullKey = this.fullKey!;
    const backend = this.backendNow!;
    // Whose cache: resolved alongside the request, never delaying it. Null: do not cache.
    const who: Promise<string | null> = this.cacheOn() ? identity().then((id) => this.partition(id) ?? null) : Promise.resolve(null);
    // Look in IndexedDB while the request is already on its way.
    if (this.cacheOn() && this.valueKey !== fullKey) {
      let id: string | null = null;
      void who
        .then((w) => ((id = w) ? readCache<T>(`${w}|${fullKey}`, { persist: this.persist() }) : undefined))
        .then((entry) => {
          if (entry && gen === this.gen && (this.valueKey !== fullKey || this.stale) && this.showable(id!, entry.value)) {
            this.showStale(entry.value, entry.savedAt);
            this.host.requestUpdate();
          }
        });
    }
    if (this.flight) leave(this.flightKey, this.flight);
    // Requests are shared per sign-in epoch: one sent with the previous partner's token answers for them.
    const flightKey = (this.flightKey = `${this.epoch}|${fullKey}`);
    const flight = (this.flight = join(flightKey, (signal) => this.options.fetch(backend, signal), fresh));
    try {
      const value = (await flight.promise) as T;
      if (gen !== this.gen) return;
      this.flight = undefined;
      const entry = { value, savedAt: Date.now() };
      this.outcome = null;
      this.applyFresh(entry);
      const w = await who;
      const id = w && this.partition(w, value);
      // Only the flight's first finisher writes the cache; the others just show the value.
      if (id && peekCache(`${id}|${fullKey}`)?.value !== value) {
        void writeCache(`${id}|${fullKey}`, value, { persist: this.persist(), savedAt: entry.savedAt });
      }
    } catch (e) {
      if (gen !== this.gen) return;
      this.flight = undefined;
      // We aborted it because nobody wanted it any more: silent by design. An abort we did not ask
      // for (a backend's own) is a failure like any other, or the element would spin forever.
      if (isAbort(e) && flight.abort.signal.aborted) return;
      const error = toConfabError(e);
      this.error = error;
      this.outcome = error;
      // Offline with this key's own cached data: still worth showing. A previous key's data is not.
      if (error instanceof OfflineError && this.valueKey === fullKey) {
        this.offline = true;
        this.stale = true;
        this.status = 'ready';
      } else {
        this.offline = false;
        this.status = 'error';
      }
      this.host.requestUpdate();
    }
  }

  private applyFresh(entry: { value: unknown; savedAt: number }): void {
    this.valueKey = this.fullKey;
    this.value = entry.value as T;
    this.savedAt = entry.savedAt;
    this.stale = false;
    this.offline = false;
    this.error = undefined;
    this.status = 'ready';
    this.host.requestUpdate();
  }

  private release(): void {
    const key = this.fullKey;
    if (!key) return;
    const set = peers.get(key);
    set?.delete(this as ResourceController<unknown>);
    if (set && set.size === 0) peers.delete(key);
    if (this.flight) leave(this.flightKey, this.flight);
    this.flight = undefined;
  }
}

/** The current partner's cache partition; a new partner drops the in-memory layer of the previous one. */
async function identity(): Promise<string | null> {
  const before = previousIdentity();
  const id = await currentIdentity();
  if (before !== undefined && id !== before) dropMemoryCache();
  return id;
}

/** Test hook: forgets in-flight requests (without aborting them) and peers. */
export function _resetResourcesForTests(): void {
  flights.clear();
  peers.clear();
}
