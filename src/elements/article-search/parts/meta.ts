import { html, type TemplateResult } from 'lit';
import { absoluteTime, relativeTime } from '../../../core/time.js';
import { contentTypeLabel } from './labels.js';

/** "Gateway · How-to · 3 days ago": the meta line of a result and of the reader. */
export function articleMeta(a: { product: string; contentType: string; updatedAt: string }, locale: string): TemplateResult {
  return html`<span class="meta" part="meta"
    >${a.product} · ${contentTypeLabel(a.contentType)} ·
    <time datetime=${a.updatedAt} title=${absoluteTime(a.updatedAt, locale)}>${relativeTime(a.updatedAt, locale)}</time></span
  >`;
}
