/**
 * The host contract of `<confab-notifications>`: what its lazy parts (parts/) may use of the element.
 * The element implements it; the parts import this file, never the element class.
 */
import type { ReactiveControllerHost } from 'lit';
import type { CommunityBackend } from '../../backends/types.js';
import type { Notification, NotificationPage } from '../../contract/notifications.js';
import type { NotificationsApi } from '../../backends/notifications.js';
import type { ResourceController } from '../../core/resource.js';

/** A backend that has the notifications capability. */
export type NotifyingBackend = CommunityBackend & NotificationsApi;

/** What the popover list (parts/list.ts) and the preferences panel (parts/preferences.ts) use. */
export interface NotificationsHost extends ReactiveControllerHost, HTMLElement {
  /** The first page of notifications with the unread count. */
  readonly page: ResourceController<NotificationPage>;
  backendNow(): NotifyingBackend | undefined;
  localeNow(): string;
  /** Says `text` in the element's live region. */
  announce(text: string): void;
  /** Closes the popover; focus goes back to the bell. */
  close(): void;
  /** Switches the popover between the list and the preferences panel. */
  showPanel(panel: 'list' | 'preferences'): void;
  /** Opens what a notification is about: the page's own element, or the host page's router. */
  openNotification(notification: Notification): void;
  /** After the next render, focuses the first element matching `selector` in the shadow root. */
  focusAfterUpdate(selector: string): void;
}

/** Ids of the popover and its heading, shared by the element and its parts (aria-controls, aria-labelledby). */
export const POPOVER_ID = 'popover';
export const HEADING_ID = 'popover-heading';
