import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { UnreachableError, type ConfabError } from '../core/errors.js';
import { errorText } from './error-text.js';

/**
 * Placeholder rows while the first page loads; hidden from screen readers, which hear aria-busy instead.
 * Bar widths come from `controls` (odd and even rows differ), not from style attributes, which a
 * strict CSP without 'unsafe-inline' styles would report.
 */
export function skeleton(rows = 3): TemplateResult {
  return html`<div class="skeleton" part="skeleton" aria-hidden="true">
    ${Array.from({ length: rows }, () => html`<div><div class="bar"></div><div class="bar"></div></div>`)}
  </div>`;
}

export function emptyState(title: string, detail?: string, action?: TemplateResult): TemplateResult {
  return html`<div class="state" part="empty">
    <strong>${title}</strong>
    ${detail ? html`<span>${detail}</span>` : nothing}
    ${action ?? nothing}
  </div>`;
}

/** The error panel: a readable title, what was wrong, and a retry button. */
export function errorState(error: ConfabError, retry: () => void): TemplateResult {
  const { title, detail } = errorText(error);
  return html`<div class="state" part="error" role="alert">
    <strong>${title}</strong>
    ${detail ? html`<span class="error-detail">${detail}</span>` : nothing}
    <button class="btn" part="button retry" @click=${retry}>${msg('Try again', { id: 'retry' })}</button>
  </div>`;
}

/**
 * Shown above cached content when the latest refresh got no response. It says "offline" unless
 * `cause` says the browser was online and the server is what did not answer (down, wrong URL, CORS).
 */
export function offlineNotice(savedAt: number | null, locale: string, retry: () => void, cause?: ConfabError | null): TemplateResult {
  const ago = savedAt ? relative(savedAt, locale) : '';
  const text =
    cause instanceof UnreachableError
      ? savedAt
        ? msg(str`Could not reach the community server: showing what was saved ${ago}.`, { id: 'unreachable-saved' })
        : msg('Could not reach the community server: showing saved content.', { id: 'unreachable' })
      : savedAt
        ? msg(str`Offline: showing what was saved ${ago}.`, { id: 'offline-saved' })
        : msg('Offline: showing saved content.', { id: 'offline' });
  return html`<div class="notice" part="offline-notice" role="status">
    <span>${text}</span>
    <button class="btn small ghost" part="button retry" @click=${retry}>${msg('Try again', { id: 'retry' })}</button>
  </div>`;
}

function relative(at: number, locale: string): string {
  const seconds = Math.round((at - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** Initials for an avatar without a picture: first letters of the first and last word. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}

// A picture that fails (a blocked or expired host, a forum's avatar behind its own CSP) hides itself
// and uncovers the initials beneath it, instead of the browser's broken-image glyph. Lit reuses the img
// for the next author in a list, only changing its src: that author's picture shows itself again on
// `load`. Hidden by visibility, so the img keeps its box and a lazy one is still loaded in view.
const settle = (e: Event) => ((e.target as HTMLElement).style.visibility = e.type === 'error' ? 'hidden' : '');

/** The author's picture over their initials; initials alone without a usable picture URL. */
export function avatar(author: { name: string; avatarUrl: string | null }): TemplateResult {
  return html`<span class="avatar" part="avatar" aria-hidden="true"
    >${initials(author.name)}${author.avatarUrl && /^https?:|^data:image\/(png|jpe?g|gif|webp|svg\+xml);/i.test(author.avatarUrl)
      ? html`<img src=${author.avatarUrl} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${settle} @load=${settle} />`
      : nothing}</span
  >`;
}
