import type * as v from 'valibot';
import { Author, ContentKind, ContentStatus, Ok, Role, Tier } from './common.js';
import { FieldError, Problem } from './problem.js';
import { NewPost, NewThread, Post, PostPage, Thread, ThreadPage, ThreadPatch, ThreadSummary, ThreadWithPosts } from './threads.js';
import {
  AcceptRequest, Answer, AnswerPage, AnswerPatch, Deflection, NewAnswer, NewQuestion, Question, QuestionPage, QuestionPatch,
  QuestionSummary, QuestionWithAnswers, SimilarQuestion, SimilarQuestions, VoteRequest, VoteResult, VoteValue,
} from './questions.js';
import { Article, ArticleHit, ArticleSearchResult, Audience, ContentType, FacetCount, HelpfulFeedback, HighlightRange } from './articles.js';
import { Certification, CertificationList, VerificationResult, VerifyCheck, VerifyFailure, VerifyRequest } from './certifications.js';
import { Me } from './me.js';
import { LiveEvent } from './events.js';
import { Stats } from './stats.js';
import {
  CreatedWebhook, DeliveryMode, Follow, FollowKind, FollowLevel, FollowList, FollowRequest, LiveTicket, MarkReadRequest, Notification,
  NotificationLiveEvent, NotificationPage, NotificationTarget, NotificationType, PersonList, Preferences, PreferencesUpdate,
  UnreadCount, NewWebhook, Webhook, WebhookDelivery, WebhookDeliveryPage, WebhookEvent, WebhookList,
} from './notifications.js';
import { Comparison, CsatAnswer, CsatRequest, CsatStatus, Insights, InsightsCsv, InsightsSegment, SearchClick } from './insights.js';
import {
  AuditEntry, AuditLogPage, ContentRef, Flag, FlagReason, ModerationActionRequest, ModerationState,
  ModerationTarget, NewFlag, QueueItem, QueuePage, Revision, RevisionList, WatchedWord, WatchedWords,
} from './moderation.js';
import { ExpertRequest } from './expert-requests.js';

/**
 * The contract's schemas by the names clients know them by. The OpenAPI document publishes each as
 * `#/components/schemas/<name>` and refers to it wherever it occurs, so a generated client (for
 * example openapi-typescript) has a `Thread` and a `Question` instead of anonymous inline shapes.
 *
 * Each key is the name the schema is exported under; a schema that is not listed here stays inline.
 * List only what the REST API carries: the document warns about components nothing refers to.
 */
export const namedSchemas = {
  Problem, FieldError, Ok, Author, Tier, Role,
  ThreadSummary, Thread, Post, ThreadPage, PostPage, ThreadWithPosts, NewThread, NewPost, ThreadPatch,
  VoteValue, QuestionSummary, Question, Answer, QuestionPage, AnswerPage, QuestionWithAnswers, SimilarQuestion,
  SimilarQuestions, NewQuestion, NewAnswer, QuestionPatch, AnswerPatch, VoteRequest, VoteResult, AcceptRequest, Deflection,
  ContentType, Audience, HighlightRange, FacetCount, ArticleHit, ArticleSearchResult, Article, HelpfulFeedback,
  Certification, CertificationList, VerifyFailure, VerifyCheck, VerificationResult, VerifyRequest,
  Me, LiveEvent, Stats,
  FollowKind, FollowLevel, FollowRequest, Follow, FollowList, NotificationType, NotificationTarget, Notification, NotificationPage,
  MarkReadRequest, UnreadCount, DeliveryMode, Preferences, PreferencesUpdate, PersonList, LiveTicket, NotificationLiveEvent,
  WebhookEvent, NewWebhook, Webhook, CreatedWebhook, WebhookList, WebhookDelivery, WebhookDeliveryPage,
  Comparison, InsightsSegment, Insights, InsightsCsv, CsatRequest, CsatAnswer, CsatStatus, SearchClick,
  ContentStatus, ContentKind, ContentRef, FlagReason, NewFlag, Flag, QueueItem, QueuePage, ModerationTarget, ModerationActionRequest,
  ModerationState, AuditEntry, AuditLogPage, WatchedWord, WatchedWords, Revision, RevisionList,
  ExpertRequest,
} satisfies Record<string, v.GenericSchema>;
export type SchemaName = keyof typeof namedSchemas;
