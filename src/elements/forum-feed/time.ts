import { html, type TemplateResult } from 'lit';
import { absoluteTime, relativeTime } from '../../core/time.js';

/** `<time>` with the relative time as text and the absolute time as its tooltip, both in `locale`. */
export function timeTag(iso: string, locale: string): TemplateResult {
  return html`<time datetime=${iso} title=${absoluteTime(iso, locale)}>${relativeTime(iso, locale)}</time>`;
}
