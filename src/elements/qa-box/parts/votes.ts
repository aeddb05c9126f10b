import type { Answer, Page, Question, QuestionWithAnswers, VoteResult, VoteValue } from '../../../contract/index.js';

/** What a vote button press means: pressing your current vote again withdraws it (0). */
export const nextVote = (current: VoteValue, pressed: 1 | -1): VoteValue => (current === pressed ? 0 : pressed);

/** The score once `current` is replaced by `next`, as the server will count it. */
export const scoreAfter = (score: number, current: VoteValue, next: VoteValue): number => score - current + next;

/** Accepted first, then by score, then oldest first, so equal scores keep the order they were written in. */
export function sortAnswers(answers: readonly Answer[]): Answer[] {
  return [...answers].sort(
    (a, b) => Number(b.accepted) - Number(a.accepted) || b.score - a.score || a.createdAt.localeCompare(b.createdAt),
  );
}

/** A vote target inside a question view. */
export type VoteTarget = { kind: 'question' } | { kind: 'answer'; id: string };

/** `data` with the target's score and my vote replaced. */
export function withVote(data: QuestionWithAnswers, target: VoteTarget, vote: VoteResult): QuestionWithAnswers {
  if (target.kind === 'question') return { ...data, question: { ...data.question, ...vote } };
  return {
    ...data,
    answers: { ...data.answers, items: data.answers.items.map((a) => (a.id === target.id ? { ...a, ...vote } : a)) },
  };
}

/** The current score and my vote on `target`, or undefined when the answer is gone. */
export function voteOf(data: QuestionWithAnswers, target: VoteTarget): VoteResult | undefined {
  const t = target.kind === 'question' ? data.question : data.answers.items.find((a) => a.id === target.id);
  return t ? { score: t.score, myVote: t.myVote } : undefined;
}

/** `data` after the asker accepted `answerId`; `question` is the server's updated question. */
export function withAccepted(data: QuestionWithAnswers, question: Question, answerId: string): QuestionWithAnswers {
  return {
    question: { ...question, acceptedAnswerId: answerId, accepted: true },
    answers: { ...data.answers, items: data.answers.items.map((a) => ({ ...a, accepted: a.id === answerId })) },
  };
}

/** `data` with a newly posted answer added (once, even if a replay reports it again). */
export function withAnswer(data: QuestionWithAnswers, answer: Answer): QuestionWithAnswers {
  if (data.answers.items.some((a) => a.id === answer.id)) return data;
  return {
    question: { ...data.question, answerCount: data.question.answerCount + 1 },
    answers: { ...data.answers, items: [...data.answers.items, answer] },
  };
}

/** `data` with a further page of answers appended (answers already shown are not repeated). */
export function withMore(data: QuestionWithAnswers, page: Page<Answer>): QuestionWithAnswers {
  const known = new Set(data.answers.items.map((a) => a.id));
  return { ...data, answers: { items: [...data.answers.items, ...page.items.filter((a) => !known.has(a.id))], nextCursor: page.nextCursor } };
}
