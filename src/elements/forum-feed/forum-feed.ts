import { html, nothing, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Me, Page, ThreadListQuery, ThreadSummary } from '../../contract/index.js';
import type { ThreadSort } from '../../contract/threads.js';
import { ResourceController } from '../../core/resource.js';
import { emit } from '../../core/events.js';
import { LazyPart, partLoader } from '../../core/lazy-part.js';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { checkEnum } from '../../ui/dev-warn.js';
import { emptyState, errorState, offlineNotice, skeleton } from '../../ui/states.js';
import { ConfabElement } from '../confab-element.js';
import { feedStyles } from './forum-feed.styles.js';
import { threadRow, type RowReport } from './thread-row.js';
import { canReport } from '../../backends/moderation.js';
import type { EarlyListener, LiveHost } from './host.js';

/** Thread view, composer and new-thread form (parts/panels.ts), and the "N new threads" banner (parts/live.ts). */
const panelsPart = partLoader(() => import('./parts/panels.js'));
const livePart = partLoader(() => import('./parts/live.js'));
const followPart = partLoader(() => import('./parts/category-follow.js'));

/** The values `sort` accepts (the contract's THREAD_SORTS, restated so valibot stays out of this chunk). */
export const FEED_SORTS = ['latest', 'top', 'unanswered'] as const satisfies readonly ThreadSort[];
export type FeedSort = (typeof FEED_SORTS)[number];

const DEFAULT_PAGE_SIZE = 20;

/**
 * Recent discussion threads of a category or tag. Partners open a thread inline (or the host routes
 * it), read the replies, reply, and start threads; with `live`, new threads are announced without
 * moving the list.
 *
 * @tag confab-forum-feed
 * @summary Discussion feed with inline threads, replies and new threads.
 *
 * @fires confab-load - Data arrived: `{ what: 'threads' | 'thread' | 'me' }`.
 * @fires confab-error - A fetch or write failed: `{ error, status }`.
 * @fires confab-thread-open - A thread is about to open: `{ id }`. Cancelable: `preventDefault()` to route it yourself.
 * @fires confab-auth-required - A signed-out partner tried to reply or start a thread: `{ action }`.
 * @fires confab-reported - The partner reported a thread or a reply: `{ target, reason }`.
 *
 * @csspart base - The themed frame around everything.
 * @csspart header - The heading row with the "New thread" button.
 * @csspart list - The feed (`role=feed`).
 * @csspart item - One thread row (`<article>`).
 * @csspart title - A thread title (row or open thread).
 * @csspart meta - Author, time, reply count.
 * @csspart avatar - An author's picture or initials.
 * @csspart chip - A tag.
 * @csspart solved - The solved mark.
 * @csspart banner - The "N new threads" button shown with `live`.
 * @csspart button - Every button (also `back`, `load-more`, `new-thread`, `submit`, `retry`).
 * @csspart back - "Back to threads" in the open thread (also `button`).
 * @csspart load-more - "Load more" under the feed and under the replies (also `button`).
 * @csspart submit - The button that posts a reply or a new thread (also `button`).
 * @csspart cancel - Closes the "New thread" form (also `button`).
 * @csspart sign-in - The composer's "Sign in to reply" button (also `button`).
 * @csspart follow - "Follow" of the feed's category and of the open thread (also `button`; `aria-pressed` while following).
 * @csspart retry - "Try again" on an error panel or the offline notice (also `button`).
 * @csspart tab - The Write / Preview tabs of the composer.
 * @csspart preview - The composer's Markdown preview.
 * @csspart input - Text fields.
 * @csspart thread - The open thread.
 * @csspart body - A Markdown body (thread or reply).
 * @csspart posts - The list of replies.
 * @csspart post - One reply.
 * @csspart composer - The reply box (see `src/ui/composer.ts`): also `tab`, `preview`, `sign-in`.
 * @csspart pending - The "pending" badge of a write waiting in the outbox.
 * @csspart pending-item - A reply or thread waiting in the outbox.
 * @csspart new-thread - The "New thread" form (and its button).
 * @csspart empty - The empty state.
 * @csspart error - An error panel.
 * @csspart skeleton - Loading placeholders.
 * @csspart offline-notice - "Offline: showing what was saved …".
 * @csspart report - "Report" on content that is not the partner's own (also `button`).
 * @csspart reported - "Reported", in place of the button once sent.
 * @csspart report-dialog - The report dialog (reason and note).
 * @csspart mod-notice - "Awaiting review" / "Hidden by a moderator" on the author's own content.
 * @csspart mod-badge - "Awaiting review" / "Hidden by a moderator" in the author's own row.
 * @csspart pinned - The "Pinned" mark of a thread.
 * @csspart locked - The "Locked" mark of a thread.
 * @csspart mentions - The people suggested as you type `@` in a body (a listbox; see `src/ui/mention-suggest.ts`).
 * @csspart mention-option - One suggested person.
 * @csspart locked-notice - "This thread is locked", in place of the reply box.
 *
 * @cssprop --confab-color-accent - Links, primary buttons and focus rings.
 *
 * @example
 * <confab-forum-feed category="deal-registration" sort="latest" page-size="10" compose live></confab-forum-feed>
 */
export class ConfabForumFeed extends ConfabElement implements LiveHost {
  // Form fields and Markdown appear only in the lazily loaded parts, which bring their own styles.
  static override styles = [tokens, controls, feedStyles];

  // Internal reactive state: no attribute, and kept out of custom-elements.json's public API (@private).
  static override properties: PropertyDeclarations = {
    category: {},
    tag: {},
    sort: {},
    pageSize: { type: Number, attribute: 'page-size' },
    threadHref: { attribute: 'thread-href' },
    compose: { type: Boolean },
    live: { type: Boolean },
    /** @private */
    extraThreads: { state: true, attribute: false },
    /** @private */
    listCursor: { state: true, attribute: false },
    /** @private */
    wantCursor: { state: true, attribute: false },
    /** @private */
    announcement: { state: true, attribute: false },
  };

  /** Only threads of this category. */
  category?: string;
  /** Only threads with this tag. */
  tag?: string;
  /** Order: `latest` (default), `top` or `unanswered`. */
  sort: FeedSort = 'latest';
  /** Threads per page, 1 to 100. Default 20. */
  pageSize = DEFAULT_PAGE_SIZE;
  /** URL template such as `/community/t/{id}`: rows link there instead of opening inline. */
  threadHref?: string;
  /** Show "New thread" (signed-in partners get the form; others fire `confab-auth-required`). */
  compose = false;
  /** Listen for new threads (backend `subscribe`) and offer them in an "N new threads" banner. */
  live = false;

  private extraThreads: ThreadSummary[] = [];
  /** Cursor of the next thread page; undefined while the first page decides it. */
  private listCursor: string | null | undefined;
  private wantCursor: string | null = null;
  private announcement = '';

  private announcedQuery = '';
  private marked = false;

  private readonly me = new ResourceController<Me>(this, {
    backend: () => this.backend,
    key: () => 'me',
    fetch: (b, signal) => b.me({ signal }),
    cache: false,
    what: 'me',
  });

  /** @internal */
  readonly list = new ResourceController<Page<ThreadSummary>>(this, {
    backend: () => this.backend,
    key: () => `threads:${JSON.stringify(this.query())}`,
    fetch: (b, signal) => b.listThreads(this.query(), { signal }),
    what: 'threads',
    onFresh: (page) => {
      // Once per query: a refresh after a write has its own announcement ("Thread posted").
      const key = JSON.stringify(this.query());
      if (this.announcedQuery === key) return;
      this.announcedQuery = key;
      this.announceCount(page.items.length);
    },
  });

  private readonly morePage = new ResourceController<Page<ThreadSummary>>(this, {
    backend: () => this.backend,
    key: () => (this.wantCursor ? `threads:${JSON.stringify({ ...this.query(), cursor: this.wantCursor })}` : null),
    fetch: (b, signal) => b.listThreads({ ...this.query(), cursor: this.wantCursor! }, { signal }),
    cache: false,
    what: 'threads',
  });

  /** Loaded after the first data in idle time, or at the first click, whichever comes first. */
  private readonly panelsPart = new LazyPart(this, panelsPart, { create: (m) => new m.Panels(this) });
  private panelsScheduled = false;
  /** Loaded only for a feed with `live`. */
  private readonly livePart = new LazyPart(this, livePart, { create: (m) => new m.NewThreadsController(this) });
  private early?: EarlyListener;

  private get panels() {
    return this.panelsPart.value;
  }

  private get newThreads() {
    return this.livePart.value;
  }

  /** @internal The signed-in partner's id, null when signed out, undefined while unknown. */
  get partnerId(): string | null | undefined {
    const me = this.me.value;
    return me ? (me.authenticated ? me.id : null) : undefined;
  }

  /** The "Follow" button of the feed's category (notifications of new threads there): a lazy part. */
  private readonly followPart = new LazyPart(this, followPart, { create: (m) => new m.CategoryFollow(this) });

  /** True when a partner is signed in, false when not, undefined while unknown. */
  get signedIn(): boolean | undefined {
    return this.me.value ? this.me.value.authenticated : undefined;
  }

  /** @internal The signed-in partner's id, or null. */
  get meId(): string | null {
    return this.me.value?.authenticated ? this.me.value.id : null;
  }

  private get effectiveSort(): FeedSort {
    return checkEnum(this, 'sort', this.sort ?? 'latest', FEED_SORTS, 'latest');
  }

  private get limit(): number {
    const n = Math.trunc(Number(this.pageSize));
    return Number.isFinite(n) && n >= 1 ? Math.min(n, 100) : DEFAULT_PAGE_SIZE;
  }

  private query(): ThreadListQuery {
    return { category: this.category || undefined, tag: this.tag || undefined, sort: this.effectiveSort, limit: this.limit };
  }

  /** The threads on screen: the first page, then the pages loaded with "Load more", without repeats. */
  /** @internal */
  get threads(): ThreadSummary[] {
    const seen = new Set<string>();
    return [...(this.list.value?.items ?? []), ...this.extraThreads].filter((t) => !seen.has(t.id) && !!seen.add(t.id));
  }

  private get nextCursor(): string | null {
    return this.listCursor === undefined ? (this.list.value?.nextCursor ?? null) : this.listCursor;
  }

  /** @internal The backend, for the lazily loaded parts. */
  backendNow() {
    return this.backend;
  }

  /** @internal The locale, for the lazily loaded parts. */
  localeNow(): string {
    return this.locale;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
    // A sign-in, sign-out or partner switch (a new getToken) reloads `me` and the threads by itself:
    // ResourceController follows identity changes (core/resource.ts), so the composer and "New thread" follow.
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    this.takeEarlyListener()?.abort.abort();
  }

  /** @internal The subscription opened at the first update, for live.ts to adopt or close. */
  takeEarlyListener(): EarlyListener | undefined {
    const early = this.early;
    this.early = undefined;
    return early;
  }

  /** Opens thread `id` inline, e.g. from a deep link in the host page (no `confab-thread-open`: the host asked). */
  openThread(id: string): Promise<void> {
    return this.open(id);
  }

  /**
   * Opens what another element points at (a notification, say) when it is a thread; false for any
   * other kind, so the caller can ask another element. See `elements/notifications/open-target.ts`.
   */
  openItem(kind: string, id: string): boolean {
    if (kind !== 'thread') return false;
    void this.open(id);
    return true;
  }

  /** Closes the open thread and returns to the list. */
  closeThread(): void {
    this.panels?.thread.close();
  }

  /** Loads the threads and who is signed in again, keeping what is on screen meanwhile. */
  refresh(): Promise<void> {
    const open = this.panels?.thread;
    return Promise.all([this.list.refresh(), this.me.refresh(), open?.id ? open.thread.refresh() : undefined]).then(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('category') || changed.has('tag') || changed.has('sort') || changed.has('pageSize')) {
      this.extraThreads = [];
      this.listCursor = undefined;
      this.wantCursor = null;
      this.newThreads?.clear();
    }
    // A page asked for with "Load more" arrived: keep it and forget the request.
    if (this.wantCursor && this.morePage.status === 'ready' && this.morePage.value) {
      const page = this.morePage.value;
      this.extraThreads = [...this.extraThreads, ...page.items];
      this.listCursor = page.nextCursor;
      this.wantCursor = null;
      this.announceCount(page.items.length);
      this.focusAfterUpdate(page.items[0] ? `article[data-id="${CSS.escape(page.items[0].id)}"]` : null);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.live) {
      // Listen from the first update, as the banner's code arrives later: live.ts adopts this very
      // subscription (same backend), so nothing created meanwhile or at the hand-over is missed.
      const backend = this.backend;
      if (!this.newThreads && !this.early && backend?.subscribe) {
        const early: EarlyListener = (this.early = { backend, events: [], abort: new AbortController() });
        backend.subscribe((ev) => (early.sink ? early.sink(ev) : early.events.push(ev)), early.abort.signal);
      }
      // Offline, or a deploy in between: the feed works on without the banner while the early
      // subscription keeps collecting, and the part is fetched again when the page is back online.
      this.livePart.prefetch();
    }
    // `live` switched off before live.ts arrived: nothing will adopt the early subscription.
    else if (!this.newThreads) this.takeEarlyListener()?.abort.abort();
    // After the first data (never before it, to keep it out of the first load): fetch the rest in idle time.
    if (!this.panelsScheduled && this.backend && (this.list.status === 'ready' || this.list.status === 'error')) {
      this.panelsScheduled = true;
      const idle = (globalThis.requestIdleCallback as ((cb: () => void) => number) | undefined) ?? ((cb: () => void) => setTimeout(cb, 200));
      idle(() => this.panelsPart.prefetch()); // a later click tries again, and says so if it fails
    }
    if (this.category && this.partnerId && typeof this.backend?.setFollow === 'function') this.followPart.prefetch();
    if (!this.marked && this.renderRoot.querySelector('article.item')) {
      this.marked = true;
      performance.mark('confab:forum-feed:first-content');
    }
  }

  override render(): TemplateResult {
    return this.frame(
      html`${this.header()}
        ${this.panels?.thread.id ? this.panels.thread.render() : this.listPanel()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`,
      msg('Discussions', { id: 'forum-feed-label' }),
    );
  }

  private header(): TemplateResult {
    return html`<div class="header" part="header">
      <h2 class="heading">${msg('Discussions', { id: 'forum-feed-label' })}</h2>
      ${this.category && !this.panels?.thread.id && this.followPart.value ? this.followPart.value.render() : nothing}
      ${this.compose && !this.panels?.thread.id && !this.panels?.newThread.open
        ? html`<button type="button" class="btn primary small" part="button new-thread" @click=${() => this.startThread()}>
            ${msg('New thread', { id: 'forum-feed-new-thread' })}
          </button>`
        : nothing}
    </div>`;
  }

  private listPanel(): TemplateResult {
    if (!this.backend) {
      return emptyState(msg('The community is not connected yet.', { id: 'forum-feed-no-backend' }),
        msg('The page has not configured a Confab backend.', { id: 'forum-feed-no-backend-detail' }));
    }
    const list = this.list;
    const threads = this.threads;
    const moreFailed = this.morePage.status === 'error' && this.morePage.error;
    const busy = list.status === 'loading' || (!!this.wantCursor && !moreFailed);
    const setSize = this.nextCursor ? -1 : threads.length;
    let body: TemplateResult;
    if (list.value === undefined && list.status === 'error' && list.error) body = errorState(list.error, () => void list.refresh());
    else if (list.value === undefined) body = html`<div role="feed" part="list" class="feed" aria-busy="true" aria-label=${msg('Discussions', { id: 'forum-feed-label' })}>${skeleton(4)}</div>`;
    else if (threads.length === 0) {
      body = emptyState(msg('No threads yet.', { id: 'forum-feed-empty' }),
        this.compose ? msg('Start the first one.', { id: 'forum-feed-empty-compose' }) : msg('Check back later.', { id: 'forum-feed-empty-later' }));
    } else {
      body = html`<div role="feed" part="list" class="feed" aria-busy=${busy ? 'true' : 'false'} aria-label=${msg('Discussions', { id: 'forum-feed-label' })}>
        ${threads.map((t, index) => threadRow(this.newThreads?.withLiveCounts(t) ?? t, {
          index, setSize, locale: this.locale, href: this.hrefFor(t.id), open: (e, th) => this.onRowOpen(e, th), report: this.rowReport(t),
        }))}
      </div>
      ${moreFailed
        ? errorState(moreFailed, () => void this.morePage.refresh())
        : this.nextCursor
          ? html`<button type="button" class="btn more" part="button load-more" ?disabled=${!!this.wantCursor} @click=${this.loadMore}>
              ${this.wantCursor ? msg('Loading…', { id: 'forum-feed-loading' }) : msg('Load more threads', { id: 'forum-feed-more-threads' })}
            </button>`
          : nothing}`;
    }
    return html`
      ${list.offline ? offlineNotice(list.savedAt ?? null, this.locale, () => void list.refresh(), list.error) : nothing}
      ${list.value !== undefined && list.status === 'error' && list.error ? errorState(list.error, () => void list.refresh()) : nothing}
      ${this.panels?.aboveList()}
      ${this.panels?.report.render()}
      <div class="banner-slot">${this.newThreads?.banner()}</div>
      ${body}`;
  }

  /** A row's "Report": for signed-in partners, on threads not their own, where the backend takes reports. */
  private rowReport(t: ThreadSummary): RowReport | undefined {
    const meId = this.meId;
    if (!meId || meId === t.author.id || !canReport(this.backend)) return undefined;
    const ref = { kind: 'thread', id: t.id } as const;
    return {
      reported: !!this.panels?.report.isReported(ref),
      // The dialog lives in the thread panels, usually loaded by now (idle time after the first data).
      open: (opener) => void this.panelsOrSay().then((p) => p?.report.open(ref, opener)),
    };
  }

  // ----- opening and closing -----

  private hrefFor(id: string): string | undefined {
    return this.threadHref ? this.threadHref.replaceAll('{id}', encodeURIComponent(id)) : undefined;
  }

  private onRowOpen(e: Event, t: ThreadSummary): void {
    const routed = !emit(this, 'confab-thread-open', { id: t.id }, { cancelable: true });
    // With thread-href the link navigates unless the host took over; without it we open inline.
    if (routed) e.preventDefault();
    else if (!this.threadHref) void this.open(t.id);
  }

  /** Opens thread `id` inline (no event: the caller decided). */
  private async open(id: string): Promise<void> {
    (await this.panelsOrSay())?.thread.open(id);
  }

  private async startThread(): Promise<void> {
    await (await this.panelsOrSay())?.startThread();
  }

  /** The lazy half, or undefined (said out loud) when its chunk cannot be fetched, e.g. offline. */
  private async panelsOrSay() {
    const panels = await this.panelsPart.load();
    if (!panels && this.panelsPart.error) {
      this.reportError(this.panelsPart.error);
      this.announce(msg('This part of the community could not be loaded. Check your connection and try again.', { id: 'forum-feed-chunk-failed' }));
    }
    return panels;
  }

  private loadMore = (): void => {
    this.wantCursor = this.nextCursor;
  };

  // ----- keyboard: the feed pattern and Escape -----

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented) return;
    const path = e.composedPath();
    const article = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.localName === 'article' && n.classList.contains('item'));
    if (this.panels?.thread.id && e.key === 'Escape') {
      e.preventDefault();
      this.closeThread();
      return;
    }
    if (!article) return;
    if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      const sibling = (e.key === 'PageDown' ? article.nextElementSibling : article.previousElementSibling) as HTMLElement | null;
      if (sibling?.localName === 'article') sibling.focus();
      else if (e.key === 'PageDown' && this.nextCursor && !this.wantCursor) this.loadMore();
    } else if ((e.key === 'End' || e.key === 'Home') && (e.ctrlKey || e.metaKey)) {
      // Feed pattern: leave the feed, to the first control after it or before it.
      const target = this.renderRoot.querySelector<HTMLElement>(e.key === 'End' ? '[part~=load-more]' : '[part~=banner], [part~=new-thread]');
      if (target) {
        e.preventDefault();
        target.focus();
      }
    } else if (e.key === 'Enter' && path[0] === article) {
      e.preventDefault();
      (article.querySelector('.title-link') as HTMLElement | null)?.click();
    }
  };

  // ----- helpers -----

  /** @internal */
  announce(text: string): void {
    // Next frame: callers may be inside an update. Clear first so a repeated sentence is read again.
    requestAnimationFrame(() => {
      this.announcement = '';
      requestAnimationFrame(() => (this.announcement = text));
    });
  }

  /** @internal */
  announceCount(n: number): void {
    const count = new Intl.NumberFormat(this.locale).format(n);
    this.announce(n === 1 ? msg('1 thread loaded', { id: 'forum-feed-one-loaded' }) : msg(str`${count} threads loaded`, { id: 'forum-feed-n-loaded' }));
  }

  /** @internal After the next render, focuses the first of `selectors` that matches. */
  focusAfterUpdate(...selectors: (string | null)[]): void {
    void this.updateComplete.then(() => {
      for (const selector of selectors) {
        const target = selector ? this.renderRoot.querySelector<HTMLElement>(selector) : null;
        if (!target) continue;
        // Rows keep the scroll position (the partner is reading there); panels that open scroll into view.
        target.focus({ preventScroll: selector !== '#thread-heading' && selector !== '#nt-title' });
        return;
      }
    });
  }
}
