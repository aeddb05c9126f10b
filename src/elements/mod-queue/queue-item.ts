import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ModerationActionName, QueueItem } from '../../contract/index.js';
import { absoluteTime, relativeTime } from '../../core/time.js';
import { avatar } from '../../ui/states.js';
import { itemKey } from './host.js';
import { actionLabel, contextLabel, heldReasonLabel, reasonLabel, reportCount, statusLabel } from './labels.js';

/** What a row needs from the element. */
export interface ItemContext {
  index: number;
  locale: string;
  selected: boolean;
  toggle: (item: QueueItem, on: boolean) => void;
  start: (action: ModerationActionName, item: QueueItem) => void;
  /** The open action form, when it belongs to this row. */
  form: TemplateResult | typeof nothing;
}

const timeTag = (iso: string, locale: string) =>
  html`<time datetime=${iso} title=${absoluteTime(iso, locale)}>${relativeTime(iso, locale)}</time>`;

/**
 * The actions a row offers. Lock and pin apply to threads only: Lock or Unlock, Pin or Unpin, by the
 * thread's state; both directions when the backend does not say (an older server).
 */
export function actionsFor(item: QueueItem): ModerationActionName[] {
  const list: ModerationActionName[] = ['approve', 'hide', 'delete'];
  if (item.target.kind === 'thread') {
    if (item.locked !== true) list.push('lock');
    if (item.locked !== false) list.push('unlock');
    if (item.pinned !== true) list.push('pin');
    if (item.pinned !== false) list.push('unpin');
  }
  list.push('suspend');
  return list;
}

/**
 * One item of the queue in its context: what it is and where ("Reply in “…”"), its excerpt, author,
 * status, the reports with their reasons and notes, and the actions. Every piece of content is a
 * text binding: markup in a title, excerpt, name or note shows as literal text.
 */
export function queueItem(item: QueueItem, ctx: ItemContext): TemplateResult {
  const key = itemKey(item);
  const titleId = `mq-title-${ctx.index}`;
  const descId = `mq-desc-${ctx.index}`;
  return html`<article class="item" part="item" tabindex="0" data-key=${key} data-status=${item.status}
      aria-labelledby=${titleId} aria-describedby=${descId}>
    <input type="checkbox" class="select" part="select" .checked=${ctx.selected}
      aria-label=${msg(str`Select: ${contextLabel(item.target.kind, item.title)}`, { id: 'mod-queue-select-item' })}
      @change=${(e: Event) => ctx.toggle(item, (e.target as HTMLInputElement).checked)} />
    <div class="item-main">
      <h3 class="context" part="context" id=${titleId}><bdi>${contextLabel(item.target.kind, item.title)}</bdi></h3>
      <p class="excerpt" part="excerpt" id=${descId} dir="auto">${item.excerpt}</p>
      <div class="meta" part="meta">
        ${avatar(item.author)}
        <span class="author"><bdi>${item.author.name}</bdi></span>
        ${item.author.orgName ? html`<span class="org"><bdi>${item.author.orgName}</bdi></span>` : nothing}
        ${timeTag(item.createdAt, ctx.locale)}
      </div>
      <div class="signals">
        <span class="status ${item.status}" part="status">${statusLabel(item.status)}</span>
        ${item.flagCount ? html`<span class="count" part="count">${reportCount(item.flagCount, ctx.locale)}</span>` : nothing}
        ${item.reasons.map((r) => html`<span class="chip" part="chip">${reasonLabel(r)}</span>`)}
        ${item.heldReason ? html`<span class="held-reason">${heldReasonLabel(item.heldReason)}</span>` : nothing}
        ${item.lastFlaggedAt ? html`<span class="flagged">${msg('Last report', { id: 'mod-queue-last-report' })} ${timeTag(item.lastFlaggedAt, ctx.locale)}</span>` : nothing}
      </div>
      ${item.notes.length
        ? html`<ul class="notes" part="notes" aria-label=${msg('Notes from reporters', { id: 'mod-queue-notes' })}>
            ${item.notes.map((n) => html`<li dir="auto">${n}</li>`)}
          </ul>`
        : nothing}
      <div class="actions" part="actions" role="group" aria-label=${msg('Actions', { id: 'mod-queue-actions' })}>
        ${actionsFor(item).map((a) => html`<button type="button" class="btn small ${a === 'approve' ? 'primary' : a === 'delete' ? 'danger' : ''}"
            part="button action" data-action=${a} @click=${() => ctx.start(a, item)}>${actionLabel(a)}</button>`)}
      </div>
      ${ctx.form}
    </div>
  </article>`;
}
