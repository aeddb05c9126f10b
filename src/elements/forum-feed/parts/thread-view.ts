import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Post, Thread, ThreadSummary } from '../../../contract/index.js';
import type { ConfabError } from '../../../core/errors.js';
import { markdown } from '../../../core/markdown-directive.js';
import { avatar, errorState, skeleton } from '../../../ui/states.js';
import { composer, type ComposerController } from '../../../ui/composer.js';
import { pendingBadge } from '../../../ui/pending.js';
import { byline, replyCount } from '../thread-row.js';
import { timeTag } from '../time.js';
import { levelHeadings } from './headings.js';
import type { ReportController } from '../../../ui/report-dialog.js';
import { moderationNotice } from '../../../ui/moderation-notice.js';
import { threadFlags } from '../thread-row.js';

/** Everything the open-thread view shows; the element owns the state. */
export interface ThreadViewModel {
  /** From the list while the full thread loads, so the heading can take focus at once. */
  summary: ThreadSummary | undefined;
  thread: Thread | undefined;
  posts: Post[];
  loading: boolean;
  error: ConfabError | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  /** Loading the next page of replies failed; shown with a retry instead of "Load more". */
  moreError: ConfabError | undefined;
  retryMore: () => void;
  /** The offline notice when the thread comes from the cache; undefined when fresh. */
  offline: TemplateResult | undefined;
  locale: string;
  /** The follow toggle (or nothing when signed out or unavailable). */
  follow: TemplateResult | typeof nothing;
  composer: ComposerController;
  report: ReportController;
  /** The signed-in partner (no "Report" on their own content), or null. */
  meId: string | null;
  back: () => void;
  retry: () => void;
  loadMore: () => void;
}

function post(p: Post, m: ThreadViewModel): TemplateResult {
  return html`<li class="post" part="post" data-id=${p.id} data-status=${p.status} tabindex="-1">
    <div class="post-head meta">
      ${avatar(p.author)} ${byline(p.author)} ${timeTag(p.createdAt, m.locale)}
      ${m.report.button({ kind: 'post', id: p.id }, p.author.id, m.meId)}
    </div>
    ${moderationNotice(p.status)}
    <div class="prose" part="body" dir="auto">${markdown(levelHeadings(p.body))}</div>
  </li>`;
}

/**
 * The thread opened inline: Back, the heading (focused on open), the body and replies as Markdown
 * through core's renderer, "Load more" by cursor, the pending replies and the reply composer.
 */
export function threadView(m: ThreadViewModel): TemplateResult {
  const head = m.thread ?? m.summary;
  return html`<section class="thread" part="thread" aria-labelledby="thread-heading">
    <button type="button" class="btn ghost small back" part="button back" @click=${m.back}>
      <span aria-hidden="true" class="arrow">←</span> ${msg('Back to threads', { id: 'forum-feed-back' })}
    </button>
    ${m.offline ?? nothing}
    <h3 id="thread-heading" class="thread-title" part="title" tabindex="-1"><bdi>${head?.title ?? msg('Thread', { id: 'forum-feed-thread' })}</bdi></h3>
    ${head
      ? html`<div class="meta thread-meta" part="meta">
          ${avatar(head.author)} ${byline(head.author)} ${timeTag(head.createdAt, m.locale)}
          ${head.solved ? html`<span class="solved" part="solved">${msg('Solved', { id: 'forum-feed-solved' })}</span>` : nothing}
          ${m.thread ? m.follow : nothing}
          ${threadFlags(head)}
          ${m.thread ? m.report.button({ kind: 'thread', id: m.thread.id }, m.thread.author.id, m.meId) : nothing}
        </div>
        ${moderationNotice(head.status)}`
      : nothing}
    ${m.thread
      ? html`<div class="prose thread-body" part="body" dir="auto">${markdown(levelHeadings(m.thread.body))}</div>
          ${m.thread.tags.length
            ? html`<ul class="tags" aria-label=${msg('Tags', { id: 'forum-feed-tags' })}>
                ${m.thread.tags.map((t) => html`<li class="chip" part="chip"><bdi>${t}</bdi></li>`)}
              </ul>`
            : nothing}
          <h4 class="replies-heading">${replyCount(Math.max(m.thread.replyCount, m.posts.length), m.locale)}</h4>
          <ol class="posts" part="posts" aria-busy=${m.loadingMore ? 'true' : 'false'}>
            ${m.posts.map((p) => post(p, m))}
          </ol>
          ${m.moreError
            ? errorState(m.moreError, m.retryMore)
            : m.hasMore
            ? html`<button type="button" class="btn more" part="button load-more" ?disabled=${m.loadingMore} @click=${m.loadMore}>
                ${m.loadingMore ? msg('Loading…', { id: 'forum-feed-loading' }) : msg('Load more replies', { id: 'forum-feed-more-replies' })}
              </button>`
            : nothing}
          ${m.composer.pending.length
            ? html`<ul class="pending" aria-label=${msg('Replies waiting to be posted', { id: 'forum-feed-pending-replies' })}>
                ${m.composer.pending.map((p) => html`<li class="pending-item" part="pending-item">
                  ${pendingBadge()}
                  <div class="prose" dir="auto">${markdown(levelHeadings(p.body))}</div>
                </li>`)}
              </ul>`
            : nothing}
          ${m.thread.locked
            ? html`<p class="notice locked-notice" part="locked-notice">${msg('This thread is locked: it takes no new replies.', { id: 'forum-feed-locked-notice' })}</p>`
            : html`<div class="reply">
                ${composer(m.composer, {
                  label: msg('Your reply', { id: 'forum-feed-your-reply' }),
                  submit: msg('Post reply', { id: 'forum-feed-post-reply' }),
                  signIn: msg('Sign in to reply', { id: 'forum-feed-sign-in-reply' }),
                })}
              </div>`}
          ${m.report.render()}`
      : m.error
        ? errorState(m.error, m.retry)
        : html`<div aria-busy="true">${skeleton(3)}</div>`}
  </section>`;
}
