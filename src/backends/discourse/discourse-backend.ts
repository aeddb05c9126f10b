import {
  Answer, AnswerPage, Article, ArticleSearchResult, Flag, Me, type NewFlag, Post, PostPage, Question, QuestionPage, QuestionWithAnswers,
  SimilarQuestions, Thread, ThreadPage, ThreadWithPosts, VoteResult,
} from '../../contract/index.js';
import type * as C from '../../contract/index.js';
import { BackendError } from '../../core/errors.js';
import type { CallOptions, CommunityBackend } from '../types.js';
import { checked } from './checked.js';
import { categoryId, categoryIndex, categoryPath, type MapContext } from './context.js';
import { DiscourseHttp } from './http.js';
import { BusHub } from './bus-hub.js';
import { subscribeMessageBus } from './message-bus.js';
import { TopicWatch } from './topic-watch.js';
import { ReplyCounts } from './reply-counts.js';
import {
  LIKE, byAcceptedThenScore, likesOf, nextPageCursor, nextPostsCursor, toAnswer, toAuthor, toPost,
  toQuestionSummaries, toThreadSummaries, toTopicParts,
} from './map-topics.js';
import { flagBody } from './flags.js';
import { facetCounts, toArticle, toArticleHits, toSimilarQuestions } from './map-search.js';
import { toMe } from './map-user.js';
import * as notifications from './notifications.js';
import * as follows from './follows.js';
import { subscribeNotificationBus } from './notification-bus.js';
import type { DiscourseBackendOptions } from './options.js';
import { excerptOf, isoAt } from './text.js';
import type { DCategories, DPost, DSearch, DTopic, DTopicDetail, DTopicList } from './types.js';

const unsupported = (what: string): Promise<never> =>
  Promise.reject(new BackendError(`${what} is not available on Discourse`, 501));

const pageOf = (cursor: string | undefined) => Math.max(1, Number(cursor) || 1);
const asList = (x: string | string[] | undefined) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/**
 * Confab on an existing Discourse forum: reads, writes and live updates through Discourse's own
 * API, with the reader's own credentials (a User API Key or the forum's session cookie). See the
 * README's "Confab on Discourse" for setup, auth, group mapping and known limits.
 *
 * | Confab | Discourse |
 * |---|---|
 * | listThreads, listQuestions | `/latest.json`, `/top.json`, `/c/{parent}/{slug}/{id}.json`, `/tag/{tag}.json` |
 * | getThread, listPosts, getQuestion, listAnswers | `/t/{id}.json?include_raw=true&page=N`; Solved's `accepted_answer`; likes from `actions_summary` |
 * | similarQuestions, searchArticles, getArticle | `/search.json?q=… #category`, `/t/{id}.json` |
 * | createThread, askQuestion, replyToThread, answerQuestion | `POST /posts.json` |
 * | acceptAnswer | `POST /solution/accept.json` (Solved) |
 * | createFlag (the Report action) | `POST /post_actions.json` with a flag type (flags.ts); threads and questions with `flag_topic` |
 * | voteQuestion, voteAnswer | like: `POST /post_actions.json`, unlike: `DELETE /post_actions/{id}.json` |
 * | editPost, editTopicTitle (adapter only) | `PUT /posts/{id}.json`, `PUT /t/-/{id}.json` |
 * | me | `/session/current.json` (404 = signed out), groups → tier/roles/org |
 * | listNotifications, markNotificationsRead (the bell) | `/notifications.json?offset=N&limit=60`, `PUT /notifications/mark-read.json`; kinds by `/latest.json?topic_ids=…`; unread from the session's `grouped_unread_notifications` (notifications.ts) |
 * | subscribeNotifications | MessageBus `/notification/{user_id}`: the newest notification and the unread counts (notification-bus.ts) |
 * | subscribe | MessageBus `/new`, `/latest` (checked with `/t/{id}/last.json`), `/topic/{id}` of topics read (Solved's accepted_solution, found with `/t/{id}/{n}.json`) (message-bus.ts) |
 * | (both) | one long poll per backend, `/message-bus/{clientId}/poll` with every subscribed channel (bus-hub.ts) |
 * | certifications, stats, deflections, article feedback | not available (501) |
 * | listFollows, setFollow, removeFollow | `/latest.json?state=watching` and `state=muted`, `/categories.json` levels; `POST /t/{id}/notifications.json`, `POST /category/{id}/notifications` (follows.ts); tags 501 |
 * | notification preferences, people search | absent (the elements hide what needs them) |
 */
export class DiscourseBackend implements CommunityBackend {
  /** Stable per forum: caches and the outbox key their entries by it. */
  readonly id: string;
  private readonly http: DiscourseHttp;
  private readonly questions: string;
  private readonly docs: string;
  private categoryMap: Promise<MapContext['categories']> | undefined;
  /** Topics read here, whose accepted answers the live stream listens for. */
  private readonly watch = new TopicWatch();
  /** Non-reply posts of the topics read, so list counts leave them out (reply-counts.ts). */
  private readonly replyCounts = new ReplyCounts();
  private readonly repliesOf = (t: DTopic) => this.replyCounts.of(t);
  /** The one MessageBus long poll of this backend, shared by the feed's and the bell's subscriptions (bus-hub.ts). */
  private readonly bus: BusHub;

  constructor(private readonly options: DiscourseBackendOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.id = `discourse:${base}`;
    this.http = new DiscourseHttp(base, options);
    this.bus = new BusHub(this.http, { retryMs: options.liveRetryMs, pollMs: options.livePollMs });
    this.questions = options.questionsCategory ?? 'questions';
    this.docs = options.docsCategory ?? 'docs';
  }

  // ---- threads -------------------------------------------------------------------------------

  async listThreads(query: C.ThreadListQuery, opts?: CallOptions): Promise<C.Page<C.ThreadSummary>> {
    const ctx = await this.context();
    const path = this.listPath(ctx, query.category, query.tag, query.sort);
    const list = await this.http.get<DTopicList>(path, { page: query.cursor }, opts?.signal);
    return checked(ThreadPage, () => {
      let items = toThreadSummaries(list, ctx, this.repliesOf);
      // Discourse has no "unanswered" list: keep the topics of this page that have no reply yet.
      if (query.sort === 'unanswered') items = items.filter((t) => t.replyCount === 0);
      return { items, nextCursor: nextPageCursor(list.topic_list.more_topics_url) };
    }, path);
  }

  async getThread(id: string, opts?: CallOptions): Promise<C.ThreadWithPosts> {
    const { detail, ctx, path } = await this.topic(id, 1, opts);
    return checked(ThreadWithPosts, () => {
      const { fields, replies, solved } = toTopicParts(detail, ctx);
      const thread = { ...fields, replyCount: this.replyCountOf(detail, replies.length), solved };
      return { thread, posts: { items: replies.map(({ p, index }) => toPost(p, index, thread.id, ctx)), nextCursor: nextPostsCursor(detail, 1) } };
    }, path);
  }

  async listPosts(threadId: string, cursor: string, opts?: CallOptions): Promise<C.Page<C.Post>> {
    const page = pageOf(cursor);
    const { detail, ctx, path } = await this.topic(threadId, page, opts);
    return checked(PostPage, () => ({
      items: toTopicParts(detail, ctx).replies.map(({ p, index }) => toPost(p, index, String(detail.id), ctx)),
      nextCursor: nextPostsCursor(detail, page),
    }), path);
  }

  async createThread(input: C.NewThread, opts?: CallOptions): Promise<C.Thread> {
    const { post, ctx } = await this.newTopic(input.title, input.body, input.category, input.tags ?? [], opts);
    return checked(Thread, () => ({
      ...this.newTopicFields(post, input, input.category, ctx),
      replyCount: 0,
      solved: false,
    }), '/posts.json');
  }

  async replyToThread(threadId: string, input: C.NewPost, opts?: CallOptions): Promise<C.Post> {
    const { post, ctx } = await this.newPost(threadId, input.body, opts);
    return checked(Post, () => ({ ...toPost(post, 0, threadId, ctx), body: input.body }), '/posts.json');
  }

  /** Edits a post (a reply, an answer or a topic's opening post) with new Markdown. */
  async editPost(postId: string, body: string, opts?: CallOptions & { reason?: string }): Promise<C.Post> {
    const path = `/posts/${encodeURIComponent(postId)}.json`;
    const res = await this.http.send<{ post: DPost }>('PUT', path, { post: { raw: body, ...(opts?.reason ? { edit_reason: opts.reason } : {}) } }, opts?.signal);
    const ctx = await this.context();
    return checked(Post, () => ({ ...toPost(res.post, 0, String(res.post.topic_id), ctx), body })
      , path);
  }

  /** Renames a topic (thread, question or article). */
  async editTopicTitle(topicId: string, title: string, opts?: CallOptions): Promise<void> {
    await this.http.send('PUT', `/t/-/${encodeURIComponent(topicId)}.json`, { title }, opts?.signal);
  }

  // ---- questions (a category with the Solved plugin) -----------------------------------------

  async listQuestions(query: C.QuestionListQuery, opts?: CallOptions): Promise<C.Page<C.QuestionSummary>> {
    const ctx = await this.context();
    const path = this.listPath(ctx, this.questions, query.tag, query.sort);
    const list = await this.http.get<DTopicList>(path, { page: query.cursor }, opts?.signal);
    return checked(QuestionPage, () => {
      let items = toQuestionSummaries(list, ctx, this.repliesOf);
      if (query.sort === 'unanswered') items = items.filter((q) => q.answerCount === 0);
      return { items, nextCursor: nextPageCursor(list.topic_list.more_topics_url) };
    }, path);
  }

  async similarQuestions(text: string, opts?: CallOptions): Promise<C.SimilarQuestion[]> {
    if (!text.trim()) return [];
    const search = await this.http.get<DSearch>('/search.json', { q: `${text.trim()} #${this.questions}` }, opts?.signal);
    return checked(SimilarQuestions, () => ({ items: toSimilarQuestions(search, 5, this.repliesOf) }), '/search.json').items;
  }

  async getQuestion(id: string, opts?: CallOptions): Promise<C.QuestionWithAnswers> {
    const { detail, ctx, path } = await this.topic(id, 1, opts);
    return checked(QuestionWithAnswers, () => {
      const { fields, replies, isAccepted, solved } = toTopicParts(detail, ctx);
      const accepted = replies.find(({ p }) => isAccepted(p));
      const first = detail.post_stream.posts.find((p) => p.post_number === 1);
      const question = {
        ...fields,
        answerCount: this.replyCountOf(detail, replies.length),
        accepted: solved,
        acceptedAnswerId: accepted ? String(accepted.p.id) : null,
        myVote: first && likesOf(first).mine ? 1 : 0,
      };
      const items = replies.map(({ p, index }) => toAnswer(p, index, question.id, isAccepted(p), ctx)).sort(byAcceptedThenScore);
      return { question, answers: { items, nextCursor: nextPostsCursor(detail, 1) } };
    }, path);
  }

  async listAnswers(questionId: string, cursor: string, opts?: CallOptions): Promise<C.Page<C.Answer>> {
    const page = pageOf(cursor);
    const { detail, ctx, path } = await this.topic(questionId, page, opts);
    return checked(AnswerPage, () => {
      const { replies, isAccepted } = toTopicParts(detail, ctx);
      return {
        items: replies.map(({ p, index }) => toAnswer(p, index, String(detail.id), isAccepted(p), ctx)).sort(byAcceptedThenScore),
        nextCursor: nextPostsCursor(detail, page),
      };
    }, path);
  }

  /** A topic in the configured Q&A category, whatever category the form chose. */
  async askQuestion(input: C.NewQuestion, opts?: CallOptions): Promise<C.Question> {
    const { post, ctx } = await this.newTopic(input.title, input.body, this.questions, input.tags ?? [], opts);
    return checked(Question, () => ({
      ...this.newTopicFields(post, input, this.questions, ctx),
      answerCount: 0,
      accepted: false,
      acceptedAnswerId: null,
      myVote: 0,
    }), '/posts.json');
  }

  async answerQuestion(questionId: string, input: C.NewAnswer, opts?: CallOptions): Promise<C.Answer> {
    const { post, ctx } = await this.newPost(questionId, input.body, opts);
    return checked(Answer, () => ({ ...toAnswer(post, 0, questionId, false, ctx), body: input.body }), '/posts.json');
  }

  /** Solved's accept (the asker or staff only; Discourse says 403 otherwise), then the question as it now is. */
  async acceptAnswer(questionId: string, answerId: string, opts?: CallOptions): Promise<C.Question> {
    await this.http.send('POST', '/solution/accept.json', { id: Number(answerId) }, opts?.signal);
    return (await this.getQuestion(questionId, opts)).question;
  }

  /** A like on the question's opening post. */
  async voteQuestion(questionId: string, value: C.VoteValue, opts?: CallOptions): Promise<C.VoteResult> {
    const { detail } = await this.topic(questionId, 1, opts);
    const first = detail.post_stream.posts.find((p) => p.post_number === 1);
    if (!first) throw new BackendError('The question has no opening post', 404);
    return this.like(String(first.id), value, opts);
  }

  async voteAnswer(answerId: string, value: C.VoteValue, opts?: CallOptions): Promise<C.VoteResult> {
    return this.like(answerId, value, opts);
  }

  // ---- moderation: reports only; the queue and its actions stay on Discourse's own review screen ----

  /**
   * A report as a Discourse flag. Discourse answers with the flagged post, not the flag, so the
   * Flag is built from the request; a second flag of the same item is refused by Discourse (403 or 422,
   * "already flagged"), passed on as 409 like Confab's own server.
   */
  async createFlag(input: NewFlag, opts?: CallOptions): Promise<C.Flag> {
    const body = flagBody(input);
    try {
      await this.http.send('POST', '/post_actions.json', body, opts?.signal);
    } catch (e) {
      if (e instanceof BackendError && (e.status === 403 || e.status === 422) && /already/i.test(e.message)) throw new BackendError(e.message, 409);
      throw e;
    }
    return checked(Flag, () => ({
      id: `${input.target.kind}:${input.target.id}:${input.reason}`,
      target: input.target,
      reason: input.reason,
      note: input.note?.trim() || null,
      createdAt: new Date().toISOString(),
    }), '/post_actions.json');
  }

  recordDeflection(): Promise<C.Ok> {
    return unsupported('Recording a deflection');
  }

  // ---- articles (a docs category) -------------------------------------------------------------

  /**
   * Discourse sends no total and no facets: `total` counts the hits of this page, facets are
   * counted over them, and the product/content-type filters apply to them here.
   */
  async searchArticles(query: C.ArticleSearchQuery, opts?: CallOptions): Promise<C.ArticleSearchResult> {
    const q = query.q.trim();
    const page = pageOf(query.cursor);
    const search = await this.http.get<DSearch>('/search.json', { q: `${q} #${this.docs}`, page: page > 1 ? String(page) : undefined }, opts?.signal);
    const products = asList(query.product);
    const types = asList(query.contentType);
    return checked(ArticleSearchResult, () => {
      const hits = toArticleHits(search, q);
      const items = hits.filter((h) => (!products.length || products.includes(h.product)) && (!types.length || types.includes(h.contentType)));
      return {
        items,
        nextCursor: search.grouped_search_result?.more_full_page_results ? String(page + 1) : null,
        total: items.length,
        facets: { product: facetCounts(hits.map((h) => h.product)), contentType: facetCounts(hits.map((h) => h.contentType)) },
        moreForSignedIn: false,
      };
    }, '/search.json');
  }

  async getArticle(id: string, opts?: CallOptions): Promise<C.Article> {
    const { detail, ctx, path } = await this.topic(id, 1, opts);
    return checked(Article, () => toArticle(detail, ctx), path);
  }

  sendArticleFeedback(): Promise<C.Ok> {
    return unsupported('Article feedback');
  }

  // ---- what Discourse does not have ------------------------------------------------------------

  /** Discourse badges are not Open Badges: nothing to verify, so no certifications. */
  listCertifications(): Promise<C.Certification[]> {
    return unsupported('Certifications');
  }
  verifyCertification(): Promise<C.VerificationResult> {
    return unsupported('Verifying a certification');
  }
  verifyAssertion(): Promise<C.VerificationResult> {
    return unsupported('Verifying an assertion');
  }
  stats(): Promise<C.Stats> {
    return unsupported('Community statistics');
  }

  // ---- the user and live updates ---------------------------------------------------------------

  async me(opts?: CallOptions): Promise<C.Me> {
    const s = await notifications.session(this.http, opts?.signal);
    if (!s) return { authenticated: false };
    return checked(Me, () => toMe(s, this.options.groups), '/session/current.json');
  }

  // ---- the bell and follows (NotificationsApi: hasNotifications is true; preferences and people search absent) ----

  listNotifications(query: C.NotificationQuery, opts?: CallOptions): Promise<C.NotificationPage> {
    return notifications.listNotifications(this.notificationDeps, query, opts);
  }

  markNotificationsRead(request: C.MarkReadRequest, opts?: CallOptions): Promise<C.UnreadCount> {
    return notifications.markNotificationsRead(this.notificationDeps, request, opts);
  }

  /** What the user watches or muted: topics and categories (follows.ts). */
  listFollows(opts?: CallOptions): Promise<C.Follow[]> {
    return follows.listFollows(this.notificationDeps, opts);
  }

  /** A topic's or a category's notification level; tags reject with 501. */
  setFollow(kind: C.FollowKind, id: string, level: C.FollowLevel, opts?: CallOptions): Promise<C.Follow> {
    return follows.setFollow(this.notificationDeps, kind, id, level, opts);
  }

  removeFollow(kind: C.FollowKind, id: string, opts?: CallOptions): Promise<void> {
    return follows.removeFollow(this.notificationDeps, kind, id, opts);
  }

  /** New notifications from MessageBus `/notification/{user_id}` (notification-bus.ts). */
  subscribeNotifications(onEvent: (event: C.NotificationLiveEvent) => void, signal: AbortSignal): void {
    subscribeNotificationBus({ ...this.notificationDeps, hub: this.bus, retryMs: this.options.liveRetryMs }, onEvent, signal);
  }

  private get notificationDeps(): notifications.NotificationDeps {
    return { http: this.http, context: () => this.context(), questionsCategory: this.questions };
  }

  subscribe(onEvent: (event: C.LiveEvent) => void, signal: AbortSignal): void {
    subscribeMessageBus(
      { http: this.http, context: () => this.context(), questionsCategory: this.questions, watch: this.watch, hub: this.bus,
        categories: this.options.liveCategories },
      onEvent,
      signal,
    );
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private listPath(ctx: MapContext, category: string | undefined, tag: string | undefined, sort: string | undefined): string {
    const c = category && categoryPath(ctx, category);
    const t = tag && encodeURIComponent(tag);
    const scope = c && t ? `/tags/${c}/${t}` : c ? `/${c}` : t ? `/tag/${t}` : '';
    if (sort === 'top') return scope ? `${scope}/l/top.json` : '/top.json';
    return scope ? `${scope}.json` : '/latest.json';
  }

  private async topic(id: string, page: number, opts?: CallOptions) {
    const path = `/t/${encodeURIComponent(id)}.json`;
    const [detail, ctx] = await Promise.all([
      this.http.get<DTopicDetail>(path, { include_raw: 'true', page: page > 1 ? String(page) : undefined }, opts?.signal),
      this.context(),
    ]);
    this.watch.add(detail.id);
    this.replyCounts.learn(detail);
    return { detail, ctx, path };
  }

  /** Exact when the page holds the whole topic; otherwise Discourse's count without the non-replies seen. */
  private replyCountOf(detail: DTopicDetail, repliesOnPage: number): number {
    const whole = detail.post_stream.posts.length >= (detail.post_stream.stream?.length ?? detail.posts_count);
    return whole ? repliesOnPage : this.replyCounts.of(detail);
  }

  private async newTopic(title: string, body: string, category: string, tags: string[], opts?: CallOptions) {
    const ctx = await this.context();
    const id = categoryId(ctx, category);
    if (id === undefined) throw new BackendError(`There is no category "${category}" on this forum`, 422);
    const post = await this.http.send<DPost>('POST', '/posts.json', { title: title.trim(), raw: body, category: id, ...(tags.length ? { tags } : {}) }, opts?.signal);
    return { post, ctx };
  }

  private async newPost(topicId: string, body: string, opts?: CallOptions) {
    const post = await this.http.send<DPost>('POST', '/posts.json', { topic_id: Number(topicId), raw: body }, opts?.signal);
    return { post, ctx: await this.context() };
  }

  /** The summary fields of a topic just created: Discourse answers with its opening post. */
  private newTopicFields(post: DPost, input: { title: string; body: string; tags?: string[] | undefined }, category: string, ctx: MapContext) {
    const createdAt = isoAt(post.created_at, 'created_at');
    return {
      id: String(post.topic_id ?? ''),
      title: input.title.trim(),
      excerpt: excerptOf(input.body),
      category,
      tags: input.tags ?? [],
      author: toAuthor({ id: post.user_id, username: post.username, name: post.name, avatar_template: post.avatar_template }, ctx),
      score: 0,
      createdAt,
      lastActivityAt: createdAt,
      body: input.body,
    };
  }

  /** Like (1) or unlike (0) a post; Discourse has no down-vote. Answers with the post's likes after. */
  private async like(postId: string, value: C.VoteValue, opts?: CallOptions): Promise<C.VoteResult> {
    if (value === -1) throw new BackendError('Down-votes are not available on Discourse: it has likes only', 501);
    const post = value === 1
      ? await this.http.send<DPost>('POST', '/post_actions.json', { id: Number(postId), post_action_type_id: LIKE }, opts?.signal)
      : await this.http.send<DPost>('DELETE', `/post_actions/${encodeURIComponent(postId)}.json`, undefined, opts?.signal, { post_action_type_id: String(LIKE) });
    return checked(VoteResult, () => {
      const likes = likesOf(post);
      return { score: likes.count, myVote: value === 1 ? 1 : 0 };
    }, '/post_actions.json');
  }

  /** Category slugs by id (subcategories included), loaded once per backend (and again after a failure). */
  private async context(): Promise<MapContext> {
    this.categoryMap ??= this.http.get<DCategories>('/categories.json', { include_subcategories: 'true' })
      .then(categoryIndex)
      .catch((e: unknown) => {
        this.categoryMap = undefined;
        throw e;
      });
    return { origin: new URL(`${this.http.base}/`, location.href).href, categories: await this.categoryMap };
  }
}
