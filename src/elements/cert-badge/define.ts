import { ConfabCertBadge } from './cert-badge.js';

ConfabCertBadge.define('confab-cert-badge');

declare global {
  interface HTMLElementTagNameMap {
    'confab-cert-badge': ConfabCertBadge;
  }
}
