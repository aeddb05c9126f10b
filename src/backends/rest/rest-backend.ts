import type {
  Answer, Article, ArticleSearchQuery, ArticleSearchResult, Certification, CertificationQuery, HelpfulFeedback,
  LiveEvent, Me, NewAnswer, NewPost, NewQuestion, NewThread, Ok, Page, Post, Question, QuestionListQuery,
  QuestionSummary, QuestionWithAnswers, SimilarQuestion, Stats, Thread, ThreadListQuery, ThreadSummary,
  ThreadWithPosts, VerificationResult, VerifyRequest, VoteResult, VoteValue,
  AuditEntry, AuditLogPage, AuditLogQuery, Flag, ModerationActionRequest, NewFlag, QueuePage, QueueQuery, RevisionList, RevisionQuery, WatchedWords,
  ExpertRequest,
} from '../../contract/index.js';
import type {
  Follow, FollowKind, FollowLevel, MarkReadRequest, NotificationLiveEvent, NotificationPage, NotificationQuery, Person, Preferences,
  PreferencesUpdate, UnreadCount,
} from '../../contract/notifications.js';
import type { NotificationsApi } from '../notifications.js';
import type { CsatAnswer, CsatRequest, CsatStatus, Insights, InsightsExportQuery, InsightsQuery, SearchClick } from '../../contract/insights.js';
import type { InsightsApi } from '../insights.js';
import type { CallOptions, CommunityBackend } from '../types.js';
import type { ModerationApi } from '../moderation.js';
import { RestClient } from './client.js';

/**
 * The default backend: Confab's v1 REST contract over fetch (ky), every response validated.
 *
 * - Reads are retried with backoff on 408, 429 and 5xx, honouring Retry-After (capped); writes only
 *   when the call carries an `idempotencyKey`, which is sent as `Idempotency-Key`.
 * - `Authorization: Bearer` comes from `getToken()`; after a 401 it is asked once with
 *   `forceRefresh` and the call repeated once.
 * - Rejects with BackendError, AuthError (401/403), ValidationError (wrong shape, bad JSON, bad
 *   input), OfflineError (no response, or timed out), or the AbortError of `opts.signal`.
 *
 * @example
 * const backend = new RestBackend({ baseUrl: 'https://community.example.com/api', getToken: () => portal.jwt() });
 * const { items } = await backend.listThreads({ category: 'deal-registration' }, { signal });
 */
export class RestBackend extends RestClient implements CommunityBackend, NotificationsApi, InsightsApi, ModerationApi {
  listThreads(query: ThreadListQuery, opts?: CallOptions): Promise<Page<ThreadSummary>> {
    return this.call('listThreads', { query }, opts);
  }
  getThread(id: string, opts?: CallOptions): Promise<ThreadWithPosts> {
    return this.call('getThread', { params: { id } }, opts);
  }
  listPosts(threadId: string, cursor: string, opts?: CallOptions): Promise<Page<Post>> {
    return this.call('listPosts', { params: { id: threadId }, query: { cursor } }, opts);
  }
  createThread(input: NewThread, opts?: CallOptions): Promise<Thread> {
    return this.call('createThread', { body: input }, opts);
  }
  replyToThread(threadId: string, input: NewPost, opts?: CallOptions): Promise<Post> {
    return this.call('replyToThread', { params: { id: threadId }, body: input }, opts);
  }

  listQuestions(query: QuestionListQuery, opts?: CallOptions): Promise<Page<QuestionSummary>> {
    return this.call('listQuestions', { query }, opts);
  }
  async similarQuestions(text: string, opts?: CallOptions): Promise<SimilarQuestion[]> {
    return (await this.call('similarQuestions', { query: { q: text } }, opts)).items;
  }
  getQuestion(id: string, opts?: CallOptions): Promise<QuestionWithAnswers> {
    return this.call('getQuestion', { params: { id } }, opts);
  }
  listAnswers(questionId: string, cursor: string, opts?: CallOptions): Promise<Page<Answer>> {
    return this.call('listAnswers', { params: { id: questionId }, query: { cursor } }, opts);
  }
  askQuestion(input: NewQuestion, opts?: CallOptions): Promise<Question> {
    return this.call('askQuestion', { body: input }, opts);
  }
  answerQuestion(questionId: string, input: NewAnswer, opts?: CallOptions): Promise<Answer> {
    return this.call('answerQuestion', { params: { id: questionId }, body: input }, opts);
  }
  acceptAnswer(questionId: string, answerId: string, opts?: CallOptions): Promise<Question> {
    return this.call('acceptAnswer', { params: { id: questionId }, body: { answerId } }, opts);
  }
  voteQuestion(questionId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult> {
    return this.call('voteQuestion', { params: { id: questionId }, body: { value } }, opts);
  }
  voteAnswer(answerId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult> {
    return this.call('voteAnswer', { params: { id: answerId }, body: { value } }, opts);
  }
  recordDeflection(questionId: string, query: string, opts?: CallOptions): Promise<Ok> {
    return this.call('recordDeflection', { params: { id: questionId }, body: { query } }, opts);
  }

  searchArticles(query: ArticleSearchQuery, opts?: CallOptions): Promise<ArticleSearchResult> {
    return this.call('searchArticles', { query }, opts);
  }
  getArticle(id: string, opts?: CallOptions): Promise<Article> {
    return this.call('getArticle', { params: { id } }, opts);
  }
  sendArticleFeedback(articleId: string, feedback: HelpfulFeedback, opts?: CallOptions): Promise<Ok> {
    return this.call('sendArticleFeedback', { params: { id: articleId }, body: feedback }, opts);
  }

  async listCertifications(query: CertificationQuery, opts?: CallOptions): Promise<Certification[]> {
    return (await this.call('listCertifications', { query }, opts)).items;
  }
  verifyCertification(id: string, opts?: CallOptions): Promise<VerificationResult> {
    return this.call('verifyCertification', { params: { id } }, opts);
  }
  verifyAssertion(request: VerifyRequest, opts?: CallOptions): Promise<VerificationResult> {
    return this.call('verifyAssertion', { body: request }, opts);
  }

  me(opts?: CallOptions): Promise<Me> {
    return this.call('me', {}, opts);
  }
  stats(opts?: CallOptions): Promise<Stats> {
    return this.call('stats', {}, opts);
  }

  insights(query: InsightsQuery, opts?: CallOptions): Promise<Insights> {
    return this.call('insights', { query }, opts);
  }
  /** The CSV text, fetched with the caller's token (a plain link could not send the Authorization header). */
  exportInsights(query: InsightsExportQuery, opts?: CallOptions): Promise<string> {
    return this.call('exportInsights', { query }, opts);
  }
  getCsat(questionId: string, opts?: CallOptions): Promise<CsatStatus> {
    return this.call('getCsat', { params: { id: questionId } }, opts);
  }
  answerCsat(questionId: string, input: CsatRequest, opts?: CallOptions): Promise<CsatAnswer> {
    return this.call('answerCsat', { params: { id: questionId }, body: input }, opts);
  }
  recordSearchClick(click: SearchClick, opts?: CallOptions): Promise<Ok> {
    return this.call('recordSearchClick', { body: click }, opts);
  }
  notifyExperts(questionId: string, opts?: CallOptions): Promise<ExpertRequest> {
    return this.call('notifyExperts', { params: { id: questionId } }, opts);
  }
  // Moderation (issue 14): the server answers 403 to anyone but moderators and vendor staff, except createFlag.
  createFlag(input: NewFlag, opts?: CallOptions): Promise<Flag> {
    return this.call('createFlag', { body: input }, opts);
  }
  moderationQueue(query: QueueQuery, opts?: CallOptions): Promise<QueuePage> {
    return this.call('moderationQueue', { query }, opts);
  }
  moderationAction(request: ModerationActionRequest, opts?: CallOptions): Promise<AuditEntry> {
    return this.call('moderationAction', { body: request }, opts);
  }
  moderationLog(query: AuditLogQuery, opts?: CallOptions): Promise<AuditLogPage> {
    return this.call('moderationLog', { query }, opts);
  }
  getWatchedWords(opts?: CallOptions): Promise<WatchedWords> {
    return this.call('getWatchedWords', {}, opts);
  }
  putWatchedWords(words: WatchedWords, opts?: CallOptions): Promise<WatchedWords> {
    return this.call('putWatchedWords', { body: words }, opts);
  }
  listRevisions(query: RevisionQuery, opts?: CallOptions): Promise<RevisionList> {
    return this.call('listRevisions', { query }, opts);
  }

  /**
   * A single-use ticket for an event stream, fetched with the token in the Authorization header, or
   * null without a token (the stream is then anonymous). EventSource cannot send headers, and the
   * token must never travel in a URL; see `openStream`.
   */
  protected async liveTicket(refresh: boolean): Promise<string | null> {
    if (!(await this.token(refresh))) return null;
    return (await this.call('createLiveTicket', {})).ticket;
  }

  /** Live updates over Server-Sent Events, opened with a ticket (`liveTicket`) when signed in. */
  subscribe(onEvent: (event: LiveEvent) => void, signal: AbortSignal): void {
    // Loaded on first use: most pages never ask for live updates.
    void import('./events.js').then(
      ({ openEvents }) => openEvents(this.options.baseUrl, (refresh) => this.liveTicket(refresh), onEvent, signal),
      () => undefined, // offline before the chunk ever loaded: no live updates, as without EventSource
    );
  }

  // ---- notifications (the NotificationsApi capability) ----

  async listFollows(opts?: CallOptions): Promise<Follow[]> {
    return (await this.call('listFollows', {}, opts)).items;
  }
  setFollow(kind: FollowKind, id: string, level: FollowLevel, opts?: CallOptions): Promise<Follow> {
    return this.call('followTopic', { params: { kind, id }, body: { level } }, opts);
  }
  async removeFollow(kind: FollowKind, id: string, opts?: CallOptions): Promise<void> {
    await this.call('unfollowTopic', { params: { kind, id } }, opts);
  }
  listNotifications(query: NotificationQuery, opts?: CallOptions): Promise<NotificationPage> {
    return this.call('listNotifications', { query }, opts);
  }
  markNotificationsRead(request: MarkReadRequest, opts?: CallOptions): Promise<UnreadCount> {
    return this.call('markNotificationsRead', { body: request }, opts);
  }
  getPreferences(opts?: CallOptions): Promise<Preferences> {
    return this.call('getPreferences', {}, opts);
  }
  setPreferences(update: PreferencesUpdate, opts?: CallOptions): Promise<Preferences> {
    return this.call('updatePreferences', { body: update }, opts);
  }
  async searchPeople(q: string, opts?: CallOptions): Promise<Person[]> {
    return (await this.call('searchPeople', { query: { q } }, opts)).items;
  }

  /**
   * The caller's new notifications over Server-Sent Events (`/v1/notifications/events`), opened with
   * a single-use ticket like the live feed (`openStream`): the token never appears in a URL. Signed
   * out there is nothing to listen for, so nothing opens.
   */
  subscribeNotifications(onEvent: (event: NotificationLiveEvent) => void, signal: AbortSignal): void {
    void Promise.all([import('./events.js'), import('../../contract/notifications.js'), this.token(false).catch(() => null)]).then(
      ([{ openStream }, { NotificationLiveEvent: schema }, token]) => {
        if (!token || signal.aborted) return;
        const spec = { path: '/v1/notifications/events', types: ['notification.created'], schema };
        openStream(this.options.baseUrl, spec, (refresh) => this.liveTicket(refresh), onEvent, signal);
      },
      () => undefined, // offline before the chunks loaded: the bell still refreshes when it is opened
    );
  }
}
