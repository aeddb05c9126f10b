import * as v from 'valibot';
import { Author, ContentStatusField, Cursor, Id, Limit, MarkdownBody, Tags, Timestamp, Title, page } from './common.js';

export const VOTE_VALUES = [-1, 0, 1] as const;
/** -1 down, 0 none (withdraws a vote), 1 up. One vote per person per target. */
export const VoteValue = v.picklist(VOTE_VALUES);
export type VoteValue = v.InferOutput<typeof VoteValue>;

export const QuestionSummary = v.object({
  id: Id,
  title: v.string(),
  excerpt: v.string(),
  category: v.string(),
  tags: v.array(v.string()),
  author: Author,
  answerCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  score: v.pipe(v.number(), v.integer()),
  /**
   * True while the answer the asker accepted is published (a held or hidden one does not count; a
   * restore brings it back). In a question read by id, also while the caller may read that answer:
   * its author and moderators.
   */
  accepted: v.boolean(),
  createdAt: Timestamp,
  lastActivityAt: Timestamp,
  /** `published` for everyone; `held` or `hidden` only ever reaches its author and moderators. */
  status: ContentStatusField,
});
export type QuestionSummary = v.InferOutput<typeof QuestionSummary>;

export const Question = v.object({
  ...QuestionSummary.entries,
  body: v.string(),
  /** The accepted answer, under the same rule as `accepted`: null whenever `accepted` is false. */
  acceptedAnswerId: v.nullable(Id),
  myVote: VoteValue,
});
export type Question = v.InferOutput<typeof Question>;

export const Answer = v.object({
  id: Id,
  questionId: Id,
  author: Author,
  body: v.string(),
  score: v.pipe(v.number(), v.integer()),
  myVote: VoteValue,
  accepted: v.boolean(),
  createdAt: Timestamp,
  status: ContentStatusField,
});
export type Answer = v.InferOutput<typeof Answer>;

export const AnswerPage = page(Answer);
export const QuestionPage = page(QuestionSummary);

/** A question with its answers, accepted first, then by score. */
export const QuestionWithAnswers = v.object({ question: Question, answers: AnswerPage });
export type QuestionWithAnswers = v.InferOutput<typeof QuestionWithAnswers>;

/** A possible duplicate shown while a partner types (deflection). */
export const SimilarQuestion = v.object({
  id: Id,
  title: v.string(),
  answerCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  accepted: v.boolean(),
  /** Plain-text excerpt of the accepted answer, when there is one. */
  acceptedExcerpt: v.nullable(v.string()),
  /** Text similarity in [0, 1]. */
  similarity: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
});
export type SimilarQuestion = v.InferOutput<typeof SimilarQuestion>;
export const SimilarQuestions = v.object({ items: v.array(SimilarQuestion) });

export const QuestionListQuery = v.object({
  category: v.optional(v.pipe(v.string(), v.maxLength(80))),
  tag: v.optional(v.pipe(v.string(), v.maxLength(40))),
  sort: v.optional(v.picklist(['latest', 'top', 'unanswered'])),
  cursor: Cursor,
  limit: Limit,
});
export type QuestionListQuery = v.InferInput<typeof QuestionListQuery>;

export const SimilarQuery = v.object({
  q: v.pipe(v.string(), v.trim(), v.minLength(1, 'type a few words'), v.maxLength(200)),
  limit: v.optional(Limit, 5),
});
export type SimilarQuery = v.InferInput<typeof SimilarQuery>;

export const NewQuestion = v.object({
  title: Title,
  body: MarkdownBody,
  category: v.pipe(v.string(), v.trim(), v.minLength(1, 'choose a category'), v.maxLength(80)),
  tags: v.optional(Tags, []),
});
export type NewQuestion = v.InferInput<typeof NewQuestion>;

export const NewAnswer = v.object({ body: MarkdownBody });
export type NewAnswer = v.InferInput<typeof NewAnswer>;

export const VoteRequest = v.object({ value: VoteValue });
export type VoteRequest = v.InferInput<typeof VoteRequest>;
export const VoteResult = v.object({ score: v.pipe(v.number(), v.integer()), myVote: VoteValue });
export type VoteResult = v.InferOutput<typeof VoteResult>;

export const AcceptRequest = v.object({ answerId: Id });
export type AcceptRequest = v.InferInput<typeof AcceptRequest>;

/** "This answered my question": the partner found an existing answer instead of asking. */
export const Deflection = v.object({ query: v.pipe(v.string(), v.maxLength(200)) });
export type Deflection = v.InferInput<typeof Deflection>;

export const QuestionPatch = v.object({ title: v.optional(Title), body: v.optional(MarkdownBody), tags: v.optional(Tags) });
export type QuestionPatch = v.InferInput<typeof QuestionPatch>;
export const AnswerPatch = v.object({ body: MarkdownBody });
export type AnswerPatch = v.InferInput<typeof AnswerPatch>;
