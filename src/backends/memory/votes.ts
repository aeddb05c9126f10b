import { VoteValue as VoteValueSchema, type SignedInMe, type VoteValue } from '../../contract/index.js';
import { parseInput } from './errors.js';
import type { AnswerRecord, QuestionRecord, Votes } from './model.js';

const sumVotes = (votes: Votes) => Object.values(votes).reduce<number>((n, x) => n + x, 0);

/** The fixtures' score stands for votes from people who are not in the dataset; live votes add to it. */
export const questionScore = (q: QuestionRecord) => q.baseScore + sumVotes(q.votes);
export const answerScore = (a: AnswerRecord) => a.baseScore + sumVotes(a.votes);

/** The caller's own vote, 0 for none or when anonymous. */
export const myVote = (votes: Votes, me: SignedInMe | null): VoteValue => (me && votes[me.id]) || 0;

export function castVote(votes: Votes, me: SignedInMe, value: VoteValue): void {
  const v1 = parseInput(VoteValueSchema, value);
  // One vote per person: a vote replaces the previous one, 0 withdraws it.
  if (v1 === 0) delete votes[me.id];
  else votes[me.id] = v1;
}
