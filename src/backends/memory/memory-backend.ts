import type * as v from 'valibot';
import type {
  Answer, Article, ArticleSearchQuery, ArticleSearchResult, Certification, CertificationQuery, HelpfulFeedback, LiveEvent, Me, NewAnswer,
  NewPost, NewQuestion, NewThread, Ok, Page, Post, Question, QuestionListQuery, QuestionSummary, QuestionWithAnswers, SignedInMe,
  SimilarQuestion, Stats, Thread, ThreadListQuery, ThreadSummary, ThreadWithPosts, VerificationResult, VerifyRequest, VoteResult, VoteValue,
  AuditEntry, AuditLogPage, AuditLogQuery, Flag, ModerationActionRequest, NewFlag, QueuePage, QueueQuery, RevisionList, RevisionQuery, WatchedWords,
  ExpertRequest,
} from '../../contract/index.js';
import { InsightsExportQuery, SearchClick, type CsatAnswer, type CsatRequest, type CsatStatus, type Insights, type InsightsQuery } from '../../contract/insights.js';
import type { InsightsApi } from '../insights.js';
import { OfflineError } from '../../core/errors.js';
import type { CallOptions, CommunityBackend } from '../types.js';
import type {
  Follow, FollowKind, FollowLevel, MarkReadRequest, NotificationLiveEvent, NotificationPage, NotificationQuery, Person, Preferences, PreferencesUpdate,
  UnreadCount,
} from '../../contract/index.js';
import type { NotificationsApi } from '../notifications.js';
import type { ModerationApi } from '../moderation.js';
import { findArticles, readArticle, recordFeedback, type FeedbackRecord } from './articles.js';
import * as certifications from './certification-queries.js';
import { deflectionRecord, similarQuestions, type DeflectionRecord } from './deflection.js';
import { abortError, delay } from './delay.js';
import { forbidden, notFound, parseInput, unauthorized } from './errors.js';
import { createFixtures } from './fixtures.js';
import * as live from './live-events.js';
import type { MemoryData } from './model.js';
import * as notifications from './notifications.js';
import * as notifyOnWrite from './notify-on-write.js';
import { seedNotifications } from './notification-seed.js';
import * as moderation from './moderation.js';
import * as questions from './questions.js';
import { clockNow, createState, type MemoryState } from './state.js';
import { searchPeople } from './people-search.js';
import { computeStats } from './stats.js';
import * as csat from './csat.js';
import { computeInsights } from './insights.js';
import { notifyExperts, type ExpertRequests } from './experts.js';
import { insightsCsv } from '../../contract/insights-csv.js';
import { emptyInsightsLog, normaliseQuery, type InsightsLog } from './insights-log.js';
import { periodOf } from './insights-range.js';
import * as threads from './threads.js';

export interface MemoryBackendOptions {
  /** The instant the fixture dates are relative to. Default: the current time. Ignored with `data`. */
  now?: Date;
  /** The signed-in partner (see `meFor`), or null for an anonymous visitor. Default: null. */
  me?: SignedInMe | null;
  /** Milliseconds every call waits before answering. Default: 0. */
  latency?: number;
  /** When set, every call rejects with this error after the latency (for error-state stories). */
  failWith?: Error | null;
  /** A dataset from `createFixtures()`; the backend works on its own copy. Default: a fresh one. */
  data?: MemoryData;
  /** PRNG seed for the default dataset. */
  seed?: number;
  /**
   * The backend id that core/ uses to share cache entries and in-flight requests. Default 'memory'.
   * Give two backends on one page (say, an anonymous and a signed-in story) different ids.
   */
  id?: string;
  /** Hours after which an unanswered question is past the SLA in the insights. Default: 48. */
  slaHours?: number;
  /** CSAT answers, searches and clicks already recorded (for insights stories); the backend keeps its own copy. */
  insightsLog?: InsightsLog;
  /** Start with the demo's moderation items: a thread reported twice, a post hidden by three reports, a held answer. */
  moderationDemo?: boolean;
}

/**
 * The backend plug, in memory: a realistic partner community (see fixtures.ts) with real behaviour
 * for every call, for Storybook stories and element tests. Nothing in the SDK bundles imports it.
 *
 * The class does what every call shares (latency, offline, failures, aborts, sign-in, idempotency);
 * each call's own behaviour lives in the file for its concern (threads.ts, questions.ts, …).
 *
 * @example
 * const backend = new MemoryBackend({ me: meFor('u-aiko'), latency: 300 });
 * configure({ backend });
 */
export class MemoryBackend implements CommunityBackend, NotificationsApi, InsightsApi, ModerationApi {
  readonly id: string;
  /** The live dataset. Tests and stories may read it to pick ids; writes go through the methods. */
  readonly data: MemoryData;
  /** Milliseconds every call waits. */
  latency: number;
  /** When set, every call rejects with it. */
  failWith: Error | null;

  private readonly state: MemoryState;
  private online = true;
  private readonly replays = new Map<string, unknown>();
  private readonly deflectionLog: DeflectionRecord[] = [];
  private readonly feedbackLog: FeedbackRecord[] = [];
  private readonly callLog = new Map<string, number>();
  /** Follows, notifications and preferences (notifications.ts). */
  private readonly book = notifications.createBook();
  private readonly insightsLog: InsightsLog;
  private readonly expertRequests: ExpertRequests = new Map();
  private readonly slaHours: number;

  constructor(options: MemoryBackendOptions = {}) {
    this.id = options.id ?? 'memory';
    // Given data carries its own `now` (its dates were made relative to it), so `now` applies only to new data.
    this.data = options.data
      ? structuredClone(options.data)
      : createFixtures({ ...(options.now ? { now: options.now } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
    this.state = createState(this.data, options.me ?? null);
    this.latency = options.latency ?? 0;
    this.failWith = options.failWith ?? null;
    seedNotifications(this.book, this.state);
    this.insightsLog = options.insightsLog ? structuredClone(options.insightsLog) : emptyInsightsLog();
    this.slaHours = options.slaHours ?? 48;
    if (options.moderationDemo) moderation.seedModeration(this.state);
  }

  // ---- test and story helpers -------------------------------------------------------------------

  /** `false` makes every call reject with an OfflineError, as a fetch without network would. */
  setOnline(online: boolean): void {
    this.online = online;
  }

  get isOnline(): boolean {
    return this.online;
  }

  /** Switches the signed-in caller (null: anonymous). */
  setMe(me: SignedInMe | null): void {
    this.state.user = me;
  }

  /** The signed-in caller, or null when anonymous. */
  get signedIn(): SignedInMe | null {
    return this.state.user;
  }

  /** "This answered my question" clicks recorded so far. */
  get deflections(): readonly DeflectionRecord[] {
    return [...this.deflectionLog];
  }

  /** "Was this helpful" answers recorded so far. */
  get feedback(): readonly FeedbackRecord[] {
    return [...this.feedbackLog];
  }

  /** Totals of what partners recorded: deflections and "was this helpful" answers. */
  get counters(): { deflections: number; helpful: number; notHelpful: number } {
    const helpful = this.feedbackLog.filter((f) => f.helpful).length;
    return { deflections: this.deflectionLog.length, helpful, notHelpful: this.feedbackLog.length - helpful };
  }

  /** How many times a method was called (all methods when no name), counting failed calls too. */
  calls(method?: keyof CommunityBackend): number {
    if (method) return this.callLog.get(method) ?? 0;
    let n = 0;
    for (const c of this.callLog.values()) n += c;
    return n;
  }

  /** How many live subscriptions are open (a test sees an element subscribe once and let go). */
  get liveSubscribers(): number {
    return this.state.listeners.size;
  }

  /** Delivers a live event to every subscriber, as the server's event stream would. */
  emit(event: LiveEvent): void {
    live.emit(this.state, event);
  }

  /** The fixture clock: `now` from the options, moving forward in real time, so new content is "just now". */
  now(): number {
    return clockNow(this.state);
  }

  // ---- the plug -----------------------------------------------------------------------------------

  listThreads(query: v.InferInput<typeof ThreadListQuery>, opts?: CallOptions): Promise<Page<ThreadSummary>> {
    return this.call('listThreads', opts, () => threads.listThreads(this.state, query));
  }

  getThread(id: string, opts?: CallOptions): Promise<ThreadWithPosts> {
    return this.call('getThread', opts, () => threads.getThread(this.state, id));
  }

  listPosts(threadId: string, cursor: string, opts?: CallOptions): Promise<Page<Post>> {
    return this.call('listPosts', opts, () => threads.listPosts(this.state, threadId, cursor));
  }

  createThread(input: v.InferInput<typeof NewThread>, opts?: CallOptions): Promise<Thread> {
    return this.write('createThread', opts, (me) => this.after(threads.createThread(this.state, me, input), (t) => notifyOnWrite.written(this.book, this.state, me, { kind: 'thread', id: t.id })));
  }

  replyToThread(threadId: string, input: v.InferInput<typeof NewPost>, opts?: CallOptions): Promise<Post> {
    return this.write('replyToThread', opts, (me) => this.after(threads.replyToThread(this.state, me, threadId, input), (p) => notifyOnWrite.written(this.book, this.state, me, { kind: 'post', id: p.id })));
  }

  listQuestions(query: v.InferInput<typeof QuestionListQuery>, opts?: CallOptions): Promise<Page<QuestionSummary>> {
    return this.call('listQuestions', opts, () => questions.listQuestions(this.state, query));
  }

  similarQuestions(text: string, opts?: CallOptions): Promise<SimilarQuestion[]> {
    return this.call('similarQuestions', opts, () => similarQuestions(this.state, text));
  }

  getQuestion(id: string, opts?: CallOptions): Promise<QuestionWithAnswers> {
    return this.call('getQuestion', opts, () => questions.getQuestion(this.state, id));
  }

  listAnswers(questionId: string, cursor: string, opts?: CallOptions): Promise<Page<Answer>> {
    return this.call('listAnswers', opts, () => questions.listAnswers(this.state, questionId, cursor));
  }

  askQuestion(input: v.InferInput<typeof NewQuestion>, opts?: CallOptions): Promise<Question> {
    return this.write('askQuestion', opts, (me) => this.after(questions.askQuestion(this.state, me, input), (q) => notifyOnWrite.written(this.book, this.state, me, { kind: 'question', id: q.id })));
  }

  answerQuestion(questionId: string, input: v.InferInput<typeof NewAnswer>, opts?: CallOptions): Promise<Answer> {
    return this.write('answerQuestion', opts, (me) => this.after(questions.answerQuestion(this.state, me, questionId, input), (a) => notifyOnWrite.written(this.book, this.state, me, { kind: 'answer', id: a.id })));
  }

  acceptAnswer(questionId: string, answerId: string, opts?: CallOptions): Promise<Question> {
    return this.write('acceptAnswer', opts, (me) => {
      const before = this.data.questions.find((q) => q.id === questionId)?.acceptedAnswerId;
      const q = questions.acceptAnswer(this.state, me, questionId, answerId);
      // Accepting the accepted answer again notifies nobody, as it emits no event.
      if (before !== answerId) notifyOnWrite.accepted(this.book, this.state, me, q);
      return q;
    });
  }

  voteQuestion(questionId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult> {
    return this.write('voteQuestion', opts, (me) => questions.voteQuestion(this.state, me, questionId, value));
  }

  voteAnswer(answerId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult> {
    return this.write('voteAnswer', opts, (me) => questions.voteAnswer(this.state, me, answerId, value));
  }

  recordDeflection(questionId: string, query: string, opts?: CallOptions): Promise<Ok> {
    return this.write('recordDeflection', opts, () => {
      this.deflectionLog.push(deflectionRecord(this.state, questionId, query));
      return { ok: true as const };
    }, false);
  }

  searchArticles(query: v.InferInput<typeof ArticleSearchQuery>, opts?: CallOptions): Promise<ArticleSearchResult> {
    return this.call('searchArticles', opts, () => {
      const result = findArticles(this.state, query);
      // As the server does: a first page of a real query is a search event, which a click may refer to.
      if (query.cursor || !query.q?.trim()) return result;
      const id = `se-m${this.insightsLog.searches.length + 1}`;
      this.insightsLog.searches.push({ id, query: normaliseQuery(query.q), results: result.total, at: this.now() });
      return { ...result, searchId: id };
    });
  }

  getArticle(id: string, opts?: CallOptions): Promise<Article> {
    return this.call('getArticle', opts, () => readArticle(this.state, id));
  }

  sendArticleFeedback(articleId: string, feedback: v.InferInput<typeof HelpfulFeedback>, opts?: CallOptions): Promise<Ok> {
    return this.write('sendArticleFeedback', opts, () => {
      this.feedbackLog.push(recordFeedback(this.state, articleId, feedback));
      return { ok: true as const };
    }, false);
  }

  listCertifications(query: CertificationQuery, opts?: CallOptions): Promise<Certification[]> {
    return this.call('listCertifications', opts, () => certifications.listCertifications(this.state, query));
  }

  /** One certification by id (the contract's getCertification; not part of CommunityBackend). */
  getCertification(id: string, opts?: CallOptions): Promise<Certification> {
    return this.call('getCertification', opts, () => certifications.getCertification(this.state, id));
  }

  verifyCertification(id: string, opts?: CallOptions): Promise<VerificationResult> {
    return this.call('verifyCertification', opts, () => certifications.verifyCertification(this.state, id));
  }

  verifyAssertion(request: v.InferInput<typeof VerifyRequest>, opts?: CallOptions): Promise<VerificationResult> {
    return this.call('verifyAssertion', opts, () => certifications.verifyAssertion(this.state, request));
  }

  me(opts?: CallOptions): Promise<Me> {
    return this.call('me', opts, () => this.state.user ?? { authenticated: false as const });
  }

  stats(opts?: CallOptions): Promise<Stats> {
    return this.call('stats', opts, () => {
      const user = this.state.user;
      if (!user) throw unauthorized();
      if (!user.roles.some((r) => r === 'vendor-staff' || r === 'moderator')) throw forbidden('Community statistics are for vendor staff.');
      return computeStats(this.data, this.now());
    });
  }

  // ---- insights (the InsightsApi capability) ----------------------------------------------------

  insights(query: InsightsQuery, opts?: CallOptions): Promise<Insights> {
    return this.call('insights', opts, () => this.computeInsights(query));
  }

  exportInsights(query: InsightsExportQuery, opts?: CallOptions): Promise<string> {
    return this.call('exportInsights', opts, () => {
      const q = parseInput(InsightsExportQuery, query, 400);
      return insightsCsv(this.computeInsights(q), q.table);
    });
  }

  getCsat(questionId: string, opts?: CallOptions): Promise<CsatStatus> {
    return this.call('getCsat', opts, () => {
      if (!this.state.user) throw unauthorized();
      return csat.csatStatus(this.state, this.insightsLog.csat, this.state.user, questionId);
    });
  }

  answerCsat(questionId: string, input: CsatRequest, opts?: CallOptions): Promise<CsatAnswer> {
    return this.write('answerCsat', opts, (me) => csat.answerCsat(this.state, this.insightsLog.csat, me, questionId, input));
  }

  recordSearchClick(click: SearchClick, opts?: CallOptions): Promise<Ok> {
    return this.write('recordSearchClick', opts, () => {
      const c = parseInput(SearchClick, click);
      if (!this.insightsLog.searches.some((s) => s.id === c.searchId)) throw notFound('Search', c.searchId);
      this.insightsLog.clicks.push({ ...c, at: this.now() });
      return { ok: true as const };
    }, false);
  }

  notifyExperts(questionId: string, opts?: CallOptions): Promise<ExpertRequest> {
    return this.write('notifyExperts', opts, (me) => notifyExperts(this.book, this.state, this.expertRequests, me, questionId));
  }

  /** CSAT answers recorded so far (a test sees the Q&A box send one). */
  get csatAnswers(): readonly { questionId: string; score: number; comment: string | null }[] {
    return this.insightsLog.csat.map(({ questionId, score, comment }) => ({ questionId, score, comment }));
  }

  /** Vendor staff only, as on the server: anonymous callers 401, everyone else 403. */
  private computeInsights(query: InsightsQuery): Insights {
    const user = this.state.user;
    if (!user) throw unauthorized();
    if (!user.roles.includes('vendor-staff')) throw forbidden('Community insights are for vendor staff.');
    const now = this.now();
    return computeInsights({
      data: this.data, log: this.insightsLog, period: periodOf(query, now), now, slaHours: this.slaHours,
      deflections: [...this.insightsLog.deflections, ...this.deflectionLog.map((d) => ({ questionId: d.questionId, at: Date.parse(d.at) }))],
      feedback: [...this.insightsLog.feedback, ...this.feedbackLog.map((f) => ({ helpful: f.helpful, at: Date.parse(f.at) }))],
    });
  }

  // ---- moderation (the ModerationApi capability) ---------------------------------------------------

  createFlag(input: v.InferInput<typeof NewFlag>, opts?: CallOptions): Promise<Flag> {
    return this.write('createFlag', opts, (me) => moderation.createFlag(this.state, me, input));
  }

  moderationQueue(query: v.InferInput<typeof QueueQuery>, opts?: CallOptions): Promise<QueuePage> {
    return this.call('moderationQueue', opts, () => moderation.moderationQueue(this.state, query));
  }

  moderationAction(request: v.InferInput<typeof ModerationActionRequest>, opts?: CallOptions): Promise<AuditEntry> {
    return this.write('moderationAction', opts, () => {
      const entry = moderation.moderationAction(this.state, request);
      // A held item approved is published only now: its followers and mentioned people hear of it now, as on
      // the server. Hidden content had been published (and announced) before, so approving it is no news.
      const kind = entry.target?.kind;
      if (entry.action === 'approve' && entry.before.status === 'held' && kind && kind !== 'person') {
        notifyOnWrite.announce(this.book, this.state, { kind, id: entry.target!.id });
      }
      return entry;
    });
  }

  moderationLog(query: v.InferInput<typeof AuditLogQuery>, opts?: CallOptions): Promise<AuditLogPage> {
    return this.call('moderationLog', opts, () => moderation.moderationLog(this.state, query));
  }

  getWatchedWords(opts?: CallOptions): Promise<WatchedWords> {
    return this.call('getWatchedWords', opts, () => moderation.getWatchedWords(this.state));
  }

  putWatchedWords(words: v.InferInput<typeof WatchedWords>, opts?: CallOptions): Promise<WatchedWords> {
    return this.write('putWatchedWords', opts, () => moderation.putWatchedWords(this.state, words));
  }

  /** MemoryBackend keeps no edit history (its content is never edited): always an empty list. */
  listRevisions(_query: RevisionQuery, opts?: CallOptions): Promise<RevisionList> {
    return this.call('listRevisions', opts, () => {
      moderation.getWatchedWords(this.state); // the same moderators-only rule as the server
      return { items: [] };
    });
  }

  subscribe(onEvent: (event: LiveEvent) => void, signal: AbortSignal): void {
    live.subscribe(this.state, onEvent, signal);
  }

  // ---- notifications (the NotificationsApi capability) ----------------------------------------------

  listFollows(opts?: CallOptions): Promise<Follow[]> {
    return this.call('listFollows', opts, () => notifications.listFollows(this.book, this.state));
  }

  setFollow(kind: FollowKind, id: string, level: FollowLevel, opts?: CallOptions): Promise<Follow> {
    return this.write('setFollow', opts, () => notifications.setFollow(this.book, this.state, kind, id, level));
  }

  removeFollow(kind: FollowKind, id: string, opts?: CallOptions): Promise<void> {
    return this.write('removeFollow', opts, () => notifications.removeFollow(this.book, this.state, kind, id));
  }

  listNotifications(query: NotificationQuery, opts?: CallOptions): Promise<NotificationPage> {
    return this.call('listNotifications', opts, () => notifications.listNotifications(this.book, this.state, query));
  }

  markNotificationsRead(request: MarkReadRequest, opts?: CallOptions): Promise<UnreadCount> {
    return this.write('markNotificationsRead', opts, () => notifications.markRead(this.book, this.state, request));
  }

  getPreferences(opts?: CallOptions): Promise<Preferences> {
    return this.call('getPreferences', opts, () => notifications.getPreferences(this.book, this.state));
  }

  setPreferences(update: PreferencesUpdate, opts?: CallOptions): Promise<Preferences> {
    return this.write('setPreferences', opts, () => notifications.setPreferences(this.book, this.state, update));
  }

  searchPeople(q: string, opts?: CallOptions): Promise<Person[]> {
    return this.call('searchPeople', opts, () => searchPeople(this.state, q));
  }

  subscribeNotifications(onEvent: (event: NotificationLiveEvent) => void, signal: AbortSignal): void {
    notifications.subscribe(this.book, this.state, onEvent, signal);
  }

  /** How many notification subscriptions are open (a test sees the bell subscribe once and let go). */
  get notificationSubscribers(): number {
    return this.book.listeners.size;
  }

  // ---- call plumbing ------------------------------------------------------------------------------

  /** Runs `then` on a write's result (its notifications), then hands the result on. */
  private after<T>(result: T, then: (result: T) => void): T {
    then(result);
    return result;
  }

  /** Every call: counts, fails fast when offline or aborted, waits the latency, then answers. */
  private async call<T>(name: string, opts: CallOptions | undefined, run: () => T): Promise<T> {
    this.callLog.set(name, (this.callLog.get(name) ?? 0) + 1);
    const signal = opts?.signal;
    if (signal?.aborted) throw abortError();
    if (!this.online) throw new OfflineError();
    await delay(this.latency, signal);
    if (!this.online) throw new OfflineError();
    if (this.failWith) throw this.failWith;
    // A copy, so a caller mutating a result cannot reach into the dataset.
    return structuredClone(run());
  }

  /** A write: signed in unless `needsAuth` is false; an idempotency key replays the first result. */
  private write<T>(name: string, opts: CallOptions | undefined, run: (me: SignedInMe) => T, needsAuth?: true): Promise<T>;
  private write<T>(name: string, opts: CallOptions | undefined, run: (me: SignedInMe | null) => T, needsAuth: false): Promise<T>;
  private write<T>(name: string, opts: CallOptions | undefined, run: (me: SignedInMe) => T, needsAuth = true): Promise<T> {
    return this.call(name, opts, () => {
      const me = this.state.user;
      if (needsAuth && !me) throw unauthorized();
      const key = opts?.idempotencyKey ? `${name}\u0000${opts.idempotencyKey}` : null;
      if (key && this.replays.has(key)) return structuredClone(this.replays.get(key) as T);
      const result = run(me as SignedInMe);
      if (key) this.replays.set(key, structuredClone(result));
      return result;
    });
  }
}
