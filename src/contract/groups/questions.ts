import * as v from 'valibot';
import type { Endpoint } from './endpoint.js';
import { Ok } from '../common.js';
import {
  AcceptRequest, Answer, AnswerPage, AnswerPatch, Deflection, NewAnswer, NewQuestion, Question, QuestionListQuery,
  QuestionPage, QuestionPatch, QuestionWithAnswers, SimilarQuery, SimilarQuestions, VoteRequest, VoteResult,
} from '../questions.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Questions, answers and votes. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const questionEndpoints = {
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
} satisfies Record<string, Endpoint>;
