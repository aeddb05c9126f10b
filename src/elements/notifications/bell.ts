import { html, nothing, svg, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';

const bellIcon = () =>
  svg`<svg class="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><path d="M10 2.5a5 5 0 0 0-5 5v3.2l-1.4 2.6a.6.6 0 0 0 .5.9h11.8a.6.6 0 0 0 .5-.9L15 10.7V7.5a5 5 0 0 0-5-5z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M8 16a2 2 0 0 0 4 0" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>`;

/** The count as the badge shows it: 99+ beyond 99. */
export const badgeText = (unread: number) => (unread > 99 ? '99+' : String(unread));

/** The bell's accessible name says the count, so the badge itself is hidden from assistive tech. */
export function bellLabel(unread: number | undefined): string {
  if (!unread) return msg('Notifications', { id: 'notifications-bell' });
  return unread === 1
    ? msg('Notifications, 1 unread', { id: 'notifications-bell-one' })
    : msg(str`Notifications, ${unread} unread`, { id: 'notifications-bell-many' });
}

export interface BellOptions {
  unread: number | undefined;
  expanded: boolean;
  controls: string;
  onClick: () => void;
  onIntent: () => void;
}

/** The bell button with its unread badge. */
export function bell({ unread, expanded, controls, onClick, onIntent }: BellOptions): TemplateResult {
  return html`<button
    type="button"
    class="bell"
    part="bell"
    aria-haspopup="dialog"
    aria-expanded=${expanded ? 'true' : 'false'}
    aria-controls=${controls}
    aria-label=${bellLabel(unread)}
    @click=${onClick}
    @pointerenter=${onIntent}
    @focus=${onIntent}
  >
    ${bellIcon()}
    ${unread ? html`<span class="badge" part="badge" aria-hidden="true">${badgeText(unread)}</span>` : nothing}
  </button>`;
}
