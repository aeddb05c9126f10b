import type * as v from 'valibot';
import {
  NewAnswer, NewQuestion, QuestionListQuery, type Answer, type Page, type Question, type QuestionSummary, type QuestionWithAnswers,
  type SignedInMe, type VoteResult, type VoteValue,
} from '../../contract/index.js';
import { forbidden, notFound, parseInput } from './errors.js';
import { emit } from './live-events.js';
import type { AnswerRecord, QuestionRecord } from './model.js';
import { DEFAULT_PAGE, paginate } from './paging.js';
import { author, authorIdFor } from './people.js';
import { clockNow, iso, newId, type MemoryState } from './state.js';
import { excerpt } from './text.js';
import { afterWrite, assertMayWrite, isPublished, screen, statusOf, visibleTo } from './moderation.js';
import { answerScore, castVote, myVote, questionScore } from './votes.js';

export function listQuestions(state: MemoryState, query: v.InferInput<typeof QuestionListQuery>): Page<QuestionSummary> {
  const q = parseInput(QuestionListQuery, query, 400);
  let list = state.data.questions.filter((x) => (!q.category || x.category === q.category) && (!q.tag || x.tags.includes(q.tag)) && visibleTo(state, 'question', x.id, x.authorId));
  const byLatest = (a: QuestionRecord, b: QuestionRecord) => b.lastActivityAt - a.lastActivityAt || a.id.localeCompare(b.id);
  if (q.sort === 'unanswered') {
    list = list.filter((x) => answersOf(state, x.id).length === 0).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  } else if (q.sort === 'top') list.sort((a, b) => questionScore(b) - questionScore(a) || byLatest(a, b));
  else list.sort(byLatest);
  const page = paginate(list, q.cursor, q.limit ?? DEFAULT_PAGE);
  return { items: page.items.map((x) => questionSummary(state, x)), nextCursor: page.nextCursor };
}

export function getQuestion(state: MemoryState, id: string): QuestionWithAnswers {
  const q = questionById(state, id);
  return { question: questionOut(state, q), answers: answerPage(state, q, undefined) };
}

export function listAnswers(state: MemoryState, questionId: string, cursor: string): Page<Answer> {
  return answerPage(state, questionById(state, questionId), cursor);
}

export function askQuestion(state: MemoryState, me: SignedInMe, input: v.InferInput<typeof NewQuestion>): Question {
  const body = parseInput(NewQuestion, input);
  assertMayWrite(state, me);
  const status = screen(state, body.title, body.body);
  const now = clockNow(state);
  const q: QuestionRecord = {
    id: newId(state, 'q'), title: body.title, body: body.body, category: body.category, tags: body.tags,
    authorId: authorIdFor(state.data, me), createdAt: now, lastActivityAt: now, acceptedAnswerId: null, baseScore: 0, votes: {},
  };
  state.data.questions.push(q);
  afterWrite(state, { kind: 'question', id: q.id }, status, null);
  // Held content tells only the moderators (afterWrite), never the public stream.
  if (status === 'published') emit(state, { type: 'question.created', id: q.id, parentId: null, category: q.category, at: iso(now) });
  return questionOut(state, q);
}

export function answerQuestion(state: MemoryState, me: SignedInMe, questionId: string, input: v.InferInput<typeof NewAnswer>): Answer {
  const body = parseInput(NewAnswer, input);
  const q = questionById(state, questionId);
  assertMayWrite(state, me);
  const status = screen(state, body.body);
  const now = clockNow(state);
  const a: AnswerRecord = {
    id: newId(state, 'an'), questionId, authorId: authorIdFor(state.data, me), body: body.body, createdAt: now, baseScore: 0, votes: {},
  };
  state.data.answers.push(a);
  afterWrite(state, { kind: 'answer', id: a.id }, status, questionId);
  if (status === 'held') return answerOut(state, a, q);
  q.lastActivityAt = now;
  emit(state, { type: 'answer.created', id: a.id, parentId: questionId, category: q.category, at: iso(now) });
  return answerOut(state, a, q);
}

export function acceptAnswer(state: MemoryState, me: SignedInMe, questionId: string, answerId: string): Question {
  const q = questionById(state, questionId);
  if (q.authorId !== me.id) throw forbidden('Only the person who asked can accept an answer.');
  const a = state.data.answers.find((x) => x.id === answerId && x.questionId === questionId);
  if (!a) throw notFound(`Answer on question ${questionId}`, answerId);
  // Accepting the accepted answer again is a no-op: no new activity, no second event.
  if (q.acceptedAnswerId !== answerId) {
    q.acceptedAnswerId = answerId;
    q.lastActivityAt = clockNow(state);
    emit(state, { type: 'answer.accepted', id: answerId, parentId: questionId, category: q.category, at: iso(q.lastActivityAt) });
  }
  return questionOut(state, q);
}

export function voteQuestion(state: MemoryState, me: SignedInMe, questionId: string, value: VoteValue): VoteResult {
  const q = questionById(state, questionId);
  castVote(q.votes, me, value);
  return { score: questionScore(q), myVote: myVote(q.votes, me) };
}

export function voteAnswer(state: MemoryState, me: SignedInMe, answerId: string, value: VoteValue): VoteResult {
  const a = state.data.answers.find((x) => x.id === answerId);
  if (!a) throw notFound('Answer', answerId);
  castVote(a.votes, me, value);
  return { score: answerScore(a), myVote: myVote(a.votes, me) };
}

export function questionById(state: MemoryState, id: string): QuestionRecord {
  const q = state.data.questions.find((x) => x.id === id);
  // Held and hidden questions are not there for anyone but their author and moderators.
  if (!q || !visibleTo(state, 'question', q.id, q.authorId)) throw notFound('Question', id);
  return q;
}

/** The published answers of a question: what counts, deflection and "unanswered" see. */
export function answersOf(state: MemoryState, questionId: string): AnswerRecord[] {
  return state.data.answers.filter((a) => a.questionId === questionId && isPublished(state, 'answer', a.id));
}

function questionSummary(state: MemoryState, q: QuestionRecord): QuestionSummary {
  return {
    id: q.id, title: q.title, excerpt: excerpt(q.body), category: q.category, tags: [...q.tags], author: author(state.data, q.authorId),
    answerCount: answersOf(state, q.id).length, score: questionScore(q), accepted: q.acceptedAnswerId !== null,
    createdAt: iso(q.createdAt), lastActivityAt: iso(q.lastActivityAt), status: statusOf(state, 'question', q.id),
  };
}

function questionOut(state: MemoryState, q: QuestionRecord): Question {
  return { ...questionSummary(state, q), body: q.body, acceptedAnswerId: q.acceptedAnswerId, myVote: myVote(q.votes, state.user) };
}

function answerOut(state: MemoryState, a: AnswerRecord, q: QuestionRecord): Answer {
  return {
    id: a.id, questionId: a.questionId, author: author(state.data, a.authorId), body: a.body, score: answerScore(a),
    myVote: myVote(a.votes, state.user), accepted: q.acceptedAnswerId === a.id, createdAt: iso(a.createdAt), status: statusOf(state, 'answer', a.id),
  };
}

/** Accepted first, then by score, then oldest first. */
function answerPage(state: MemoryState, q: QuestionRecord, cursor: string | undefined): Page<Answer> {
  const list = state.data.answers.filter((a) => a.questionId === q.id && visibleTo(state, 'answer', a.id, a.authorId))
    .map((a) => answerOut(state, a, q))
    .sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.score - a.score || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return paginate(list, cursor, DEFAULT_PAGE);
}
