import { css, html, type ReactiveController, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CommunityBackend } from '../../../backends/types.js';
import type { LiveEvent, ThreadSummary } from '../../../contract/index.js';
import type { LiveHost } from '../host.js';

/** The "N new threads" banner floats over the list instead of pushing it down (the list must not
    jump), and sticks to the top of the viewport while the partner is scrolled down the feed. */
const liveStyles = css`
  .banner-slot {
    position: sticky;
    inset-block-start: 0;
    height: 0;
    z-index: 1;
  }
  .banner {
    position: absolute;
    inset-block-start: 4px;
    inset-inline: 0;
    margin-inline: auto;
    width: max-content;
    max-width: 100%;
    padding: 4px 14px;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    font-size: 0.88em;
    font-weight: 700;
    cursor: pointer;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .banner:focus-visible {
    box-shadow: var(--_focus);
  }
`;

/** What this part renders, adopted when its chunk arrives. */
export const styles = [liveStyles];

/**
 * Collects threads created while the feed is on screen (backend `subscribe`, SSE for RestBackend)
 * without touching the list: the element shows their count and loads them when asked, so the rows
 * a partner is reading never move by themselves. Replies posted meanwhile update the rows' counts. Unsubscribes when disabled or disconnected.
 * Loaded only for a feed with `live`.
 */
export class NewThreadsController implements ReactiveController {
  /** Ids of threads announced since the list was last loaded. */
  ids: string[] = [];
  /**
   * Replies posted since a row's data was fetched, keyed by that row's object: a refreshed list brings
   * new objects whose counts already include them, so stale bumps fall away by themselves.
   */
  private replies = new WeakMap<ThreadSummary, number>();
  private countedPosts = new Set<string>();
  private abort?: AbortController;
  private subscribedTo?: CommunityBackend;
  // A removed element can still finish a pending Lit update; without this flag that update would open
  // a stream after hostDisconnected() closed the last one, and nothing would ever close it.
  private connected = false;

  constructor(private readonly host: LiveHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const backend = this.connected && this.host.live ? this.host.backendNow() : undefined;
    // Never left running: adopted below when it listens to the backend in effect, else closed.
    const early = this.host.takeEarlyListener();
    if (backend === this.subscribedTo || !backend?.subscribe) early?.abort.abort();
    if (backend === this.subscribedTo) return;
    this.stop();
    this.subscribedTo = backend;
    if (!backend?.subscribe) return;
    if (early?.backend === backend) {
      // The same stream, already open since the element's first update: what it heard meanwhile, then
      // everything after, with no second connection and no gap at the hand-over.
      this.abort = early.abort;
      early.sink = (ev) => this.onEvent(ev);
      for (const ev of early.events.splice(0)) this.onEvent(ev);
      return;
    }
    early?.abort.abort(); // heard on another backend (a provider resolved since): not this feed's news
    const abort = (this.abort = new AbortController());
    backend.subscribe((ev) => !abort.signal.aborted && this.onEvent(ev), abort.signal);
  }

  /** Events may arrive twice (the early listener, a resumed stream): each thread and reply counts once. */
  private onEvent(ev: LiveEvent): void {
    if (ev.type === 'post.created') return this.countReply(ev.parentId, ev.id);
    if (ev.type !== 'thread.created') return;
    const category = this.host.category;
    if (category && ev.category !== null && ev.category !== category) return;
    if (this.host.threads.some((t) => t.id === ev.id) || this.ids.includes(ev.id)) return;
    this.ids = [...this.ids, ev.id];
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** A row with the replies posted since it was fetched counted in; the row itself stays where it is. */
  withLiveCounts(t: ThreadSummary): ThreadSummary {
    const n = this.replies.get(t);
    return n ? { ...t, replyCount: t.replyCount + n } : t;
  }

  private countReply(threadId: string | null, postId: string): void {
    const row = this.host.threads.find((t) => t.id === threadId);
    // A stream that resumes may replay an event already counted.
    if (!row || this.countedPosts.has(postId)) return;
    this.countedPosts.add(postId);
    this.replies.set(row, (this.replies.get(row) ?? 0) + 1);
    this.host.requestUpdate();
  }

  /** Forgets the announced threads (they were loaded, or the query changed). */
  clear(): void {
    this.ids = [];
  }

  /** The "N new threads" button; a click loads them. */
  banner(): TemplateResult | undefined {
    const n = this.ids.length;
    if (!n) return undefined;
    return html`<button type="button" class="banner" part="banner button" @click=${this.showNew}>
      ${n === 1
        ? msg('1 new thread', { id: 'forum-feed-one-new' })
        : msg(str`${new Intl.NumberFormat(this.host.localeNow()).format(n)} new threads`, { id: 'forum-feed-n-new' })}
    </button>`;
  }

  private showNew = async (): Promise<void> => {
    const n = this.ids.length;
    this.clear();
    await this.host.list.refresh();
    this.host.announceCount(n);
    this.host.focusAfterUpdate('article.item');
  };

  private stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.subscribedTo = undefined;
  }
}
