/**
 * Half a year and more of community activity before "now", so that the insights (issue 15) have trends
 * and a previous period to compare with: "was this helpful" feedback, CSAT answers to the accepted
 * questions, deflections to answered questions, and knowledge-base searches with clicks. It adds no
 * threads, questions or answers (the community and its archive already span about 24 weeks of those,
 * and the lists must stay the ones MemoryBackend shows). Deterministic (its own seeded PRNG), dated
 * relative to the community's `now`.
 */
import { CSAT_COMMENTS, GAP_QUERIES, SEARCH_QUERIES } from './history-text.js';
import type { AnswerRecord, Community, PersonRecord, QuestionRecord } from './model.js';
import { createRng, type Rng } from './prng.js';

export const HISTORY_SEED = 1515;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export interface HistoryOptions {
  /** How many weeks back (default 30). */
  weeks?: number;
  /** Scales every weekly volume (default 1). */
  scale?: number;
  seed?: number;
}

export interface CsatRecord { questionId: string; personId: string; score: number; comment: string | null; answeredAt: number }
export interface DeflectionRecord { questionId: string; personId: string | null; query: string; createdAt: number }
export interface SearchRecord { query: string; resultCount: number; tier: string | null; orgId: string | null; createdAt: number; clicked: boolean }
export interface FeedbackRecord { articleId: string; helpful: boolean; createdAt: number }

export interface History {
  csat: CsatRecord[];
  deflections: DeflectionRecord[];
  searches: SearchRecord[];
  feedback: FeedbackRecord[];
}

/** A weighted pick from [value, weight] pairs. */
function weighted<T>(rng: Rng, items: [T, number][]): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

/**
 * `people` are everyone who may take part (the community's and the archive's), `questions` and
 * `answers` the community's and the archive's, `articleIds` the articles feedback may land on.
 */
export function createHistory(community: Community, people: PersonRecord[], questions: QuestionRecord[], answers: AnswerRecord[], articleIds: string[], options: HistoryOptions = {}): History {
  const rng = createRng(options.seed ?? HISTORY_SEED);
  const weeks = options.weeks ?? 30;
  const scale = options.scale ?? 1;
  const { now } = community;
  const tierOf = new Map(community.orgs.map((o) => [o.id, o.tier]));
  const partners = people.filter((p) => p.orgId);
  const h: History = { csat: [], deflections: [], searches: [], feedback: [] };
  const start = now - weeks * WEEK;
  // Seconds are dropped so every timestamp survives a round trip through any backend unchanged.
  const at = (ms: number) => Math.floor(Math.min(ms, now - HOUR) / 60_000) * 60_000;
  const progress = (ms: number) => Math.max(0, Math.min(1, (ms - start) / (now - start)));

  // CSAT: about two in three askers of an accepted question answered, more of them happy as the program matured.
  const answerAt = new Map(answers.map((a) => [a.id, a.createdAt]));
  for (const q of questions) {
    if (!q.acceptedAnswerId || !rng.chance(0.65)) continue;
    const p = progress(q.createdAt);
    const score = weighted(rng, [[5, 40 + 20 * p], [4, 30], [3, 12], [2, 8 - 4 * p], [1, 6 - 3 * p]]);
    h.csat.push({
      questionId: q.id, personId: q.authorId, score, comment: rng.chance(0.4) ? rng.pick(CSAT_COMMENTS[score]!) : null,
      answeredAt: at((answerAt.get(q.acceptedAnswerId) ?? q.createdAt) + rng.next() * 2 * DAY),
    });
  }
  const accepted = questions.filter((q) => q.acceptedAnswerId);
  for (let w = 0; w < weeks; w++) {
    const p = w / Math.max(1, weeks - 1); // 0 at the oldest week, 1 this week
    const weekStart = start + w * WEEK;
    const when = () => at(weekStart + rng.next() * WEEK);
    // Knowledge-base searches: popular queries, a long tail and the gaps; about half lead to a click.
    for (let i = 0, n = Math.round((30 + 25 * p) * scale); i < n; i++) {
      const gap = rng.chance(0.08);
      const query = weighted(rng, gap ? GAP_QUERIES : SEARCH_QUERIES);
      const who = rng.chance(0.8) ? rng.pick(partners) : null;
      h.searches.push({
        query, resultCount: gap ? 0 : rng.int(1, 24), tier: who?.orgId ? tierOf.get(who.orgId) ?? null : null, orgId: who?.orgId ?? null,
        createdAt: when(), clicked: !gap && rng.chance(0.4 + 0.2 * p),
      });
    }
    // "Was this helpful" on articles, a little more often yes over time.
    for (let i = 0, n = Math.round(8 * scale); i < n; i++) h.feedback.push({ articleId: rng.pick(articleIds), helpful: rng.chance(0.72 + 0.1 * p), createdAt: when() });
    // Deflections: a partner picks an accepted answer that already existed instead of asking.
    const weekEnd = weekStart + WEEK;
    const existing = accepted.filter((q) => q.lastActivityAt < weekEnd);
    for (let i = 0, n = Math.round((2 + 5 * p) * scale); i < n && existing.length; i++) {
      const q = rng.pick(existing);
      h.deflections.push({
        questionId: q.id, personId: rng.chance(0.7) ? rng.pick(partners).id : null,
        query: q.title.split(' ').slice(0, 4).join(' ').toLowerCase(), createdAt: at(Math.max(when(), q.lastActivityAt + HOUR)),
      });
    }
  }
  return h;
}
