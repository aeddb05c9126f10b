import type {
  Answer, Article, ArticleSearchQuery, ArticleSearchResult, Certification, CertificationQuery, HelpfulFeedback,
  LiveEvent, Me, NewAnswer, NewPost, NewQuestion, NewThread, Ok, Page, Post, Question, QuestionListQuery,
  QuestionSummary, QuestionWithAnswers, SimilarQuestion, Stats, Thread, ThreadListQuery, ThreadSummary,
  ThreadWithPosts, VerificationResult, VerifyRequest, VoteResult, VoteValue,
} from '../contract/index.js';
import type { CallOptions } from './call-options.js';
import type { InsightsApi } from './insights.js';
import type { ModerationApi } from './moderation.js';
import type { NotificationsApi } from './notifications.js';
export type { CallOptions } from './call-options.js';

/**
 * The plug between Confab's elements and a community backend: the whole v1 contract.
 * Implementations resolve with contract-shaped values and reject with the classes in core/errors
 * (BackendError, AuthError, ValidationError, OfflineError) or an AbortError.
 *
 * Writes take plain JSON arguments so that the outbox can persist a call and replay it later.
 */
export interface CommunityBackend extends Partial<NotificationsApi>, Partial<InsightsApi>, Partial<ModerationApi> {
  /** Stable name of this backend (RestBackend: its base URL). Scopes the cache and the outbox. */
  readonly id?: string;

  listThreads(query: ThreadListQuery, opts?: CallOptions): Promise<Page<ThreadSummary>>;
  getThread(id: string, opts?: CallOptions): Promise<ThreadWithPosts>;
  listPosts(threadId: string, cursor: string, opts?: CallOptions): Promise<Page<Post>>;
  createThread(input: NewThread, opts?: CallOptions): Promise<Thread>;
  replyToThread(threadId: string, input: NewPost, opts?: CallOptions): Promise<Post>;

  listQuestions(query: QuestionListQuery, opts?: CallOptions): Promise<Page<QuestionSummary>>;
  similarQuestions(text: string, opts?: CallOptions): Promise<SimilarQuestion[]>;
  getQuestion(id: string, opts?: CallOptions): Promise<QuestionWithAnswers>;
  listAnswers(questionId: string, cursor: string, opts?: CallOptions): Promise<Page<Answer>>;
  askQuestion(input: NewQuestion, opts?: CallOptions): Promise<Question>;
  answerQuestion(questionId: string, input: NewAnswer, opts?: CallOptions): Promise<Answer>;
  acceptAnswer(questionId: string, answerId: string, opts?: CallOptions): Promise<Question>;
  voteQuestion(questionId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult>;
  voteAnswer(answerId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult>;
  recordDeflection(questionId: string, query: string, opts?: CallOptions): Promise<Ok>;

  searchArticles(query: ArticleSearchQuery, opts?: CallOptions): Promise<ArticleSearchResult>;
  getArticle(id: string, opts?: CallOptions): Promise<Article>;
  sendArticleFeedback(articleId: string, feedback: HelpfulFeedback, opts?: CallOptions): Promise<Ok>;

  listCertifications(query: CertificationQuery, opts?: CallOptions): Promise<Certification[]>;
  verifyCertification(id: string, opts?: CallOptions): Promise<VerificationResult>;
  /** Server-side verification of any hosted assertion, for issuers that send no CORS headers. */
  verifyAssertion(request: VerifyRequest, opts?: CallOptions): Promise<VerificationResult>;

  me(opts?: CallOptions): Promise<Me>;
  stats(opts?: CallOptions): Promise<Stats>;

  /**
   * Live updates. Calls `onEvent` for each event until `signal` aborts. Optional: a backend without
   * live updates leaves it out and elements with `live` simply do not update live.
   */
  subscribe?(onEvent: (event: LiveEvent) => void, signal: AbortSignal): void;
}

/** The writes the outbox may persist and replay, by method name. */
export const OUTBOX_WRITES = ['createThread', 'replyToThread', 'askQuestion', 'answerQuestion'] as const;
export type OutboxWrite = (typeof OUTBOX_WRITES)[number];
export type OutboxArgs<M extends OutboxWrite> = Parameters<CommunityBackend[M]> extends [...infer A, CallOptions?] ? A : never;
