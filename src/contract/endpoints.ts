import * as v from 'valibot';
import { Ok } from './common.js';
import { Problem } from './problem.js';
import {
  NewPost, NewThread, PostPage, Thread, ThreadListQuery, ThreadPage, ThreadPatch, ThreadWithPosts, Post,
} from './threads.js';
import {
  AcceptRequest, Answer, AnswerPage, AnswerPatch, Deflection, NewAnswer, NewQuestion, Question, QuestionListQuery,
  QuestionPage, QuestionPatch, QuestionWithAnswers, SimilarQuery, SimilarQuestions, VoteRequest, VoteResult,
} from './questions.js';
import { Article, ArticleSearchQuery, ArticleSearchResult, HelpfulFeedback } from './articles.js';
import { Certification, CertificationList, VerificationResult, VerifyRequest } from './certifications.js';
import { Me } from './me.js';
import { Stats } from './stats.js';

/**
 * Every operation of the v1 REST contract, in one table. The OpenAPI document, the server's request
 * validation and the client's response validation all read it, so none of them can drift.
 * Paths are relative to the API base URL (`data-api`), e.g. `https://community.example.com/api`.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
  /** 200 response body; `undefined` means 204. */
  response?: v.GenericSchema;
  /** `write`: needs a token; `read`: anonymous unless the server requires auth. */
  auth: 'read' | 'write';
  /** Accepts an `Idempotency-Key` header: a replay returns the first response. */
  idempotent?: boolean;
}

const ep = <E extends Endpoint>(e: E) => e;

export const endpoints = {
  listThreads: ep({ method: 'GET', path: '/v1/threads', summary: 'List threads of a category or tag', query: ThreadListQuery, response: ThreadPage, auth: 'read' }),
  getThread: ep({ method: 'GET', path: '/v1/threads/{id}', summary: 'A thread with its first page of posts', response: ThreadWithPosts, auth: 'read' }),
  listPosts: ep({ method: 'GET', path: '/v1/threads/{id}/posts', summary: 'Further pages of posts', query: v.object({ cursor: v.optional(v.string()), limit: v.optional(v.string()) }), response: PostPage, auth: 'read' }),
  createThread: ep({ method: 'POST', path: '/v1/threads', summary: 'Start a thread', body: NewThread, response: Thread, auth: 'write', idempotent: true }),
  replyToThread: ep({ method: 'POST', path: '/v1/threads/{id}/posts', summary: 'Reply to a thread', body: NewPost, response: Post, auth: 'write', idempotent: true }),
  updateThread: ep({ method: 'PATCH', path: '/v1/threads/{id}', summary: 'Edit your own thread', body: ThreadPatch, response: Thread, auth: 'write' }),
  deleteThread: ep({ method: 'DELETE', path: '/v1/threads/{id}', summary: 'Delete your own thread', auth: 'write' }),
  updatePost: ep({ method: 'PATCH', path: '/v1/posts/{id}', summary: 'Edit your own post', body: NewPost, response: Post, auth: 'write' }),
  deletePost: ep({ method: 'DELETE', path: '/v1/posts/{id}', summary: 'Delete your own post', auth: 'write' }),

  listQuestions: ep({ method: 'GET', path: '/v1/questions', summary: 'List questions', query: QuestionListQuery, response: QuestionPage, auth: 'read' }),
  similarQuestions: ep({ method: 'GET', path: '/v1/questions/similar', summary: 'Questions similar to a draft title, answered first', query: SimilarQuery, response: SimilarQuestions, auth: 'read' }),
  getQuestion: ep({ method: 'GET', path: '/v1/questions/{id}', summary: 'A question with its answers', response: QuestionWithAnswers, auth: 'read' }),
  listAnswers: ep({ method: 'GET', path: '/v1/questions/{id}/answers', summary: 'Further pages of answers', query: v.object({ cursor: v.optional(v.string()), limit: v.optional(v.string()) }), response: AnswerPage, auth: 'read' }),
  askQuestion: ep({ method: 'POST', path: '/v1/questions', summary: 'Ask a question', body: NewQuestion, response: Question, auth: 'write', idempotent: true }),
  answerQuestion: ep({ method: 'POST', path: '/v1/questions/{id}/answers', summary: 'Answer a question', body: NewAnswer, response: Answer, auth: 'write', idempotent: true }),
  acceptAnswer: ep({ method: 'POST', path: '/v1/questions/{id}/accept', summary: 'The asker accepts an answer', body: AcceptRequest, response: Question, auth: 'write', idempotent: true }),
  voteQuestion: ep({ method: 'POST', path: '/v1/questions/{id}/vote', summary: 'Vote on a question (0 withdraws)', body: VoteRequest, response: VoteResult, auth: 'write', idempotent: true }),
  voteAnswer: ep({ method: 'POST', path: '/v1/answers/{id}/vote', summary: 'Vote on an answer (0 withdraws)', body: VoteRequest, response: VoteResult, auth: 'write', idempotent: true }),
  recordDeflection: ep({ method: 'POST', path: '/v1/questions/{id}/deflections', summary: '"This answered my question"', body: Deflection, response: Ok, auth: 'read', idempotent: true }),
  updateQuestion: ep({ method: 'PATCH', path: '/v1/questions/{id}', summary: 'Edit your own question', body: QuestionPatch, response: Question, auth: 'write' }),
  deleteQuestion: ep({ method: 'DELETE', path: '/v1/questions/{id}', summary: 'Delete your own question', auth: 'write' }),
  updateAnswer: ep({ method: 'PATCH', path: '/v1/answers/{id}', summary: 'Edit your own answer', body: AnswerPatch, response: Answer, auth: 'write' }),
  deleteAnswer: ep({ method: 'DELETE', path: '/v1/answers/{id}', summary: 'Delete your own answer', auth: 'write' }),

  searchArticles: ep({ method: 'GET', path: '/v1/articles/search', summary: 'Full-text search of the knowledge base, filtered by audience', query: ArticleSearchQuery, response: ArticleSearchResult, auth: 'read' }),
  getArticle: ep({ method: 'GET', path: '/v1/articles/{id}', summary: 'One article', response: Article, auth: 'read' }),
  sendArticleFeedback: ep({ method: 'POST', path: '/v1/articles/{id}/feedback', summary: '"Was this helpful?"', body: HelpfulFeedback, response: Ok, auth: 'read', idempotent: true }),

  listCertifications: ep({ method: 'GET', path: '/v1/certifications', summary: 'Certifications of a person (?person=) or org (?org=)', query: v.object({ person: v.optional(v.string()), org: v.optional(v.string()) }), response: CertificationList, auth: 'read' }),
  getCertification: ep({ method: 'GET', path: '/v1/certifications/{id}', summary: 'One certification', response: Certification, auth: 'read' }),
  verifyCertification: ep({ method: 'GET', path: '/v1/certifications/{id}/verify', summary: 'Verify a certification as a third-party verifier would', response: VerificationResult, auth: 'read' }),
  verifyAssertion: ep({ method: 'POST', path: '/v1/verify', summary: 'Verify any hosted assertion server-side (for issuers without CORS)', body: VerifyRequest, response: VerificationResult, auth: 'read' }),

  me: ep({ method: 'GET', path: '/v1/me', summary: 'The caller as the server sees the token', response: Me, auth: 'read' }),
  stats: ep({ method: 'GET', path: '/v1/stats', summary: 'Community health, vendor staff only', response: Stats, auth: 'write' }),
} satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
/** The 200 body of an endpoint, as the client sees it after validation. */
export type ResponseOf<N extends EndpointName> = (typeof endpoints)[N] extends { response: infer S extends v.GenericSchema }
  ? v.InferOutput<S>
  : void;

export { Problem };
