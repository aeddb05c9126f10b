import { ConfabNotifications } from './notifications.js';

ConfabNotifications.define('confab-notifications');

declare global {
  interface HTMLElementTagNameMap {
    'confab-notifications': ConfabNotifications;
  }
}
