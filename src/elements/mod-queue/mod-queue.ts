import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { LiveEvent, Me } from '../../contract/index.js';
import type { FlagReason, ModerationActionName, QueueFilter as ContractQueueFilter, QueueItem, QueuePage } from '../../contract/index.js';
import { hasModeration, type ModerationApi } from '../../backends/moderation.js';
import { ResourceController } from '../../core/resource.js';
import { AuthError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { onConfigChange } from '../../core/config.js';
import { LazyPart, partLoader } from '../../core/lazy-part.js';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { checkEnum } from '../../ui/dev-warn.js';
import { emptyState, errorState, skeleton } from '../../ui/states.js';
import { ConfabElement } from '../confab-element.js';
import { itemKey, type ActionRequest, type ModQueueHost } from './host.js';
import { actionLabel, reasonLabel } from './labels.js';
import { modQueueStyles } from './mod-queue.styles.js';
import { queueItem } from './queue-item.js';

/** The reason form of every action (parts/action-form.ts), loaded at the first action or in idle time. */
const formPart = partLoader(() => import('./parts/action-form.js'));

// The contract's lists, restated so that valibot stays out of this chunk (TypeScript checks they agree).
/** What `filter` accepts: everything to review, only reported items, or only items held or hidden awaiting a decision. */
export const QUEUE_FILTERS = ['all', 'flagged', 'held'] as const satisfies readonly ContractQueueFilter[];
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
const FLAG_REASONS = ['spam', 'off-topic', 'inappropriate', 'other'] as const satisfies readonly FlagReason[];

/** Live events that change the queue. Their names are the server's (issue 14); others are ignored. */
const QUEUE_EVENTS = new Set(['flag.created', 'content.held', 'content.hidden']);

const isModerator = (me: Me | undefined) => !!me?.authenticated && me.roles.some((r) => r === 'moderator' || r === 'vendor-staff');

/**
 * The moderation queue, for moderators and vendor staff: reported and held items in their context,
 * filtered by kind of entry or by report reason; approve, hide, delete, lock, pin or suspend the author,
 * each with a reason for the audit log; bulk approve and bulk hide of the selected items. With `live`,
 * a new report refreshes the queue and is announced. Partners and signed-out visitors see a
 * "for moderators" message; a backend without moderation says so.
 *
 * Keyboard: Tab reaches every control. In the list, ArrowDown / ArrowUp (and Home / End) move between
 * items; on an item, Space selects it, A starts Approve and H starts Hide. Escape closes the action form
 * and returns to the button that opened it.
 *
 * @tag confab-mod-queue
 * @summary Moderation queue: reports, held content, actions with reasons, bulk actions.
 *
 * @fires confab-load - Data arrived: `{ what: 'queue' | 'me' }`.
 * @fires confab-error - A fetch or an action failed: `{ error, status }`.
 * @fires confab-moderated - An action went through: `{ action, targets }`.
 *
 * @csspart base - The themed frame around everything.
 * @csspart header - The heading row with the filters.
 * @csspart filters - The filter controls.
 * @csspart bulk - The bulk bar: select all, approve selected, hide selected.
 * @csspart list - The queue.
 * @csspart item - One item (`<article>`).
 * @csspart select - An item's checkbox.
 * @csspart context - What the item is and where it sits.
 * @csspart excerpt - The item's text, cut short.
 * @csspart meta - Author and time.
 * @csspart avatar - The author's picture or initials.
 * @csspart status - Published, held or hidden.
 * @csspart count - The number of reports.
 * @csspart chip - A report reason, locked, pinned.
 * @csspart notes - The reporters' notes.
 * @csspart actions - An item's action buttons.
 * @csspart action - One action button (also `button`).
 * @csspart action-form - The form asking for the reason of an action.
 * @csspart button - Every button (also `action`, `submit`, `cancel`, `retry`).
 * @csspart submit - Confirms an action (also `button`).
 * @csspart cancel - Closes the action form (also `button`).
 * @csspart retry - "Try again" on an error panel (also `button`).
 * @csspart input - The reason and date fields.
 * @csspart empty - The empty and "for moderators" states.
 * @csspart error - An error panel.
 * @csspart skeleton - Loading placeholders.
 *
 * @cssprop --confab-color-accent - Primary buttons and focus rings.
 * @cssprop --confab-color-danger - The Delete button and hidden items.
 *
 * @example
 * <confab-mod-queue filter="flagged" live></confab-mod-queue>
 */
export class ConfabModQueue extends ConfabElement implements ModQueueHost {
  static override styles = [tokens, controls, modQueueStyles];

  static override properties: PropertyDeclarations = {
    filter: {},
    reason: {},
    pageSize: { type: Number, attribute: 'page-size' },
    live: { type: Boolean },
    /** @private */
    selected: { state: true, attribute: false },
    /** @private */
    announcement: { state: true, attribute: false },
  };

  /** `all` (default), `flagged` (reported items) or `held` (held before publication). */
  filter: QueueFilter = 'all';
  /** Only items reported for this reason: `spam`, `off-topic`, `inappropriate` or `other`. Empty: any. */
  reason = '';
  /** Items per page, 1 to 100. Default 50. */
  pageSize = 50;
  /** Refresh when a new report or held item arrives (backend `subscribe`), and announce it. */
  live = false;

  private selected = new Set<string>();
  private announcement = '';
  private unlistenConfig?: () => void;
  private liveAbort?: AbortController;

  private readonly me = new ResourceController<Me>(this, {
    backend: () => this.backend,
    key: () => 'me',
    fetch: (b, signal) => b.me({ signal }),
    cache: false,
    what: 'me',
  });

  /** @internal */
  readonly queue = new ResourceController<QueuePage>(this, {
    backend: () => this.backend,
    // Asked only of a moderator's backend that can answer: everyone else sees a message instead.
    key: () => (hasModeration(this.backend) && isModerator(this.me.value) ? `mod-queue:${JSON.stringify(this.query())}` : null),
    fetch: (b, signal) => (b as ModerationApi).moderationQueue(this.query(), { signal }),
    cache: false,
    what: 'queue',
    onFresh: (page) => {
      // Items that left the queue leave the selection too.
      const keys = new Set(page.items.map(itemKey));
      const kept = new Set([...this.selected].filter((k) => keys.has(k)));
      if (kept.size !== this.selected.size) this.selected = kept;
    },
  });

  private readonly formPart = new LazyPart(this, formPart, { create: (m) => new m.ActionForm(this) });
  private formScheduled = false;

  private get effectiveFilter(): QueueFilter {
    return checkEnum(this, 'filter', this.filter ?? 'all', QUEUE_FILTERS, 'all');
  }

  private get effectiveReason(): FlagReason | undefined {
    return FLAG_REASONS.includes(this.reason as FlagReason) ? (this.reason as FlagReason) : undefined;
  }

  private query() {
    const filter = this.effectiveFilter;
    const reason = this.effectiveReason;
    const limit = Math.min(Math.max(Math.trunc(Number(this.pageSize)) || 50, 1), 100);
    return { ...(filter === 'all' ? {} : { filter }), ...(reason ? { reason } : {}), limit };
  }

  /** @internal */
  get items(): QueueItem[] {
    return this.queue.value?.items ?? [];
  }

  /** @internal */
  moderationNow(): ModerationApi | undefined {
    const b = this.backend;
    return hasModeration(b) ? b : undefined;
  }

  /** @internal */
  localeNow(): string {
    return this.locale;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
    // A moderator signing in on the host page: ask again who it is, so the queue appears without a reload.
    this.unlistenConfig = onConfigChange(() => void this.me.refresh());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    this.unlistenConfig?.();
    this.stopLive();
  }

  /** Loads the queue and who is signed in again. */
  refresh(): Promise<void> {
    return Promise.all([this.me.refresh(), this.queue.refresh()]).then(() => undefined);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const backend = this.backend;
    const wantLive = this.live && isModerator(this.me.value) && hasModeration(backend) && !!backend?.subscribe;
    if (wantLive && !this.liveAbort) {
      const abort = (this.liveAbort = new AbortController());
      backend!.subscribe!((ev) => this.onLiveEvent(ev), abort.signal);
    } else if (!wantLive) this.stopLive();
    if (!this.formScheduled && this.queue.status === 'ready' && this.items.length) {
      this.formScheduled = true;
      const idle = (globalThis.requestIdleCallback as ((cb: () => void) => number) | undefined) ?? ((cb: () => void) => setTimeout(cb, 200));
      idle(() => this.formPart.prefetch());
    }
  }

  private stopLive(): void {
    this.liveAbort?.abort();
    this.liveAbort = undefined;
  }

  private onLiveEvent(ev: LiveEvent): void {
    // The contract's event list may not name moderation events on every server: compare as text.
    if (!QUEUE_EVENTS.has(String(ev.type))) return;
    void this.queue.refresh().then(() => this.announce(msg('New item in the moderation queue', { id: 'mod-queue-live-new' })));
  }

  override render(): TemplateResult {
    const label = msg('Moderation queue', { id: 'mod-queue-label' });
    return this.frame(
      html`<div class="header" part="header">
          <h2 class="heading">${label}</h2>
          ${this.showsQueue() ? this.filters() : nothing}
        </div>
        ${this.body()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`,
      label,
    );
  }

  private showsQueue(): boolean {
    return hasModeration(this.backend) && isModerator(this.me.value);
  }

  private body(): TemplateResult {
    const backend = this.backend;
    if (!backend) {
      return emptyState(msg('The community is not connected yet.', { id: 'mod-queue-no-backend' }),
        msg('The page has not configured a Confab backend.', { id: 'mod-queue-no-backend-detail' }));
    }
    if (!hasModeration(backend)) {
      return emptyState(msg('Moderation is not available on this backend.', { id: 'mod-queue-unavailable' }),
        msg('The community server this page uses has no moderation queue.', { id: 'mod-queue-unavailable-detail' }));
    }
    const me = this.me;
    if (me.value === undefined) {
      return me.status === 'error' && me.error ? errorState(me.error, () => void me.refresh()) : html`<div aria-busy="true">${skeleton(3)}</div>`;
    }
    const queue = this.queue;
    const forbidden = queue.error instanceof AuthError && queue.error.status === 403;
    if (!isModerator(me.value) || forbidden) return this.forModerators(me.value.authenticated);
    if (queue.value === undefined) {
      return queue.status === 'error' && queue.error
        ? errorState(queue.error, () => void queue.refresh())
        : html`<div class="list" part="list" aria-busy="true">${skeleton(3)}</div>`;
    }
    const error = queue.status === 'error' && queue.error ? errorState(queue.error, () => void queue.refresh()) : nothing;
    if (!this.items.length) {
      return html`${error}${emptyState(msg('Nothing to review.', { id: 'mod-queue-empty' }),
        this.effectiveFilter === 'all' && !this.effectiveReason
          ? msg('Reported and held items appear here.', { id: 'mod-queue-empty-detail' })
          : msg('No item matches these filters.', { id: 'mod-queue-empty-filtered' }))}`;
    }
    const form = this.formPart.value;
    return html`${error}${this.bulkBar()}
      ${form?.request?.bulk ? form.render() : nothing}
      <div class="list" part="list" role="feed" aria-busy=${queue.status === 'loading' ? 'true' : 'false'}
        aria-label=${msg('Items to review', { id: 'mod-queue-items' })}>
        ${this.items.map((item, index) => queueItem(item, {
          index, locale: this.locale, selected: this.selected.has(itemKey(item)),
          toggle: (i, on) => this.toggle(i, on),
          start: (a, i) => void this.start({ action: a, items: [i], bulk: false }, `[data-key="${CSS.escape(itemKey(i))}"] [data-action="${a}"]`),
          form: form?.isFor(item) ? form.render() : nothing,
        }))}
      </div>`;
  }

  private forModerators(signedIn: boolean): TemplateResult {
    return emptyState(msg('This queue is for moderators.', { id: 'mod-queue-for-moderators' }),
      signedIn
        ? msg('Your account has no moderator role. Ask your community team if you should have one.', { id: 'mod-queue-no-role' })
        : msg('Sign in with a moderator account to review reports.', { id: 'mod-queue-sign-in' }));
  }

  private filters(): TemplateResult {
    return html`<div class="filters" part="filters">
      <label class="filter">
        <span>${msg('Show', { id: 'mod-queue-show' })}</span>
        <select class="select" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as QueueFilter)}>
          <option value="all" ?selected=${this.effectiveFilter === 'all'}>${msg('Everything to review', { id: 'mod-queue-filter-all' })}</option>
          <option value="flagged" ?selected=${this.effectiveFilter === 'flagged'}>${msg('Reported', { id: 'mod-queue-filter-flagged' })}</option>
          <option value="held" ?selected=${this.effectiveFilter === 'held'}>${msg('Held for review', { id: 'mod-queue-filter-held' })}</option>
        </select>
      </label>
      <label class="filter">
        <span>${msg('Reason', { id: 'mod-queue-reason' })}</span>
        <select class="select" @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.effectiveReason}>${msg('Any reason', { id: 'mod-queue-reason-any' })}</option>
          ${FLAG_REASONS.map((r) => html`<option value=${r} ?selected=${this.effectiveReason === r}>${reasonLabel(r)}</option>`)}
        </select>
      </label>
    </div>`;
  }

  private bulkBar(): TemplateResult {
    const n = this.selected.size;
    const all = n > 0 && n === this.items.length;
    const count = new Intl.NumberFormat(this.locale).format(n);
    const bulk = (action: ModerationActionName) => () => {
      const items = this.items.filter((i) => this.selected.has(itemKey(i)));
      void this.start({ action, items, bulk: true }, `[part~=bulk] [data-action="${action}"]`);
    };
    return html`<div class="bulk" part="bulk" role="group" aria-label=${msg('Selected items', { id: 'mod-queue-bulk' })}>
      <label class="select-all">
        <input type="checkbox" .checked=${all} .indeterminate=${n > 0 && !all} @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked)} />
        <span>${msg('Select all', { id: 'mod-queue-select-all' })}</span>
      </label>
      <span class="selected-count" aria-live="polite">${msg(str`${count} selected`, { id: 'mod-queue-selected' })}</span>
      <button type="button" class="btn small primary" part="button action" data-action="approve" ?disabled=${!n} @click=${bulk('approve')}>
        ${msg('Approve selected', { id: 'mod-queue-bulk-approve' })}
      </button>
      <button type="button" class="btn small" part="button action" data-action="hide" ?disabled=${!n} @click=${bulk('hide')}>
        ${msg('Hide selected', { id: 'mod-queue-bulk-hide' })}
      </button>
    </div>`;
  }

  // ----- selection and actions -----

  private toggle(item: QueueItem, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(itemKey(item));
    else next.delete(itemKey(item));
    this.selected = next;
  }

  private selectAll(on: boolean): void {
    this.selected = on ? new Set(this.items.map(itemKey)) : new Set();
  }

  /** Opens the reason form for `request` (loading its part first), or says why it cannot. */
  private async start(request: ActionRequest, opener: string): Promise<void> {
    if (!request.items.length) return;
    const form = await this.formPart.load();
    if (!form) {
      if (this.formPart.error) this.reportError(this.formPart.error);
      this.announce(msg('This part of the community could not be loaded. Check your connection and try again.', { id: 'mod-queue-chunk-failed' }));
      return;
    }
    form.open(request, opener);
  }

  /** @internal */
  actionsDone(request: ActionRequest, done: QueueItem[]): void {
    const n = new Intl.NumberFormat(this.locale).format(done.length);
    emit(this, 'confab-moderated', { action: request.action, targets: done.map((i) => i.target) });
    const next = new Set(this.selected);
    for (const i of done) next.delete(itemKey(i));
    this.selected = next;
    // Focus the item after the first one acted on (or the list), so work goes on from where it was.
    const firstIndex = this.items.findIndex((i) => done.includes(i));
    const after = this.items.slice(firstIndex + 1).find((i) => !done.includes(i));
    void this.queue.refresh().then(() => {
      this.announce(msg(str`${actionLabel(request.action)}: done for ${n}`, { id: 'mod-queue-done' }));
      this.focusAfterUpdate(after ? `[data-key="${CSS.escape(itemKey(after))}"]` : null, 'article.item', '.heading');
    });
  }

  // ----- keyboard -----

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const path = e.composedPath();
    const article = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.localName === 'article' && n.classList.contains('item'));
    if (!article) return;
    const onArticle = path[0] === article;
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('article.item')];
    const at = rows.indexOf(article);
    let target: HTMLElement | undefined;
    if (e.key === 'ArrowDown' && onArticle) target = rows[at + 1];
    else if (e.key === 'ArrowUp' && onArticle) target = rows[at - 1];
    else if (e.key === 'Home' && onArticle) target = rows[0];
    else if (e.key === 'End' && onArticle) target = rows[rows.length - 1];
    else if (onArticle && (e.key === ' ' || e.key === 'a' || e.key === 'h')) {
      e.preventDefault();
      const selector = e.key === ' ' ? '.select' : `[data-action="${e.key === 'a' ? 'approve' : 'hide'}"]`;
      article.querySelector<HTMLElement>(selector)?.click();
      return;
    }
    if (target) {
      e.preventDefault();
      target.focus();
    }
  };

  // ----- helpers -----

  /** @internal */
  announce(text: string): void {
    requestAnimationFrame(() => {
      this.announcement = '';
      requestAnimationFrame(() => (this.announcement = text));
    });
  }

  /** @internal After the next render, focuses the first of `selectors` that matches. */
  focusAfterUpdate(...selectors: (string | null)[]): void {
    void this.updateComplete.then(() => {
      for (const selector of selectors) {
        const target = selector ? this.renderRoot.querySelector<HTMLElement>(selector) : null;
        if (!target) continue;
        target.focus();
        return;
      }
    });
  }
}
