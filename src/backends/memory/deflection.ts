import { Deflection, SimilarQuery, type SimilarQuestion } from '../../contract/index.js';
import { parseInput } from './errors.js';
import { isPublished } from './moderation.js';
import { answersOf, questionById } from './questions.js';
import { clockNow, iso, type MemoryState } from './state.js';
import { excerpt, similarity, tokens } from './text.js';

/** A "this answered my question" click, kept so stories and tests can show what was recorded. */
export interface DeflectionRecord { questionId: string; query: string; at: string }

const SIMILAR_MAX = 5;
const SIMILAR_MIN = 0.2;

/** Questions like the one being typed, so the asker can find an answer before posting. */
export function similarQuestions(state: MemoryState, text: string): SimilarQuestion[] {
  const { q } = parseInput(SimilarQuery, { q: text }, 400);
  const wanted = tokens(q);
  return state.data.questions
    .filter((x) => isPublished(state, 'question', x.id))
    .map((x) => ({ x, sim: similarity(wanted, tokens(x.title)), answers: answersOf(state, x.id).length }))
    .filter((s) => s.sim >= SIMILAR_MIN)
    // Deflection wants questions that already have an answer: accepted, then answered, then the rest.
    .sort((a, b) => Number(!!b.x.acceptedAnswerId) - Number(!!a.x.acceptedAnswerId) || Number(b.answers > 0) - Number(a.answers > 0) || b.sim - a.sim || a.x.id.localeCompare(b.x.id))
    .slice(0, SIMILAR_MAX)
    .map(({ x, sim, answers }) => {
      const accepted = x.acceptedAnswerId ? state.data.answers.find((a) => a.id === x.acceptedAnswerId) : undefined;
      return {
        id: x.id, title: x.title, answerCount: answers, accepted: !!accepted,
        acceptedExcerpt: accepted ? excerpt(accepted.body, 160) : null,
        similarity: Math.round(sim * 100) / 100,
      };
    });
}

/** Checks the click names a real question and returns what to log; the caller owns the log. */
export function deflectionRecord(state: MemoryState, questionId: string, query: string): DeflectionRecord {
  const body = parseInput(Deflection, { query });
  questionById(state, questionId);
  return { questionId, query: body.query, at: iso(clockNow(state)) };
}
