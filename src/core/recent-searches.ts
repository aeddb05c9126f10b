import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RECENT_DB } from './recent-searches-kept.js';

/** How many recent searches are kept. */
export const RECENT_LIMIT = 5;

// Our own database, never idb-keyval's default store, which the host page may use.
let store: UseStore | undefined;
const idb = (): UseStore => (store ??= createStore(RECENT_DB, 'recent'));

/**
 * The partner's last few searches, newest first, kept in IndexedDB so they survive a reload.
 * Scoped by `scope()` (the backend id) so two communities on one page do not mix their queries.
 * If IndexedDB is unavailable (private mode, blocked storage) the list lives in memory only.
 */
export class RecentSearchesController implements ReactiveController {
  /** Newest first, at most RECENT_LIMIT. */
  items: string[] = [];
  private loadedFor: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scope: () => string,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const key = this.key();
    if (key === this.loadedFor) return;
    this.loadedFor = key;
    this.items = [];
    void get<unknown>(key, idb())
      .then((v) => {
        if (this.loadedFor !== key || !Array.isArray(v)) return;
        this.items = v.filter((x): x is string => typeof x === 'string').slice(0, RECENT_LIMIT);
        this.host.requestUpdate();
      })
      .catch(() => undefined);
  }

  /** Puts `query` first (once, case-insensitively) and persists the list. */
  async add(query: string): Promise<void> {
    const q = query.trim();
    if (!q) return;
    this.items = [q, ...this.items.filter((x) => x.toLowerCase() !== q.toLowerCase())].slice(0, RECENT_LIMIT);
    this.host.requestUpdate();
    await set(this.key(), this.items, idb()).catch(() => undefined);
  }

  /** Forgets every recent search of this scope. */
  async clear(): Promise<void> {
    this.items = [];
    this.host.requestUpdate();
    await del(this.key(), idb()).catch(() => undefined);
  }

  private key(): string {
    return `searches:${this.scope()}`;
  }
}
