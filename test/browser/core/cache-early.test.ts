// The response cache takes over the IndexedDB connection the loader (auto.ts) opened while the modules
// loaded, and falls back to opening its own when that open failed. Each case imports a fresh copy of
// core/cache.ts (a query string makes a new module), because the store is chosen once per module.
import { expect } from '@open-wc/testing';

const SLOT = Symbol.for('confab.cache-db');
const slot = globalThis as { [SLOT]?: Promise<IDBDatabase> };
type Cache = typeof import('../../../src/core/cache.js');
const freshCache = (tag: string): Promise<Cache> => import(/* @vite-ignore */ `../../../src/core/cache.ts?${tag}`);

/** Opens the database as auto.ts does, counting the transactions made on that connection. */
function openAsTheLoaderDoes(): { db: Promise<IDBDatabase>; transactions: () => number } {
  let count = 0;
  const db = new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('confab');
    request.onupgradeneeded = () => request.result.createObjectStore('cache');
    request.onsuccess = () => {
      const conn = request.result;
      const transaction = conn.transaction.bind(conn);
      conn.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => (count++, transaction(...args))) as IDBDatabase['transaction'];
      resolve(conn);
    };
    request.onerror = () => reject(request.error);
  });
  return { db, transactions: () => count };
}

it('reads and writes through the connection the loader opened, and takes it from the page-wide slot', async () => {
  const early = openAsTheLoaderDoes();
  slot[SLOT] = early.db;
  const cache = await freshCache('early');
  await cache.writeCache('early|key', { n: 1 });
  expect(slot[SLOT], 'taken over, not left for another copy').to.equal(undefined);
  cache._clearMemoryCacheForTests();
  expect((await cache.readCache<{ n: number }>('early|key'))?.value).to.deep.equal({ n: 1 });
  expect(early.transactions(), 'the write and the read both used it').to.be.at.least(2);
});

it('opens its own connection when the early open failed', async () => {
  slot[SLOT] = Promise.reject(new Error('blocked storage'));
  slot[SLOT].catch(() => undefined);
  const cache = await freshCache('failed');
  await cache.writeCache('failed|key', 'saved');
  cache._clearMemoryCacheForTests();
  expect((await cache.readCache<string>('failed|key'))?.value).to.equal('saved');
});
