// The question metrics: time to first answer (median, p90), resolution, their weekly trend, and the same
// cut by the asker's tier and organisation, the category and the product. One scan of the questions
// asked in both periods; GROUPING SETS give every cut in the same pass.
import type { Queryable } from '../../db.js';
import type { ResolutionRate, TimeToFirstAnswer } from '../../../../src/contract/index.js';
import type { Period } from './range.js';
import { addBucket, percentile, type Bucket } from './histogram.js';
import { compare, dayParams, hours, num, rate } from './numbers.js';

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
  bucket: number;
  asked: number;
  resolved: number;
  answered: number;
  hours: number;
}

/** The four grouping columns in GROUPING() bit order: tier is bit 3, product bit 0. A set of one cut has every other bit set. */
export const CUT_OF_GROUPING: Record<number, Cut | 'all'> = { 0b1111: 'all', 0b0111: 'tier', 0b1011: 'org', 0b1101: 'category', 0b1110: 'product' };

const SUMS = `sum(asked)::int AS asked, sum(resolved)::int AS resolved, sum(answered)::int AS answered, sum(hours_sum) AS hours`;

/** The per-day rollup of migration 012 (published questions only), with its "none" keys back to NULL. */
const BASE = `SELECT day >= $2::date AS cur, NULLIF(tier, '') AS tier, NULLIF(org, '') AS org, category, NULLIF(product, '') AS product,
    bucket, to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') AS week, asked, resolved, answered, hours_sum
  FROM insights_question_days WHERE day >= $1::date AND day < $3::date`;

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
  const params = dayParams(period);
  // One scan for every cut and the current period's weeks (a week set has the four cut bits set and
  // a week; the other sets have no week).
  const { rows: all } = await q.query<Row & { week: string | null }>(
    `SELECT cur, GROUPING(tier, org, category, product) AS g, tier, org, category, product, week, bucket, ${SUMS}
     FROM (${BASE}) x
     GROUP BY GROUPING SETS ((cur, bucket), (cur, tier, bucket), (cur, org, bucket), (cur, category, bucket), (cur, product, bucket), (cur, week, bucket))`,
    params,
  );
  const rows = all.filter((r) => r.week == null);
  const weekly = all.filter((r) => r.week != null && r.cur) as (Row & { week: string })[];
  const empty: QuestionStats = { asked: 0, resolved: 0, answered: 0, median: null, p90: null };
  const totalAcc = { cur: new Acc(), prev: new Acc() };
  const cutAcc: Record<Cut, Map<string, { cur?: Acc; prev?: Acc }>> = { tier: new Map(), org: new Map(), category: new Map(), product: new Map() };
  for (const r of rows) {
    const cut = CUT_OF_GROUPING[num(r.g)];
    const side = r.cur ? 'cur' : 'prev';
    if (cut === 'all') totalAcc[side].add(r);
    else if (cut) {
      const key = r[cut] ?? NONE;
      const entry = cutAcc[cut].get(key) ?? {};
      (entry[side] ??= new Acc()).add(r);
      cutAcc[cut].set(key, entry);
    }
  }
  const totals = { cur: totalAcc.cur.asked ? totalAcc.cur.stats() : empty, prev: totalAcc.prev.asked ? totalAcc.prev.stats() : empty };
  const cuts = emptyCuts<QuestionStats>();
  for (const cut of CUTS) {
    for (const [key, e] of cutAcc[cut]) cuts[cut].set(key, { ...(e.cur && { cur: e.cur.stats() }), ...(e.prev && { prev: e.prev.stats() }) });
  }
  const weekAcc = new Map<string, Acc>();
  for (const w of weekly) {
    const acc = weekAcc.get(w.week) ?? new Acc();
    acc.add(w);
    weekAcc.set(w.week, acc);
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
