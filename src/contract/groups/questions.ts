import type { Endpoint } from './endpoint.js';
import { Ok, PageQuery } from '../common.js';
import {
  AcceptRequest, Answer, AnswerPage, AnswerPatch, Deflection, NewAnswer, NewQuestion, Question, QuestionListQuery,
  QuestionPage, QuestionPatch, QuestionWithAnswers, SimilarQuery, SimilarQuestions, VoteRequest, VoteResult,
} from '../questions.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Questions, answers and votes. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const questionEndpoints = {
  listQuestions: ep({ method: 'GET', path: '/v1/questions', summary: 'List questions', description: 'One page of question summaries of a category or tag, in the order `sort` asks for.', query: QuestionListQuery, response: QuestionPage, auth: 'read' }),
  similarQuestions: ep({ method: 'GET', path: '/v1/questions/similar', summary: 'Questions similar to a draft title, answered first', description: 'Called while a partner types a question, to offer answers that already exist (deflection).', query: SimilarQuery, response: SimilarQuestions, auth: 'read' }),
  getQuestion: ep({ method: 'GET', path: '/v1/questions/{id}', summary: 'A question with its answers', description: 'The question in full with the first page of answers, the accepted one first, then by score.', response: QuestionWithAnswers, auth: 'read' }),
  listAnswers: ep({ method: 'GET', path: '/v1/questions/{id}/answers', summary: 'Further pages of answers', description: 'The answers after the first page, with the cursor that `getQuestion` or an earlier page returned.', query: PageQuery, response: AnswerPage, auth: 'read' }),
  askQuestion: ep({ method: 'POST', path: '/v1/questions', summary: 'Ask a question', description: 'Posts a question as the signed-in partner and returns it; send an `Idempotency-Key` so that a retry never posts twice.', body: NewQuestion, response: Question, auth: 'write', idempotent: true }),
  answerQuestion: ep({ method: 'POST', path: '/v1/questions/{id}/answers', summary: 'Answer a question', description: 'Adds an answer as the signed-in partner and returns it.', body: NewAnswer, response: Answer, auth: 'write', idempotent: true }),
  acceptAnswer: ep({ method: 'POST', path: '/v1/questions/{id}/accept', summary: 'The asker accepts an answer', description: 'Marks one answer as the accepted one; only the asker (or a moderator) may, and it returns the updated question.', body: AcceptRequest, response: Question, auth: 'write', idempotent: true }),
  voteQuestion: ep({ method: 'POST', path: '/v1/questions/{id}/vote', summary: 'Vote on a question (0 withdraws)', description: "Sets the caller's one vote on a question and returns the new score.", body: VoteRequest, response: VoteResult, auth: 'write', idempotent: true }),
  voteAnswer: ep({ method: 'POST', path: '/v1/answers/{id}/vote', summary: 'Vote on an answer (0 withdraws)', description: "Sets the caller's one vote on an answer and returns the new score.", body: VoteRequest, response: VoteResult, auth: 'write', idempotent: true }),
  recordDeflection: ep({ method: 'POST', path: '/v1/questions/{id}/deflections', summary: '"This answered my question"', description: 'Records that an existing question answered what the partner was about to ask; counts toward the deflection rate.', body: Deflection, response: Ok, auth: 'read', idempotent: true }),
  updateQuestion: ep({ method: 'PATCH', path: '/v1/questions/{id}', summary: 'Edit your own question', description: 'Changes the title, body or tags of a question its author (or a moderator) owns.', body: QuestionPatch, response: Question, auth: 'write' }),
  deleteQuestion: ep({ method: 'DELETE', path: '/v1/questions/{id}', summary: 'Delete your own question', description: 'Deletes a question with its answers; only its author or a moderator may.', auth: 'write' }),
  updateAnswer: ep({ method: 'PATCH', path: '/v1/answers/{id}', summary: 'Edit your own answer', description: 'Replaces the body of an answer its author (or a moderator) owns.', body: AnswerPatch, response: Answer, auth: 'write' }),
  deleteAnswer: ep({ method: 'DELETE', path: '/v1/answers/{id}', summary: 'Delete your own answer', description: 'Deletes an answer; only its author or a moderator may.', auth: 'write' }),
} satisfies Record<string, Endpoint>;
