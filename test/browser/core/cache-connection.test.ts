import { expect } from '@open-wc/testing';
import { _clearMemoryCacheForTests, readCache, writeCache } from '../../../src/core/cache.js';
import { waitFor } from './wait.js';

// The loader opens the cache database while the modules load and boot hands the connection over
// (auto.ts, boot.ts): the cache must use it, not open a second one, and open its own only once the
// browser has closed that one. Driven through the loader itself, so that it fails if auto.ts stops
// opening early or stops handing the connection over. Its own file: the cache keeps its store for the
// page's life, the loader runs once per page, and no other test may have used the cache first.

/** Every connection to the `confab` database opened from here on, in the order open() was called. */
function watchOpens(): { readonly calls: number; readonly connections: IDBDatabase[]; restore(): void } {
  const open = IDBFactory.prototype.open;
  const connections: IDBDatabase[] = [];
  let calls = 0;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    const request = open.apply(this, args);
    if (args[0] === 'confab') {
      calls++;
      request.addEventListener('success', () => connections.push(request.result));
    }
    return request;
  };
  return { get calls() { return calls; }, connections, restore: () => void (IDBFactory.prototype.open = open) };
}

/** Transactions per connection. */
function countTransactions(): { of(db: IDBDatabase): number; restore(): void } {
  const transaction = IDBDatabase.prototype.transaction;
  const counts = new Map<IDBDatabase, number>();
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    counts.set(this, (counts.get(this) ?? 0) + 1);
    return transaction.apply(this, args);
  } as IDBDatabase['transaction'];
  return { of: (db) => counts.get(db) ?? 0, restore: () => void (IDBDatabase.prototype.transaction = transaction) };
}

describe('core/cache with the loader\'s connection', () => {
  it('reads and writes through the connection the loader opened, then opens its own once the browser closed it', async () => {
    const opens = watchOpens();
    const transactions = countTransactions();
    try {
      // A tag on the page: the loader opens the database as it starts loading the tag's modules.
      document.body.append(document.createElement('confab-provider'));
      await import('../../../src/auto.js');
      expect(opens.calls, 'the loader opened the database while the modules load').to.equal(1);
      await customElements.whenDefined('confab-provider');
      // The open may still be under way (it also creates the store on a first visit; slow under load).
      await waitFor(() => opens.connections.length === 1, 'the loader\'s open succeeded');
      const [loaders] = opens.connections;
      expect(loaders, 'the loader\'s connection').to.be.instanceOf(IDBDatabase);

      await writeCache('t-conn|a', 'one');
      _clearMemoryCacheForTests();
      expect((await readCache('t-conn|a'))?.value).to.equal('one');
      expect(opens.calls, 'no second connection').to.equal(1);
      // The write, the read (and the once-a-page prune, when the browser was idle meanwhile).
      expect(transactions.of(loaders!), 'the write and the read went through the loader\'s connection').to.be.at.least(2);

      // The browser closes a connection by itself when site data is cleared: it fires `close`.
      loaders!.close();
      loaders!.dispatchEvent(new Event('close'));
      const before = transactions.of(loaders!);
      _clearMemoryCacheForTests();
      expect((await readCache('t-conn|a'))?.value, 'read through a connection of its own').to.equal('one');
      expect(opens.calls).to.equal(2);
      expect(transactions.of(opens.connections[1]!), 'the read went through the new one').to.be.at.least(1);
      expect(transactions.of(loaders!), 'nothing more through the closed one').to.equal(before);
    } finally {
      opens.restore();
      transactions.restore();
    }
  });
});
