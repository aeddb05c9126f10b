import { clear, createStore, del, delMany, entries, get, set, type UseStore } from 'idb-keyval';
import { _forgetMirrorForTests, mirrorClear, mirrorDelete, mirrorGet, mirrorWrite } from './cache-mirror.js';

/** One cached response and when it was fetched (ms since epoch). */
export interface CacheEntry<T = unknown> {
  value: T;
  savedAt: number;
}

// Our own database: the host page may use idb-keyval's default store, and we must never touch it.
let store: UseStore | undefined;
const idb = (): UseStore => (store ??= createStore('confab', 'cache'));

/**
 * Reads and writes through `db`, a connection to the same database that the loader opened while the
 * modules loaded (auto.ts), instead of opening a second one when the first read comes: reopening after
 * a close costs more than the first open. Refused, or closed by the browser later (site data cleared),
 * the cache opens a connection of its own on its next use, as idb-keyval's createStore does.
 */
export function useCacheDatabase(db: Promise<IDBDatabase | undefined>): void {
  // Without a connection (refused) `d!` throws, and every caller here treats a throw as "no cache".
  const shared: UseStore = (mode, use) => db.then((d) => use(d!.transaction('cache', mode).objectStore('cache')));
  const drop = () => store === shared && (store = undefined);
  store ??= shared;
  void db.then((d) => (d ? (d.onclose = drop) : drop()));
}

// The in-memory layer answers synchronously so a remount renders cached data in its first frame.
// Bounded, oldest-written first out, so a long session of searches cannot grow it without limit.
const MEMORY_LIMIT = 300;
const memory = new Map<string, CacheEntry>();

function remember(key: string, entry: CacheEntry): void {
  memory.delete(key);
  memory.set(key, entry);
  if (memory.size > MEMORY_LIMIT) memory.delete(memory.keys().next().value!);
}

/** Entries older than this are deleted from IndexedDB once per page load: a stale cache is only useful for so long. */
export const CACHE_MAX_AGE_MS = 14 * 24 * 3600 * 1000;
let pruned = false;

/**
 * Deletes entries older than `maxAge` from IndexedDB. Runs by itself once per page, after the first
 * write, when the browser is idle; exported for tests and for hosts that want it sooner.
 */
export async function pruneCache(maxAge = CACHE_MAX_AGE_MS, now = Date.now()): Promise<number> {
  try {
    const old = (await entries<IDBValidKey, CacheEntry>(idb()))
      .filter(([, e]) => !e || typeof e.savedAt !== 'number' || now - e.savedAt > maxAge)
      .map(([k]) => k);
    if (old.length) await delMany(old, idb());
    return old.length;
  } catch {
    return 0;
  }
}

function schedulePrune(): void {
  if (pruned) return;
  pruned = true;
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback;
  const run = () => void pruneCache();
  if (idle) idle(run);
  else setTimeout(run, 2000);
}

/**
 * The entry in the in-memory layer, else in the first view's copy (core/cache-mirror.ts, which then
 * moves it into memory), if any. Synchronous.
 */
export function peekCache<T>(key: string): CacheEntry<T> | undefined {
  const hit = memory.get(key);
  if (hit) return hit as CacheEntry<T>;
  const copy = mirrorGet(key);
  // Past the age the prune deletes at, as IndexedDB's copy would be once pruned.
  if (!copy || Date.now() - copy.savedAt > CACHE_MAX_AGE_MS) return undefined;
  remember(key, copy);
  return copy as CacheEntry<T>;
}

/**
 * The entry for `key`: from memory or the first view's copy (`peekCache`), else from IndexedDB (and then
 * kept in memory).
 * Resolves undefined when there is none or IndexedDB is unavailable (private mode, blocked storage).
 */
export async function readCache<T>(key: string, { persist = true } = {}): Promise<CacheEntry<T> | undefined> {
  const hit = peekCache<T>(key);
  if (hit || !persist) return hit;
  try {
    const entry = await get<CacheEntry<T>>(key, idb());
    if (!entry || typeof entry.savedAt !== 'number') return undefined;
    // A write that landed while we were reading is newer than what IndexedDB had.
    const newer = peekCache<T>(key);
    if (newer && newer.savedAt >= entry.savedAt) return newer;
    remember(key, entry);
    return entry;
  } catch {
    return undefined;
  }
}

/**
 * Stores `value` under `key` in memory and, when `persist`, in IndexedDB. The IndexedDB write is
 * best effort: a cache that cannot persist is still a cache.
 */
export async function writeCache<T>(key: string, value: T, { persist = true, savedAt = Date.now() } = {}): Promise<CacheEntry<T>> {
  const entry: CacheEntry<T> = { value, savedAt };
  remember(key, entry);
  if (persist) {
    mirrorWrite(key, entry);
    schedulePrune();
    try {
      await set(key, entry, idb());
    } catch {
      /* non-cloneable value or no IndexedDB: keep the memory copy */
    }
  }
  return entry;
}

/** Forgets `key` in both layers. */
export async function deleteCache(key: string): Promise<void> {
  memory.delete(key);
  mirrorDelete(key);
  try {
    await del(key, idb());
  } catch {
    /* nothing persisted */
  }
}

/** Forgets everything Confab cached, e.g. when the signed-in partner changes. */
export async function clearCache(): Promise<void> {
  memory.clear();
  mirrorClear();
  try {
    await clear(idb());
  } catch {
    /* nothing persisted */
  }
}

/** Drops the in-memory layer only (IndexedDB is kept), e.g. when the signed-in partner changes. */
export function dropMemoryCache(): void {
  memory.clear();
}

/**
 * Test hook: drops the in-memory layer and the page's copy of the first view (without touching
 * localStorage), as a page reload would on a visit whose first view left nothing in that copy: reads
 * then come from IndexedDB. core/cache-mirror.ts's `_reloadMirrorForTests` reloads the copy instead.
 */
export function _clearMemoryCacheForTests(): void {
  dropMemoryCache();
  _forgetMirrorForTests();
}
