import type { ReactiveController, TemplateResult } from 'lit';
import { FollowController } from '../../../core/follow.js';
import { followButton } from '../../../ui/follow-button.js';
import { msg } from '@lit/localize';
import type { Page, Post, ThreadWithPosts } from '../../../contract/index.js';
import { ResourceController } from '../../../core/resource.js';
import { offlineNotice } from '../../../ui/states.js';
import { ComposerController } from '../../../ui/composer.js';
import { threadView } from './thread-view.js';
import { ReportController } from '../../../ui/report-dialog.js';
import type { FeedHost } from '../host.js';

/**
 * The thread open inline (part of the lazily loaded half, see panels.ts): which thread, its replies
 * page by page, the reply composer, and where focus goes back to on close.
 */
export class OpenThread implements ReactiveController {
  /** The thread open inline, if any. */
  id: string | null = null;
  readonly thread: ResourceController<ThreadWithPosts>;
  readonly composer: ComposerController<'replyToThread'>;
  /** The "Report" buttons and dialog of this thread's content. */
  readonly report: ReportController;
  private readonly morePosts: ResourceController<Page<Post>>;
  /** The thread's follow toggle. */
  readonly follow: FollowController;
  private returnFocusTo: string | null = null;
  private extraPosts: Post[] = [];
  private postsCursor: string | null | undefined;
  private wantPostsCursor: string | null = null;
  /** A reply changed the thread's reply count and activity time: the rows are refreshed on close. */
  private listDirty = false;

  /** `report` is the feed's one report controller, shared with the list rows: what was reported there shows "Reported" here. */
  constructor(private readonly host: FeedHost, report: ReportController) {
    // First, so hostUpdate() takes an arrived page before morePosts sees its request forgotten.
    host.addController(this);
    this.thread = new ResourceController<ThreadWithPosts>(host, {
      backend: () => host.backendNow(),
      key: () => (this.id ? `thread:${this.id}` : null),
      fetch: (b, signal) => b.getThread(this.id!, { signal }),
      what: 'thread',
    });
    this.morePosts = new ResourceController<Page<Post>>(host, {
      backend: () => host.backendNow(),
      key: () => (this.id && this.wantPostsCursor ? `posts:${this.id}:${this.wantPostsCursor}` : null),
      fetch: (b, signal) => b.listPosts(this.id!, this.wantPostsCursor!, { signal }),
      cache: false,
      what: 'posts',
    });
    this.follow = new FollowController(host, {
      backend: () => host.backendNow(),
      target: () => (this.id ? { kind: 'thread', id: this.id } : null),
      partner: () => host.partnerId,
      announce: (text) => host.announce(text),
    });
    const replied = (p: Post | undefined) => {
      void this.follow.refresh(); // replying follows the thread
      if (p) this.extraPosts = [...this.extraPosts, p];
      this.listDirty = true;
      void this.thread.refresh(); // the reply count and the cached copy
      host.announce(msg('Reply posted', { id: 'forum-feed-reply-posted' }));
    };
    this.report = report;
    this.composer = new ComposerController(host, {
      method: 'replyToThread',
      locale: () => host.localeNow(),
      backend: () => host.backendNow(),
      target: () => this.id,
      signedIn: () => host.signedIn,
      onSent: replied,
      onQueued: () => host.announce(msg('You are offline. Your reply will be posted when you are back online.', { id: 'forum-feed-reply-queued' })),
      onReplayed: replied,
    });
  }

  /** A page asked for with "Load more replies" arrived: keep it and forget the request. */
  hostUpdate(): void {
    const page = this.morePosts.value;
    if (!this.wantPostsCursor || this.morePosts.status !== 'ready' || !page) return;
    this.extraPosts = [...this.extraPosts, ...page.items];
    this.postsCursor = page.nextCursor;
    this.wantPostsCursor = null;
    this.host.focusAfterUpdate(page.items[0] ? `li.post[data-id="${CSS.escape(page.items[0].id)}"]` : null);
  }

  /** Opens thread `id` and moves focus to its heading. */
  open(id: string): void {
    this.returnFocusTo = id;
    this.id = id;
    this.extraPosts = [];
    this.postsCursor = undefined;
    this.wantPostsCursor = null;
    this.host.requestUpdate();
    this.host.focusAfterUpdate('#thread-heading');
  }

  /** Back to the list, with focus on the row it came from (after a deep link there may be none: the first row). */
  close(): void {
    const id = this.returnFocusTo;
    this.id = null;
    this.host.requestUpdate();
    if (this.listDirty) {
      this.listDirty = false;
      void this.host.list.refresh(); // kept on screen meanwhile
    }
    this.host.focusAfterUpdate(id ? `article[data-id="${CSS.escape(id)}"]` : null, 'article.item');
  }

  private get posts(): Post[] {
    const seen = new Set<string>();
    return [...(this.thread.value?.posts.items ?? []), ...this.extraPosts].filter((p) => !seen.has(p.id) && !!seen.add(p.id));
  }

  private get nextCursor(): string | null | undefined {
    return this.postsCursor === undefined ? this.thread.value?.posts.nextCursor : this.postsCursor;
  }

  render(): TemplateResult {
    const t = this.thread;
    const locale = this.host.localeNow();
    return threadView({
      summary: this.host.threads.find((x) => x.id === this.id),
      thread: t.value?.thread,
      posts: this.posts,
      loading: t.status === 'loading',
      error: t.value ? undefined : t.error,
      hasMore: !!this.nextCursor,
      loadingMore: !!this.wantPostsCursor && this.morePosts.status !== 'error',
      moreError: this.morePosts.status === 'error' ? this.morePosts.error : undefined,
      retryMore: () => void this.morePosts.refresh(),
      offline: t.offline ? offlineNotice(t.savedAt ?? null, locale, () => void t.refresh(), t.error) : undefined,
      locale,
      follow: followButton(this.follow, t.value?.thread.title ?? ''),
      composer: this.composer,
      report: this.report,
      meId: this.host.meId,
      back: () => this.close(),
      retry: () => void t.refresh(),
      loadMore: () => {
        this.wantPostsCursor = this.nextCursor ?? null;
        this.host.requestUpdate();
      },
    });
  }
}
