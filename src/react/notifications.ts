import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabNotifications } from '../elements/notifications/notifications.js';
import '../elements/notifications/define.js';
import { loadEvents, on } from './events.js';

/**
 * `<confab-notifications>` for React. Rendering it registers the tag.
 *
 * @example
 * <Notifications onConfabNotificationOpen={(e) => { e.preventDefault(); router.push(urlOf(e.detail.notification)); }} />
 */
export const Notifications = createComponent({
  tagName: 'confab-notifications',
  elementClass: ConfabNotifications,
  react: React,
  displayName: 'Notifications',
  events: { ...loadEvents, onConfabNotificationOpen: on('confab-notification-open') },
});
