import { CsatRequest, type CsatAnswer, type CsatStatus, type SignedInMe } from '../../contract/index.js';
import { forbidden, parseInput } from './errors.js';
import type { CsatRecord } from './insights-log.js';
import { questionById } from './questions.js';
import { clockNow, iso, type MemoryState } from './state.js';

/** The asker of a question with an accepted answer is the one asked "Did this solve your problem?". */
const eligible = (state: MemoryState, me: SignedInMe, questionId: string) => {
  const q = questionById(state, questionId);
  return q.authorId === me.id && !!q.acceptedAnswerId;
};

const toAnswer = (r: CsatRecord): CsatAnswer => ({ questionId: r.questionId, score: r.score, comment: r.comment, answeredAt: iso(r.at) });

export function csatStatus(state: MemoryState, log: readonly CsatRecord[], me: SignedInMe, questionId: string): CsatStatus {
  const mine = log.find((r) => r.questionId === questionId && r.personId === me.id);
  return { eligible: eligible(state, me, questionId), answer: mine ? toAnswer(mine) : null };
}

/** Stores (or replaces) the asker's answer; anyone else is refused, as the server does. */
export function answerCsat(state: MemoryState, log: CsatRecord[], me: SignedInMe, questionId: string, input: CsatRequest): CsatAnswer {
  const body = parseInput(CsatRequest, input);
  if (!eligible(state, me, questionId)) throw forbidden('Only the asker of a question with an accepted answer is asked this.');
  const record: CsatRecord = { questionId, personId: me.id, score: body.score, comment: body.comment || null, at: clockNow(state) };
  const at = log.findIndex((r) => r.questionId === questionId && r.personId === me.id);
  if (at >= 0) log[at] = record;
  else log.push(record);
  return toAnswer(record);
}
