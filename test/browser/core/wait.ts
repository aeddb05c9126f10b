import { waitUntil } from '@open-wc/testing';

/** waitUntil with room for a loaded CI machine: the default 1 s is tight when two browsers share 2 cores. */
export function waitFor(predicate: () => unknown | Promise<unknown>, message?: string, options: { timeout?: number; interval?: number } = {}) {
  return waitUntil(predicate, message, { timeout: 5000, interval: 20, ...options });
}
