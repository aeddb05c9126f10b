// Satisfaction: "was this helpful" on articles, up-votes on answers, and the CSAT answers ("Did this
// solve your problem?") given in each period, overall and cut like the questions they are about. Read from
// the per-day rollups of migration 012.
import type { Queryable } from '../../db.js';
import type { Satisfaction } from '../../../../src/contract/index.js';
import type { Period } from './range.js';
import { compare, dayParams, num, orNull, rate } from './numbers.js';
import { CUT_OF_GROUPING, emptyCuts, NONE, type CutValues } from './questions.js';

export interface CsatStats {
  responses: number;
  average: number | null;
}


export async function satisfaction(q: Queryable, period: Period): Promise<{ satisfaction: Satisfaction; csatCuts: CutValues<CsatStats> }> {
  const params = dayParams(period); // the per-day rollups of migration 012
  type HelpfulRow = { art_yes_cur: number; art_all_cur: number; art_yes_prev: number; art_all_prev: number; up_cur: number; votes_cur: number; up_prev: number; votes_prev: number };
  type CsatRow = { cur: boolean; g: number; tier: string | null; org: string | null; category: string | null; product: string | null; n: number; avg: number | null; happy: number; s1: number; s2: number; s3: number; s4: number; s5: number };
  const [{ rows: [h] }, { rows }] = await Promise.all([
    q.query<HelpfulRow>(
      `SELECT COALESCE(sum(article_yes) FILTER (WHERE day >= $2::date), 0)::int AS art_yes_cur, COALESCE(sum(article_all) FILTER (WHERE day >= $2::date), 0)::int AS art_all_cur,
              COALESCE(sum(article_yes) FILTER (WHERE day < $2::date), 0)::int AS art_yes_prev, COALESCE(sum(article_all) FILTER (WHERE day < $2::date), 0)::int AS art_all_prev,
              COALESCE(sum(answer_up) FILTER (WHERE day >= $2::date), 0)::int AS up_cur, COALESCE(sum(answer_all) FILTER (WHERE day >= $2::date), 0)::int AS votes_cur,
              COALESCE(sum(answer_up) FILTER (WHERE day < $2::date), 0)::int AS up_prev, COALESCE(sum(answer_all) FILTER (WHERE day < $2::date), 0)::int AS votes_prev
       FROM insights_helpful_days WHERE day >= $1::date AND day < $3::date`,
      params,
    ),
    q.query<CsatRow>(
      `SELECT cur, GROUPING(tier, org, category, product) AS g, tier, org, category, product,
         sum(n)::int AS n, sum(score_sum)::numeric / NULLIF(sum(n), 0) AS avg, sum(s4 + s5)::int AS happy,
         sum(s1)::int AS s1, sum(s2)::int AS s2, sum(s3)::int AS s3, sum(s4)::int AS s4, sum(s5)::int AS s5
       FROM (SELECT day >= $2::date AS cur, NULLIF(tier, '') AS tier, NULLIF(org, '') AS org, category, NULLIF(product, '') AS product,
               n, score_sum, s1, s2, s3, s4, s5
             FROM insights_csat_days WHERE day >= $1::date AND day < $3::date) x
       GROUP BY GROUPING SETS ((cur), (cur, tier), (cur, org), (cur, category), (cur, product))`,
      params,
    ),
  ]);
  const none = { n: 0, avg: null, happy: 0, s1: 0, s2: 0, s3: 0, s4: 0, s5: 0 };
  const totals: Record<'cur' | 'prev', Pick<CsatRow, 'n' | 'avg' | 'happy' | 's1' | 's2' | 's3' | 's4' | 's5'>> = { cur: none, prev: none };
  const csatCuts = emptyCuts<CsatStats>();
  for (const r of rows) {
    const cut = CUT_OF_GROUPING[num(r.g)];
    if (cut === 'all') totals[r.cur ? 'cur' : 'prev'] = r;
    else if (cut) {
      const key = r[cut] ?? NONE;
      const entry = csatCuts[cut].get(key) ?? {};
      entry[r.cur ? 'cur' : 'prev'] = { responses: num(r.n), average: avg2(r.avg) };
      csatCuts[cut].set(key, entry);
    }
  }
  const { cur, prev } = totals;
  return {
    satisfaction: {
      helpfulRate: {
        articles: compare(rate(h.art_yes_cur, h.art_all_cur), rate(h.art_yes_prev, h.art_all_prev)),
        answers: compare(rate(h.up_cur, h.votes_cur), rate(h.up_prev, h.votes_prev)),
      },
      csat: {
        average: compare(avg2(cur.avg), avg2(prev.avg)),
        responses: compare(num(cur.n), num(prev.n)),
        satisfiedRate: compare(rate(cur.happy, cur.n), rate(prev.happy, prev.n)),
        distribution: [num(cur.s1), num(cur.s2), num(cur.s3), num(cur.s4), num(cur.s5)],
      },
    },
    csatCuts,
  };
}

/** A CSAT average to two decimals. */
const avg2 = (x: unknown) => {
  const n = orNull(x);
  return n == null ? null : Math.round(n * 100) / 100;
};
