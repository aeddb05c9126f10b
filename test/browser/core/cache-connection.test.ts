import { expect } from '@open-wc/testing';
import { _clearMemoryCacheForTests, readCache, useCacheDatabase, writeCache } from '../../../src/core/cache.js';

// The loader opens the cache database while the modules load and boot hands the connection over
// (auto.ts, boot.ts): the cache must use it, not open a second one, and open its own only once the
// browser has closed that one. Its own file: the cache keeps its store for the page's life, and no
// other test may have used the cache first.

/** Counts indexedDB.open('confab') calls from here on. */
function countOpens(): { readonly count: number; restore(): void } {
  const open = IDBFactory.prototype.open;
  let count = 0;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    if (args[0] === 'confab') count++;
    return open.apply(this, args);
  };
  return { get count() { return count; }, restore: () => void (IDBFactory.prototype.open = open) };
}

/** Opens the database as the loader does, creating the store on a first visit. */
function openAsTheLoader(): Promise<IDBDatabase> {
  const request = indexedDB.open('confab');
  request.onupgradeneeded = () => request.result.createObjectStore('cache');
  return new Promise((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
}

describe('core/cache with the loader\'s connection', () => {
  it('reads and writes through the handed-over connection, then opens its own once the browser closed it', async () => {
    const db = await openAsTheLoader();
    let transactions = 0;
    const transaction = db.transaction.bind(db);
    db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => (transactions++, transaction(...args))) as IDBDatabase['transaction'];
    const opens = countOpens();
    try {
      useCacheDatabase(Promise.resolve(db));
      await writeCache('t-conn|a', 'one');
      _clearMemoryCacheForTests();
      expect((await readCache('t-conn|a'))?.value).to.equal('one');
      // The write, the read (and the once-a-page prune, when the browser was idle meanwhile).
      expect(transactions, 'the write and the read went through the loader\'s connection').to.be.at.least(2);
      expect(opens.count, 'no second connection').to.equal(0);

      // The browser closes a connection by itself when site data is cleared: it fires `close`.
      db.close();
      db.dispatchEvent(new Event('close'));
      const before = transactions;
      _clearMemoryCacheForTests();
      expect((await readCache('t-conn|a'))?.value, 'read through a connection of its own').to.equal('one');
      expect(opens.count).to.equal(1);
      expect(transactions, 'nothing more through the closed one').to.equal(before);
    } finally {
      opens.restore();
    }
  });
});
