import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Author, ThreadSummary } from '../../contract/index.js';
import { avatar } from '../../ui/states.js';
import { moderationBadge } from '../../ui/moderation-notice.js';
import { timeTag } from './time.js';

/** What a row needs from the element: where it sits in the feed and how it opens. */
export interface RowContext {
  index: number;
  /** aria-setsize: the total when known, -1 while more pages exist. */
  setSize: number;
  locale: string;
  /** The link for this thread when `thread-href` is set; undefined opens it inline. */
  href: string | undefined;
  open: (e: Event, thread: ThreadSummary) => void;
  /** The row's "Report" action, or undefined where there is none (own thread, signed out, no capability). */
  report?: RowReport;
}

/** "Report" on a row: its own button, so the row's click target stays the row. */
export interface RowReport {
  /** Reported from this page already: "Reported" in place of the button. */
  reported: boolean;
  open: (opener: HTMLElement) => void;
}

/** The row's Report button (described by the title, so each says which thread), or "Reported". */
function rowReport(r: RowReport, t: ThreadSummary, titleId: string): TemplateResult {
  if (r.reported) return html`<span class="reported" part="reported">${msg('Reported', { id: 'report-done-label' })}</span>`;
  return html`<button type="button" class="btn ghost small report row-report" part="button report" data-report=${`thread:${t.id}`}
    aria-describedby=${titleId} @click=${(e: Event) => r.open(e.currentTarget as HTMLElement)}>${msg('Report', { id: 'report-button' })}</button>`;
}

/** "3 replies" with the locale's plural rules. */
export function replyCount(n: number, locale: string): string {
  const count = new Intl.NumberFormat(locale).format(n);
  return new Intl.PluralRules(locale).select(n) === 'one' && n === 1
    ? msg('1 reply', { id: 'forum-feed-one-reply' })
    : msg(str`${count} replies`, { id: 'forum-feed-replies' });
}

/** Name and org, plain text. */
export function byline(author: Author): TemplateResult {
  return html`<span class="author"><bdi>${author.name}</bdi></span>${author.orgName
    ? html`<span class="org"><bdi>${author.orgName}</bdi></span>`
    : nothing}`;
}

/** "Pinned" and "Locked", in the row and in the open thread. */
export function threadFlags(t: Pick<ThreadSummary, 'pinned' | 'locked'>): TemplateResult {
  return html`${t.pinned ? html`<span class="flag pinned" part="pinned">${msg('Pinned', { id: 'forum-feed-pinned' })}</span>` : nothing}
    ${t.locked ? html`<span class="flag locked" part="locked">${msg('Locked', { id: 'forum-feed-locked' })}</span>` : nothing}`;
}

/** A click anywhere on a row opens it, unless it was on a control or ended a text selection. */
function rowClick(e: MouseEvent): void {
  const target = e.target as Element;
  if (target.closest('a, button') || getSelection()?.toString()) return;
  (e.currentTarget as HTMLElement).querySelector<HTMLElement>('.title-link')?.click();
}

/**
 * One thread in the feed: an `<article>` labelled by its title and described by its excerpt (the
 * WAI-ARIA feed pattern). Every piece of text is a Lit text binding: markup in a title, excerpt,
 * name or tag shows as literal text.
 */
export function threadRow(t: ThreadSummary, ctx: RowContext): TemplateResult {
  const titleId = `feed-title-${ctx.index}`;
  const descId = `feed-desc-${ctx.index}`;
  return html`<article
    class="item"
    part="item"
    tabindex="0"
    data-id=${t.id}
    aria-posinset=${ctx.index + 1}
    aria-setsize=${ctx.setSize}
    aria-labelledby=${titleId}
    aria-describedby=${descId}
    @click=${rowClick}
  >
    ${avatar(t.author)}
    <div class="item-main">
      <h3 class="title" part="title" id=${titleId}>
        ${ctx.href
          ? html`<a class="title-link" href=${ctx.href} tabindex="-1" @click=${(e: Event) => ctx.open(e, t)}><bdi>${t.title}</bdi></a>`
          : html`<button type="button" class="title-link" tabindex="-1" @click=${(e: Event) => ctx.open(e, t)}><bdi>${t.title}</bdi></button>`}
      </h3>
      <p class="excerpt clamp-2" id=${descId} dir="auto">${t.excerpt}</p>
      <div class="meta" part="meta">
        ${byline(t.author)}
        ${timeTag(t.lastActivityAt, ctx.locale)}
        <span class="replies">${replyCount(t.replyCount, ctx.locale)}</span>
        ${t.solved ? html`<span class="solved" part="solved">${msg('Solved', { id: 'forum-feed-solved' })}</span>` : nothing}
        ${threadFlags(t)}
        ${moderationBadge(t.status)}
        ${ctx.report ? rowReport(ctx.report, t, titleId) : nothing}
      </div>
      ${t.tags.length
        ? html`<ul class="tags" aria-label=${msg('Tags', { id: 'forum-feed-tags' })}>
            ${t.tags.map((tag) => html`<li class="chip" part="chip"><bdi>${tag}</bdi></li>`)}
          </ul>`
        : nothing}
    </div>
  </article>`;
}
