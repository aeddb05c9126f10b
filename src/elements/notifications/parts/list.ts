import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import type { MarkReadRequest, Notification, NotificationPage } from '../../../contract/notifications.js';
import { toConfabError } from '../../../core/errors.js';
import { emit } from '../../../core/events.js';
import { absoluteTime, relativeTime } from '../../../core/time.js';
import { emptyState, errorState, skeleton } from '../../../ui/states.js';
import { HEADING_ID, type NotificationsHost } from '../host.js';
import { groupByTopic, type TopicGroup } from './groups.js';
import { whatHappened } from './labels.js';
import { listStyles } from './list.styles.js';

export const styles = [listStyles];

/**
 * The popover's list: notifications grouped by topic, with mark-read, mark-all-read, "Show more" and
 * arrow-key movement between notifications. Writes are shown at once and undone if the backend refuses.
 */
export class NotificationList {
  /** Notifications of the pages after the first, loaded with "Show more". */
  private more: Notification[] = [];
  private cursor: string | null | undefined;
  private loadingMore = false;

  constructor(private readonly host: NotificationsHost) {}

  private get items(): Notification[] {
    const seen = new Set<string>();
    return [...(this.host.page.value?.items ?? []), ...this.more].filter((n) => !seen.has(n.id) && !!seen.add(n.id));
  }

  private get nextCursor(): string | null {
    return this.cursor === undefined ? (this.host.page.value?.nextCursor ?? null) : this.cursor;
  }

  render(): TemplateResult {
    const page = this.host.page;
    const unread = page.value?.unread ?? 0;
    return html`<div class="header" part="header">
        <h2 id=${HEADING_ID} class="heading" tabindex="-1">${msg('Notifications', { id: 'notifications-bell' })}</h2>
        <div class="actions">
          ${unread
            ? html`<button type="button" class="btn small ghost" part="button mark-all" @click=${() => void this.markAllRead()}>
                ${msg('Mark all read', { id: 'notifications-mark-all' })}
              </button>`
            : nothing}
          ${
            // Shown where the backend keeps delivery preferences (Discourse keeps its own, on its own screens).
            typeof this.host.backendNow()?.getPreferences === 'function'
              ? html`<button type="button" class="btn small ghost" part="button preferences" @click=${() => this.host.showPanel('preferences')}>
                  ${msg('Preferences', { id: 'notifications-preferences' })}
                </button>`
              : nothing
          }
        </div>
      </div>
      ${this.body()}`;
  }

  private body(): TemplateResult {
    const page = this.host.page;
    if (page.status === 'error' && !page.value) return errorState(page.error!, () => void page.refresh());
    if (!page.value) return html`<div aria-busy="true">${skeleton(3)}</div>`;
    const items = this.items;
    if (!items.length) {
      return emptyState(msg('No notifications yet', { id: 'notifications-empty' }),
        msg('Replies, answers and mentions in topics you follow will show here.', { id: 'notifications-empty-detail' }));
    }
    return html`<div class="groups" part="list" @keydown=${this.onKeydown}>
        ${
          // Keyed: a live arrival or a refresh reorders the list, and an unkeyed list would re-point a
          // button at another notification under a click in flight.
          repeat(groupByTopic(items), (g) => g.key, (g, i) => this.group(g, i))
        }
      </div>
      ${this.nextCursor
        ? html`<button type="button" class="btn small more" part="button load-more" ?disabled=${this.loadingMore} @click=${() => void this.loadMore()}>
            ${msg('Show more', { id: 'notifications-more' })}
          </button>`
        : nothing}`;
  }

  private group(g: TopicGroup, index: number): TemplateResult {
    const id = `group-${index}`;
    return html`<section class="group" part="group" aria-labelledby=${id}>
      <h3 id=${id} class="topic" dir="auto">${g.title}</h3>
      <ul class="items" role="list">${repeat(g.items, (n) => n.id, (n) => this.item(n))}</ul>
    </section>`;
  }

  private item(n: Notification): TemplateResult {
    const locale = this.host.localeNow();
    return html`<li class="item ${n.read ? 'read' : 'unread'}" part="item" data-id=${n.id}>
      <button type="button" class="open" data-open @click=${() => this.open(n)}>
        ${n.read ? nothing : html`<span class="dot" part="unread" aria-hidden="true"></span>`}
        <span class="what">${whatHappened(n)}${n.read ? '' : html`<span class="visually-hidden">, ${msg('unread', { id: 'notifications-unread' })}</span>`}</span>
        ${n.excerpt ? html`<span class="excerpt" dir="auto">${n.excerpt}</span>` : nothing}
        <time class="when" datetime=${n.createdAt} title=${absoluteTime(n.createdAt, locale)}>${relativeTime(n.createdAt, locale)}</time>
      </button>
      ${n.read
        ? nothing
        : html`<button type="button" class="btn small ghost mark" part="button mark-read" aria-label=${msg(str`Mark read: ${whatHappened(n)}`, { id: 'notifications-mark-read-label' })}
            @click=${() => void this.markRead([n.id])}>${msg('Mark read', { id: 'notifications-mark-read' })}</button>`}
    </li>`;
  }

  /** Up and down move between notifications; Home and End go to the first and last. */
  private readonly onKeydown = (e: KeyboardEvent) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const buttons = [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>('[data-open]') ?? [])];
    if (!buttons.length) return;
    e.preventDefault();
    const at = buttons.indexOf(this.host.shadowRoot!.activeElement as HTMLElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1
      : e.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0);
    buttons[next]!.focus();
  };

  private open(n: Notification): void {
    if (!n.read) void this.markRead([n.id], false);
    this.host.openNotification(n);
  }

  private async markAllRead(): Promise<void> {
    await this.write({ all: true }, (p) => ({ ...p, items: p.items.map((n) => ({ ...n, read: true })), unread: 0 }),
      msg('All notifications marked read.', { id: 'notifications-all-read' }));
    this.more = this.more.map((n) => ({ ...n, read: true }));
    this.host.focusAfterUpdate(`#${HEADING_ID}`);
  }

  private async markRead(ids: string[], say = true): Promise<void> {
    const wanted = new Set(ids);
    this.more = this.more.map((n) => (wanted.has(n.id) ? { ...n, read: true } : n));
    const newlyRead = this.items.filter((n) => wanted.has(n.id) && !n.read).length;
    // Focus stays in the list: on the notification whose button went away.
    if (say) this.host.focusAfterUpdate(`[data-id="${CSS.escape(ids[0]!)}"] [data-open]`);
    await this.write({ ids }, (p) => ({
      ...p, items: p.items.map((n) => (wanted.has(n.id) ? { ...n, read: true } : n)), unread: Math.max(0, p.unread - newlyRead),
    }), say ? msg('Marked read.', { id: 'notifications-marked-read' }) : '');
  }

  /** Shows the change at once, sends it, and fetches the truth again if the backend refused. */
  private async write(request: MarkReadRequest, change: (p: NotificationPage) => NotificationPage, done: string): Promise<void> {
    const page = this.host.page;
    const backend = this.host.backendNow();
    if (!backend || !page.value) return;
    page.mutate(change(page.value));
    try {
      // The backend's count wins over ours (another tab may have read or received some meanwhile).
      const { unread } = await backend.markNotificationsRead(request);
      if (page.value && page.value.unread !== unread) page.mutate({ ...page.value, unread });
      if (done) this.host.announce(done);
    } catch (e) {
      const error = toConfabError(e);
      this.host.announce(msg('Could not mark as read. Try again.', { id: 'notifications-read-failed' }));
      emit(this.host, 'confab-error', { error, status: error.status });
      void page.refresh();
    }
  }

  private async loadMore(): Promise<void> {
    const backend = this.host.backendNow();
    const cursor = this.nextCursor;
    if (!backend || !cursor) return;
    this.loadingMore = true;
    this.host.requestUpdate();
    try {
      const next = await backend.listNotifications({ cursor, limit: 20 });
      this.more = [...this.more, ...next.items];
      this.cursor = next.nextCursor;
      if (next.items[0]) this.host.focusAfterUpdate(`[data-id="${CSS.escape(next.items[0].id)}"] [data-open]`);
    } catch (e) {
      const error = toConfabError(e);
      this.host.announce(msg('Could not load more notifications.', { id: 'notifications-more-failed' }));
      emit(this.host, 'confab-error', { error, status: error.status });
    } finally {
      this.loadingMore = false;
      this.host.requestUpdate();
    }
  }
}
