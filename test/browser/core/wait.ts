import { waitUntil } from '@open-wc/testing';
import { createStore, entries, type UseStore } from 'idb-keyval';

/**
 * waitUntil with room for a loaded CI machine: the default 1 s is tight when two browsers share 2 cores.
 * It returns as soon as the condition holds, so the timeout only bounds how long a failure takes to
 * show. 15 s, not 5: with three files at once (web-test-runner.config.mjs) on the shared machine at
 * load 20, a lazy part's first load through the dev server (dozens of unbundled modules) took over 5 s
 * (discourse-elements' "two answers", notifications' "preferences shown").
 */
export function waitFor(predicate: () => unknown | Promise<unknown>, message?: string, options: { timeout?: number; interval?: number } = {}) {
  return waitUntil(predicate, message, { timeout: 15_000, interval: 20, ...options });
}

let cacheStore: UseStore | undefined;

/**
 * Waits until Confab's IndexedDB cache holds an entry whose key contains every one of `keyParts` and
 * whose value passes `check`: the elements write the cache without awaiting it, so a test that
 * simulates a reload waits for that write to land instead of sleeping a fixed time.
 */
export function waitForCached(keyParts: string[], check: (value: any) => boolean = () => true, message = `cached: ${keyParts.join(' ')}`) {
  const store = (cacheStore ??= createStore('confab', 'cache'));
  return waitFor(async () => {
    const all = await entries<IDBValidKey, { value?: unknown } | undefined>(store);
    return all.some(([k, e]) => keyParts.every((p) => String(k).includes(p)) && check(e?.value));
  }, message);
}
