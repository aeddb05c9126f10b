import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { createStore, get, set, del, type UseStore } from 'idb-keyval';
import { RECENT_DB } from '../host.js';

/** How many recent searches are kept. */
export const RECENT_LIMIT = 5;

// Our own database, never idb-keyval's default store, which the host page may use.
let store: UseStore | undefined;
const idb = (): UseStore => (store ??= createStore(RECENT_DB, 'recent'));

/** Recent searches under the inline field, and the chips and labels the results share with them. */
const recentStyles = css`
  .search .label {
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  button.chip {
    position: relative; /* contains its visually-hidden label inside a scrolling row */
    min-height: 28px;
  }
  button.chip:hover {
    border-color: var(--_accent);
  }
  .recent-inline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
  }
  .recent-inline button.chip {
    color: var(--_text);
  }
`;

/** What this part renders, adopted when its chunk arrives. */
export const styles = [recentStyles];

/**
 * The partner's last few searches, newest first, kept in IndexedDB so they survive a reload.
 * Scoped by `scope()` (the backend id) so two communities on one page do not mix their queries.
 * If IndexedDB is unavailable (private mode, blocked storage) the list lives in memory only.
 */
export class RecentSearches implements ReactiveController {
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

  /** Inline mode under the empty field: the recent searches as chips, and a button that forgets them. */
  chips(choose: (query: string) => void): TemplateResult | typeof nothing {
    if (!this.items.length) return nothing;
    return html`<div class="recent-inline" role="group" aria-labelledby="recent-label">
      <span id="recent-label" class="label">${msg('Recent searches', { id: 'article-search-recent' })}</span>
      ${this.items.map((q) => html`<button class="chip" part="chip" type="button" @click=${() => choose(q)}>${q}</button>`)}
      <button class="btn ghost small" part="button" @click=${() => void this.clear()}>
        ${msg('Clear', { id: 'article-search-recent-clear' })}</button>
    </div>`;
  }

  private key(): string {
    return `searches:${this.scope()}`;
  }
}
