// The question metrics: time to first answer (median, p90), resolution, their weekly trend, and the same
// cut by the asker's tier and organisation, the category and the product. Read from the rollups of
// migrations 012 and 015 (published questions only): two queries side by side, overall and per cut.
import type { Queryable } from '../../db.js';
import type { ResolutionRate, TimeToFirstAnswer } from '../../../../src/contract/index.js';
import { chunkParams, WHOLE_WEEKS, type Period } from './range.js';
import { addBucket, percentile, type Bucket } from './histogram.js';
import { compare, hours, num, rate } from './numbers.js';

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

/** The grouping columns of migration 012's GROUPING SETS queries (still read by satisfaction and deflection). */
export const CUT_OF_GROUPING: Record<number, Cut | 'all'> = { 0b1111: 'all', 0b0111: 'tier', 0b1011: 'org', 0b1101: 'category', 0b1110: 'product' };

const SUMS = `sum(asked)::int AS asked, sum(resolved)::int AS resolved, sum(answered)::int AS answered, sum(hours_sum) AS hours`;
const COLS = `asked, resolved, answered, hours_sum`;

/**
 * Overall and per week, with the 2 % buckets: the whole weeks of the period from the weekly rollup
 * of migration 015, its edge days from the daily one (a few thousand rows for 90 days, not 90k).
 * `cur` comes from each row's own day, since an edge week may start before `from`.
 */
const OVERALL = `SELECT cur, to_char(week, 'YYYY-MM-DD') AS week, bucket, ${SUMS} FROM (
    SELECT week >= $5::date AS cur, week, bucket, ${COLS} FROM insights_question_weeks WHERE ${WHOLE_WEEKS}
    UNION ALL
    SELECT day >= $5::date, insights_week(day), bucket, ${COLS} FROM insights_question_days WHERE day = ANY($6::date[])
  ) x GROUP BY 1, 2, 3`;

/** Per cut, with the coarse buckets of the cut rollup (insights_coarse_bucket: medians within 10.4 %). */
const BY_CUT = `SELECT cur, dim, NULLIF(key, '') AS key, bucket, ${SUMS} FROM (
    SELECT week >= $5::date AS cur, dim, key, bucket, ${COLS} FROM insights_question_cut_weeks WHERE ${WHOLE_WEEKS}
    UNION ALL
    SELECT day >= $5::date, dim, key, bucket, ${COLS} FROM insights_question_cut_days WHERE day = ANY($6::date[])
  ) x GROUP BY 1, 2, 3, 4`;

type Sums = { bucket: number; asked: number; resolved: number; answered: number; hours: number };

/** Sums a group's histogram rows into its stats (bucket -1 counts unanswered questions only). */
class Acc {
  asked = 0; resolved = 0; answered = 0;
  buckets = new Map<number, Bucket>();
  add(r: { bucket: unknown; asked: unknown; resolved: unknown; answered: unknown; hours: unknown }) {
    this.asked += num(r.asked); this.resolved += num(r.resolved); this.answered += num(r.answered);
    if (num(r.bucket) >= 0) addBucket(this.buckets, { bucket: num(r.bucket), n: num(r.answered), sum: num(r.hours) });
  }
  stats(): QuestionStats {
    return {
      asked: this.asked, resolved: this.resolved, answered: this.answered,
      median: hours(percentile(this.buckets.values(), 0.5)), p90: hours(percentile(this.buckets.values(), 0.9)),
    };
  }
}

export interface QuestionMetrics {
  timeToFirstAnswer: TimeToFirstAnswer;
  resolutionRate: ResolutionRate;
  totals: { cur: QuestionStats; prev: QuestionStats };
  cuts: CutValues<QuestionStats>;
}

export async function questionMetrics(q: Queryable, period: Period): Promise<QuestionMetrics> {
  const params = chunkParams(period);
  const [{ rows: overall }, { rows: byCut }] = await Promise.all([
    q.query<Sums & { cur: boolean; week: string }>(OVERALL, params),
    q.query<Sums & { cur: boolean; dim: Cut; key: string | null }>(BY_CUT, params),
  ]);
  const empty: QuestionStats = { asked: 0, resolved: 0, answered: 0, median: null, p90: null };
  const totalAcc = { cur: new Acc(), prev: new Acc() };
  const weekAcc = new Map<string, Acc>();
  for (const r of overall) {
    totalAcc[r.cur ? 'cur' : 'prev'].add(r);
    if (!r.cur) continue;
    const acc = weekAcc.get(r.week) ?? new Acc();
    acc.add(r);
    weekAcc.set(r.week, acc);
  }
  const cutAcc: Record<Cut, Map<string, { cur?: Acc; prev?: Acc }>> = { tier: new Map(), org: new Map(), category: new Map(), product: new Map() };
  for (const r of byCut) {
    const entry = cutAcc[r.dim].get(r.key ?? NONE) ?? {};
    (entry[r.cur ? 'cur' : 'prev'] ??= new Acc()).add(r);
    cutAcc[r.dim].set(r.key ?? NONE, entry);
  }
  const totals = { cur: totalAcc.cur.asked ? totalAcc.cur.stats() : empty, prev: totalAcc.prev.asked ? totalAcc.prev.stats() : empty };
  const cuts = emptyCuts<QuestionStats>();
  for (const cut of CUTS) {
    for (const [key, e] of cutAcc[cut]) cuts[cut].set(key, { ...(e.cur && { cur: e.cur.stats() }), ...(e.prev && { prev: e.prev.stats() }) });
  }
  const byWeek = new Map([...weekAcc].map(([week, acc]) => [week, acc.stats()]));
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
