import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { hasNotifications } from '../../backends/notifications.js';
import type { Me } from '../../contract/me.js';
import type { Notification, NotificationLiveEvent, NotificationPage } from '../../contract/notifications.js';
import { onConfigChange } from '../../core/config.js';
import { AuthError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { LazyPart, partLoader } from '../../core/lazy-part.js';
import { ResourceController } from '../../core/resource.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';
import { emptyState, errorState, skeleton } from '../../ui/states.js';
import { ConfabElement } from '../confab-element.js';
import { bell } from './bell.js';
import { HEADING_ID, POPOVER_ID, type NotificationsHost, type NotifyingBackend } from './host.js';
import { notificationsStyles } from './notifications.styles.js';
import { openInPage } from './open-target.js';

/** The popover's list (parts/list.ts) and the preferences panel (parts/preferences.ts): loaded when asked for. */
const listPart = partLoader(() => import('./parts/list.js'));
const preferencesPart = partLoader(() => import('./parts/preferences.js'));

const PAGE_SIZE = 20;

/**
 * The signed-in partner's notifications: a bell with the unread count, kept up to date live, and a
 * popover listing them by topic, with mark-read, mark-all-read and the partner's delivery preferences.
 * Opening a notification opens its thread or question in the page's own forum feed or Q&A box, or
 * fires `confab-notification-open` for the host page to route.
 *
 * @tag confab-notifications
 * @summary Notification bell with unread badge, popover list and preferences.
 *
 * @fires confab-notification-open - A notification is about to open: `{ notification }`. Cancelable: `preventDefault()` to route it yourself.
 * @fires confab-load - Notifications arrived: `{ what: 'notifications' }`.
 * @fires confab-error - Loading or a write failed: `{ error, status }`.
 * @fires confab-auth-required - A signed-out partner pressed "Sign in": `{ action: 'notifications' }`.
 *
 * @csspart base - The themed frame around everything.
 * @csspart bell - The bell button.
 * @csspart badge - The unread count on the bell.
 * @csspart popover - The popover (a non-modal dialog).
 * @csspart header - The popover's heading row.
 * @csspart list - The list of topics.
 * @csspart group - One topic with its notifications.
 * @csspart item - One notification.
 * @csspart unread - The mark of an unread notification.
 * @csspart button - Every button in the popover (also `mark-all`, `mark-read`, `preferences`, `back`, `load-more`, `save`, `retry`, `sign-in`).
 * @csspart mark-all - "Mark all read" (also `button`).
 * @csspart mark-read - "Mark read" on one notification (also `button`).
 * @csspart preferences - The button that shows the preferences panel (also `button`).
 * @csspart save - "Save preferences" (also `button`).
 * @csspart back - Back from the preferences to the list (also `button`).
 * @csspart load-more - "Show more" under the list (also `button`).
 * @csspart input - A delivery choice in the preferences.
 * @csspart retry - "Try again" on an error panel (also `button`).
 * @csspart sign-in - "Sign in" in the signed-out popover (also `button`).
 * @csspart empty - The empty, signed-out and unavailable states.
 * @csspart error - An error panel.
 * @csspart skeleton - Loading placeholders.
 *
 * @cssprop --confab-color-accent - The badge, links and focus rings.
 *
 * @example
 * <confab-notifications></confab-notifications>
 */
export class ConfabNotifications extends ConfabElement implements NotificationsHost {
  static override styles = [tokens, controls, notificationsStyles];

  static override properties: PropertyDeclarations = {
    label: {},
    /** @private */
    expanded: { state: true, attribute: false },
    /** @private */
    panel: { state: true, attribute: false },
    /** @private */
    announcement: { state: true, attribute: false },
  };

  /** Accessible name of the popover. Default: "Notifications". */
  label?: string;

  private expanded = false;
  private panel: 'list' | 'preferences' = 'list';
  private announcement = '';
  private focusSelector?: string;
  private unlistenConfig?: () => void;
  /** The live subscription, for the backend and partner it was opened for. */
  private live?: { backend: NotifyingBackend; abort: AbortController };

  /** Who is signed in: nobody means no notifications call at all (a 401 would only add noise to the console). */
  private readonly me = new ResourceController<Me>(this, {
    backend: () => this.notifying,
    key: () => 'me',
    fetch: (b, signal) => b.me({ signal }),
    cache: false,
  });

  /** @internal */
  readonly page = new ResourceController<NotificationPage>(this, {
    backend: () => this.notifying,
    // Per partner: a sign-in as someone else is a new key, so nobody ever sees the previous partner's list.
    key: () => (this.me.value?.authenticated ? `notifications:${this.me.value.id}:${PAGE_SIZE}` : null),
    fetch: (b, signal) => (b as NotifyingBackend).listNotifications({ limit: PAGE_SIZE }, { signal }),
    // Someone else's notifications must never show after a sign-out: always from the backend.
    cache: false,
    what: 'notifications',
  });

  private readonly listPart = new LazyPart(this, listPart, { create: (m) => new m.NotificationList(this) });
  private readonly preferencesPart = new LazyPart(this, preferencesPart, { create: (m) => new m.PreferencesPanel(this) });

  /** The backend, when it has the notifications capability. */
  private get notifying(): NotifyingBackend | undefined {
    const b = this.backend;
    return hasNotifications(b) ? b : undefined;
  }

  private get signedOut(): boolean {
    if (this.me.value?.authenticated === false) return true;
    return this.page.status === 'error' && this.page.error instanceof AuthError && this.page.error.status === 401;
  }

  /** The unread count to show, undefined when there is none to show (signed out, loading, failed). */
  get unread(): number | undefined {
    return this.signedOut || this.page.status === 'error' ? undefined : this.page.value?.unread;
  }

  // ----- the host contract (host.ts), for the lazy parts -----

  /** @internal */
  backendNow(): NotifyingBackend | undefined {
    return this.notifying;
  }

  /** @internal */
  localeNow(): string {
    return this.locale;
  }

  /** @internal */
  announce(text: string): void {
    // Clear first so the same sentence twice is still spoken.
    void Promise.resolve()
      .then(() => {
        this.announcement = '';
        return this.updateComplete;
      })
      .then(() => (this.announcement = text));
  }

  /** @internal */
  focusAfterUpdate(selector: string): void {
    this.focusSelector = selector;
    this.requestUpdate();
  }

  /** @internal */
  showPanel(panel: 'list' | 'preferences'): void {
    this.panel = panel;
    const part = panel === 'preferences' ? this.preferencesPart : this.listPart;
    // The heading is there at once (over a skeleton) and again once the part arrives: focus it both times.
    this.focusAfterUpdate(`#${HEADING_ID}`);
    void part.load().then((loaded) => loaded && this.focusAfterUpdate(`#${HEADING_ID}`));
  }

  /** @internal */
  openNotification(notification: Notification): void {
    this.close();
    if (!emit(this, 'confab-notification-open', { notification }, { cancelable: true })) return;
    const root = this.getRootNode();
    const opened = openInPage(root instanceof ShadowRoot ? root : document, notification) || (root instanceof ShadowRoot && openInPage(document, notification));
    if (!opened) this.announce(msg('This page has no place to show it.', { id: 'notifications-no-opener' }));
  }

  // ----- public API -----

  /** Opens the popover (and loads the list). */
  show(): void {
    this.expanded = true;
    this.showPanel('list');
  }

  /** Closes the popover; focus returns to the bell when it was inside. */
  close(): void {
    if (!this.expanded) return;
    const focusInside = !!this.shadowRoot?.activeElement && this.shadowRoot.activeElement !== this.bellButton;
    this.expanded = false;
    if (focusInside) this.focusAfterUpdate('[part~="bell"]');
  }

  /** Fetches the notifications again. */
  refresh(): Promise<void> {
    return this.page.refresh();
  }

  private get bellButton(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="bell"]');
  }

  // ----- lifecycle -----

  override connectedCallback(): void {
    super.connectedCallback();
    // A sign-in or sign-out configures a new getToken: ask again, and listen again for the new partner.
    this.unlistenConfig = onConfigChange(() => {
      this.stopLive();
      void this.me.refresh().then(() => this.page.refresh());
    });
    document.addEventListener('pointerdown', this.onOutside, true);
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlistenConfig?.();
    this.stopLive();
    document.removeEventListener('pointerdown', this.onOutside, true);
    this.removeEventListener('keydown', this.onKeydown);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncLive();
    if (this.focusSelector) {
      const el = this.renderRoot.querySelector<HTMLElement>(this.focusSelector);
      if (el) {
        this.focusSelector = undefined;
        el.focus();
      }
    }
  }

  /** Listens for new notifications while a partner is signed in with a backend that can tell. */
  private syncLive(): void {
    const backend = this.notifying;
    // A backend may list notifications without telling of new ones live (the capability is per method).
    const wanted = backend && typeof backend.subscribeNotifications === 'function' && this.page.status === 'ready' && !this.signedOut ? backend : undefined;
    if (this.live?.backend === wanted) return;
    this.stopLive();
    if (!wanted) return;
    const abort = new AbortController();
    this.live = { backend: wanted, abort };
    wanted.subscribeNotifications((n) => this.arrived(n), abort.signal);
  }

  private stopLive(): void {
    this.live?.abort.abort();
    this.live = undefined;
  }

  /** A new notification: shown and counted at once (the event carries the unread count), then the page is fetched again. */
  private arrived({ notification: n, unread }: NotificationLiveEvent): void {
    const page = this.page.value;
    if (page && !page.items.some((x) => x.id === n.id)) this.page.mutate({ ...page, items: [n, ...page.items], unread });
    this.announce(msg(str`New notification: ${n.target.title}`, { id: 'notifications-arrived' }));
    void this.page.refresh();
  }

  private readonly onOutside = (e: PointerEvent) => {
    if (this.expanded && !e.composedPath().includes(this)) this.close();
  };

  private readonly onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.expanded) {
      e.stopPropagation();
      this.expanded = false;
      this.focusAfterUpdate('[part~="bell"]');
    }
  };

  private toggle(): void {
    if (this.expanded) this.close();
    else this.show();
  }

  // ----- rendering -----

  protected override render(): TemplateResult {
    return this.frame(html`${bell({
      unread: this.unread,
      expanded: this.expanded,
      controls: POPOVER_ID,
      onClick: () => this.toggle(),
      onIntent: () => this.listPart.prefetch(),
    })}
      ${this.expanded ? this.popoverPanel() : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`);
  }

  private popoverPanel(): TemplateResult {
    return html`<div id=${POPOVER_ID} class="popover" part="popover" role="dialog" aria-labelledby=${HEADING_ID}>
      ${this.popoverContent()}
    </div>`;
  }

  private heading(): TemplateResult {
    return html`<div class="header" part="header">
      <h2 id=${HEADING_ID} class="heading" tabindex="-1">${this.label || msg('Notifications', { id: 'notifications-bell' })}</h2>
    </div>`;
  }

  private popoverContent(): TemplateResult {
    if (!this.backend) return html`${this.heading()}${emptyState(msg('No community server is configured.', { id: 'notifications-no-backend' }))}`;
    if (!this.notifying) return html`${this.heading()}${emptyState(msg('Notifications are not available on this backend.', { id: 'notifications-unavailable' }))}`;
    if (this.signedOut) {
      return html`${this.heading()}${emptyState(
        msg('Sign in to see your notifications.', { id: 'notifications-signed-out' }),
        undefined,
        html`<button type="button" class="btn primary" part="button sign-in" @click=${() => emit(this, 'confab-auth-required', { action: 'notifications' })}>
          ${msg('Sign in', { id: 'notifications-sign-in' })}
        </button>`,
      )}`;
    }
    if (this.me.status === 'error' && this.me.error) return html`${this.heading()}${errorState(this.me.error, () => void this.me.refresh())}`;
    const part = this.panel === 'preferences' ? this.preferencesPart : this.listPart;
    if (part.value) return part.value.render();
    if (part.status === 'error' && part.error) return html`${this.heading()}${errorState(part.error, part.retry)}`;
    return html`${this.heading()}<div aria-busy="true">${skeleton(3)}</div>`;
  }
}
