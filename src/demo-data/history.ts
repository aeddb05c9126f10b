/**
 * Half a year and more of community activity before "now", so that the insights (issue 15) have trends
 * and a previous period to compare with: questions and answers (the time to a first answer shortening
 * and the resolution rate rising as the program matures), threads and replies, votes on answers,
 * "was this helpful" feedback, CSAT answers, deflections and knowledge-base searches with clicks.
 * Deterministic (its own seeded PRNG), dated relative to the community's `now`.
 */
import { ARCHIVE_QUESTIONS, ARCHIVE_THREADS } from './archive-text.js';
import { archiveBody } from './archive.js';
import { CSAT_COMMENTS, GAP_QUERIES, SEARCH_QUERIES } from './history-text.js';
import { TECHNICAL_PRODUCTS } from './members.js';
import type { AnswerRecord, Community, PersonRecord, PostRecord, QuestionRecord, ThreadRecord } from './model.js';
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

export interface HistoryQuestion extends QuestionRecord { product: string }
export interface CsatRecord { questionId: string; personId: string; score: number; comment: string | null; answeredAt: number }
export interface DeflectionRecord { questionId: string; personId: string | null; query: string; createdAt: number }
export interface SearchRecord { query: string; resultCount: number; tier: string | null; orgId: string | null; createdAt: number; clicked: boolean }
export interface FeedbackRecord { articleId: string; helpful: boolean; createdAt: number }
export interface AnswerVoteRecord { personId: string; answerId: string; value: 1 | -1; createdAt: number }

export interface History {
  threads: ThreadRecord[];
  posts: PostRecord[];
  questions: HistoryQuestion[];
  answers: AnswerRecord[];
  answerVotes: AnswerVoteRecord[];
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

/** Hours to a first answer: log-normal around `median` hours, so a few questions wait days. */
const waitHours = (rng: Rng, median: number) => {
  const gauss = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.max(0.2, median * Math.exp(0.9 * gauss));
};

/**
 * `people` are everyone who may take part (the community's and the archive's); `articleIds` the
 * articles feedback and clicks may land on; `tierOf` gives a partner's tier by their org.
 */
export function createHistory(community: Community, people: PersonRecord[], articleIds: string[], options: HistoryOptions = {}): History {
  const rng = createRng(options.seed ?? HISTORY_SEED);
  const weeks = options.weeks ?? 30;
  const scale = options.scale ?? 1;
  const { now } = community;
  const tierOf = new Map(community.orgs.map((o) => [o.id, o.tier]));
  const partners = people.filter((p) => p.orgId);
  const experts = people.filter((p) => p.roles.includes('technical') || p.roles.includes('vendor-staff'));
  const h: History = { threads: [], posts: [], questions: [], answers: [], answerVotes: [], csat: [], deflections: [], searches: [], feedback: [] };
  const votesTaken = new Set<string>();
  const start = now - weeks * WEEK;
  // Seconds are dropped so every timestamp survives a round trip through any backend unchanged.
  const at = (ms: number) => Math.floor(Math.min(ms, now - HOUR) / 60_000) * 60_000;

  for (let w = 0; w < weeks; w++) {
    const progress = w / Math.max(1, weeks - 1); // 0 at the oldest week, 1 this week
    const weekStart = start + w * WEEK;
    const when = () => at(weekStart + rng.next() * WEEK);
    // The program grows: more questions, quicker answers, more of them accepted.
    const asked = Math.round((5 + 5 * progress + rng.int(-2, 2)) * scale);
    for (let i = 0; i < asked; i++) {
      const id = `qh-${String(h.questions.length + 1).padStart(4, '0')}`;
      const [category, tag, template] = rng.pick(ARCHIVE_QUESTIONS);
      const product = rng.pick(TECHNICAL_PRODUCTS);
      const asker = rng.pick(partners);
      const createdAt = when();
      let last = createdAt;
      let accepted: string | null = null;
      // Recent questions have had less time to be answered.
      const answered = createdAt < now - 3 * DAY ? rng.chance(0.9) : rng.chance(0.5);
      const count = answered ? rng.int(1, 3) : 0;
      for (let j = 1; j <= count; j++) {
        const createdA = at(j === 1 ? createdAt + waitHours(rng, 20 - 12 * progress) * HOUR : last + rng.next() * 2 * DAY);
        if (createdA <= last && j > 1) break;
        last = createdA;
        const aid = `anh-${id.slice(3)}-${j}`;
        h.answers.push({ id: aid, questionId: id, authorId: rng.pick(experts.filter((p) => p.id !== asker.id)).id, body: archiveBody(rng, product), createdAt: createdA, baseScore: 0, votes: {} });
        if (j === 1 && rng.chance(0.5 + 0.25 * progress)) accepted = aid;
        // A few votes on each answer, mostly up.
        for (const voter of rng.sample(partners, rng.int(0, 3))) {
          const key = `${voter.id}|${aid}`;
          if (votesTaken.has(key)) continue;
          votesTaken.add(key);
          h.answerVotes.push({ personId: voter.id, answerId: aid, value: rng.chance(0.85) ? 1 : -1, createdAt: at(createdA + rng.next() * 3 * DAY) });
        }
      }
      h.questions.push({
        id, title: `${template.replace('{p}', product)}`, body: archiveBody(rng, product), category, tags: [tag], authorId: asker.id,
        createdAt, lastActivityAt: last, acceptedAnswerId: accepted, baseScore: 0, votes: {}, product,
      });
      if (accepted && rng.chance(0.65)) {
        const score = weighted(rng, [[5, 40 + 20 * progress], [4, 30], [3, 12], [2, 8 - 4 * progress], [1, 6 - 3 * progress]]);
        const comment = rng.chance(0.4) ? rng.pick(CSAT_COMMENTS[score]!) : null;
        h.csat.push({ questionId: id, personId: asker.id, score, comment, answeredAt: at(last + rng.next() * 2 * DAY) });
      }
    }
    // Discussion threads, a handful a week, each with a few replies.
    for (let i = 0, n = Math.round((2 + 2 * progress) * scale); i < n; i++) {
      const id = `thh-${String(h.threads.length + 1).padStart(4, '0')}`;
      const [category, tag, template] = rng.pick(ARCHIVE_THREADS);
      const product = rng.pick(TECHNICAL_PRODUCTS);
      const createdAt = when();
      let last = createdAt;
      for (let j = 1, replies = rng.int(0, 4); j <= replies; j++) {
        last = at(last + rng.next() * DAY);
        h.posts.push({ id: `poh-${id.slice(4)}-${j}`, threadId: id, authorId: rng.pick(people).id, body: archiveBody(rng, product), createdAt: last, editedAt: null });
      }
      h.threads.push({
        id, title: template.replace('{p}', product), body: archiveBody(rng, product), category, tags: [tag, product.replace(/^Acme /, '').toLowerCase().replace(/ /g, '-')],
        authorId: rng.pick(partners).id, score: rng.int(0, 6), solved: false, createdAt, lastActivityAt: last,
      });
    }
    // Knowledge-base searches: popular queries, a long tail and the gaps; about half lead to a click.
    for (let i = 0, n = Math.round((30 + 25 * progress) * scale); i < n; i++) {
      const gap = rng.chance(0.08);
      const query = weighted(rng, gap ? GAP_QUERIES : SEARCH_QUERIES);
      const who = rng.chance(0.8) ? rng.pick(partners) : null;
      const resultCount = gap ? 0 : rng.int(1, 24);
      h.searches.push({ query, resultCount, tier: who?.orgId ? tierOf.get(who.orgId) ?? null : null, orgId: who?.orgId ?? null, createdAt: when(), clicked: !gap && rng.chance(0.4 + 0.2 * progress) });
    }
    // "Was this helpful" on articles, and deflections to answered questions of earlier weeks.
    for (let i = 0, n = Math.round(8 * scale); i < n; i++) h.feedback.push({ articleId: rng.pick(articleIds), helpful: rng.chance(0.72 + 0.1 * progress), createdAt: when() });
    const answeredSoFar = h.questions.filter((q) => q.acceptedAnswerId);
    for (let i = 0, n = Math.round((2 + 5 * progress) * scale); i < n && answeredSoFar.length; i++) {
      const q = rng.pick(answeredSoFar);
      const who = rng.chance(0.7) ? rng.pick(partners).id : null;
      h.deflections.push({ questionId: q.id, personId: who, query: q.title.split(' ').slice(0, 4).join(' ').toLowerCase(), createdAt: at(Math.max(when(), q.lastActivityAt + HOUR)) });
    }
  }
  return h;
}
