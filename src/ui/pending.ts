import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/**
 * The badge every form puts next to a write waiting in the outbox (a reply, an answer, a thread, a
 * question): one wording and one `part` for all of them. Styled by `composerStyles` (`.pending-badge`).
 */
export function pendingBadge(): TemplateResult {
  return html`<span class="pending-badge" part="pending">${msg('Pending: will post when online', { id: 'write-pending' })}</span>`;
}
