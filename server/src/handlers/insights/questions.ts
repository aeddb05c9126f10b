// The question metrics: time to first answer (median, p90), resolution, their weekly trend, and the same
// cut by the asker's tier and organisation, the category and the product. One scan of the questions
// asked in both periods; GROUPING SETS give every cut in the same pass.
import type { Queryable } from '../../db.js';
import type { ResolutionRate, TimeToFirstAnswer } from '../../../../src/contract/index.js';
import type { Period } from './range.js';
import { compare, hours, num, periodParams, rate } from './numbers.js';

/** The cuts every segment table has, in the order of the grouping sets below. */
export const CUTS = ['tier', 'org', 'category', 'product'] as const;
export type Cut = (typeof CUTS)[number];
/** Per cut, per key, per period (true = current): what a segment row is built from. */
export type CutValues<T> = Record<Cut, Map<string, { cur?: T; prev?: T }>>;
export const emptyCuts = <T>(): CutValues<T> => ({ tier: new Map(), org: new Map(), category: new Map(), product: new Map() });
export const NONE = '(none)';

export interface QuestionStats {
  asked: number;
  resolved: number;
  /** Questions that got an answer: the ones the hours are taken over. */
  answered: number;
  median: number | null;
  p90: number | null;
}

interface Row {
  cur: boolean;
  g: number;
  tier: string | null;
  org: string | null;
  category: string | null;
  product: string | null;
  asked: number;
  resolved: number;
  answered: number;
  median: number | null;
  p90: number | null;
}

/** The four grouping columns in GROUPING() bit order: tier is bit 3, product bit 0. A set of one cut has every other bit set. */
export const CUT_OF_GROUPING: Record<number, Cut | 'all'> = { 0b1111: 'all', 0b0111: 'tier', 0b1011: 'org', 0b1101: 'category', 0b1110: 'product' };

const STATS = `count(*)::int AS asked,
  count(*) FILTER (WHERE resolved)::int AS resolved,
  count(h)::int AS answered,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90`;

const BASE = `SELECT q.created_at >= $2 AS cur, p.tier, p.org_id AS org, q.category, q.product,
    q.accepted_answer_id IS NOT NULL AS resolved,
    EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at)) / 3600.0 AS h,
    q.created_at
  FROM questions q LEFT JOIN people p ON p.id = q.author_id
  WHERE q.created_at >= $1 AND q.created_at < $3 AND q.status = 'published'`;

const toStats = (r: { asked: unknown; resolved: unknown; answered: unknown; median: unknown; p90: unknown }): QuestionStats => ({
  asked: num(r.asked), resolved: num(r.resolved), answered: num(r.answered), median: hours(r.median), p90: hours(r.p90),
});

export interface QuestionMetrics {
  timeToFirstAnswer: TimeToFirstAnswer;
  resolutionRate: ResolutionRate;
  totals: { cur: QuestionStats; prev: QuestionStats };
  cuts: CutValues<QuestionStats>;
}

export async function questionMetrics(q: Queryable, period: Period): Promise<QuestionMetrics> {
  const params = periodParams(period);
  const [{ rows }, { rows: weekly }] = await Promise.all([
    q.query<Row>(
      `SELECT cur, GROUPING(tier, org, category, product) AS g, tier, org, category, product, ${STATS}
       FROM (${BASE}) x
       GROUP BY GROUPING SETS ((cur), (cur, tier), (cur, org), (cur, category), (cur, product))`,
      params,
    ),
    q.query<{ week: string; asked: number; resolved: number; answered: number; median: number | null; p90: number | null }>(
      `SELECT to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, ${STATS}
       FROM (${BASE}) x WHERE cur GROUP BY 1`,
      params,
    ),
  ]);
  const empty: QuestionStats = { asked: 0, resolved: 0, answered: 0, median: null, p90: null };
  const totals = { cur: empty, prev: empty };
  const cuts = emptyCuts<QuestionStats>();
  for (const r of rows) {
    const cut = CUT_OF_GROUPING[num(r.g)];
    const stats = toStats(r);
    if (cut === 'all') totals[r.cur ? 'cur' : 'prev'] = stats;
    else if (cut) {
      const key = r[cut] ?? NONE;
      const entry = cuts[cut].get(key) ?? {};
      entry[r.cur ? 'cur' : 'prev'] = stats;
      cuts[cut].set(key, entry);
    }
  }
  const byWeek = new Map(weekly.map((w) => [w.week, toStats(w)]));
  const weeks = period.weeks.map((week) => ({ week, ...(byWeek.get(week) ?? empty) }));
  return {
    timeToFirstAnswer: {
      median: compare(totals.cur.median, totals.prev.median),
      p90: compare(totals.cur.p90, totals.prev.p90),
      trend: weeks.map((w) => ({ week: w.week, median: w.median, p90: w.p90, answered: w.answered })),
    },
    resolutionRate: {
      rate: compare(rate(totals.cur.resolved, totals.cur.asked), rate(totals.prev.resolved, totals.prev.asked)),
      asked: compare(totals.cur.asked, totals.prev.asked),
      resolved: compare(totals.cur.resolved, totals.prev.resolved),
      trend: weeks.map((w) => ({ week: w.week, asked: w.asked, resolved: w.resolved, rate: rate(w.resolved, w.asked) })),
    },
    totals,
    cuts,
  };
}
