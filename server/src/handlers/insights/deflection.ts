// Deflection: partners who picked an existing answer instead of asking. The rate is deflections over
// deflections plus questions asked; the cuts follow the partner who deflected (tier, organisation) and
// the question that answered them (category, product). Read from the per-day rollup of migration 012.
import type { Queryable } from '../../db.js';
import type { DeflectionRate } from '../../../../src/contract/index.js';
import type { Period } from './range.js';
import { compare, dayParams, num, rate } from './numbers.js';
import { CUT_OF_GROUPING, emptyCuts, NONE, type CutValues } from './questions.js';


export async function deflection(q: Queryable, period: Period, asked: { cur: number; prev: number }): Promise<{ deflectionRate: DeflectionRate; deflectionCuts: CutValues<number> }> {
  type Row = { cur: boolean; g: number; tier: string | null; org: string | null; category: string | null; product: string | null; n: number };
  const { rows } = await q.query<Row>(
    `SELECT cur, GROUPING(tier, org, category, product) AS g, tier, org, category, product, sum(n)::int AS n
     FROM (SELECT day >= $2::date AS cur, NULLIF(tier, '') AS tier, NULLIF(org, '') AS org, category, NULLIF(product, '') AS product, n
           FROM insights_deflection_days WHERE day >= $1::date AND day < $3::date) x
     GROUP BY GROUPING SETS ((cur), (cur, tier), (cur, org), (cur, category), (cur, product))`,
    dayParams(period),
  );
  const totals = { cur: 0, prev: 0 };
  const deflectionCuts = emptyCuts<number>();
  for (const r of rows) {
    const cut = CUT_OF_GROUPING[num(r.g)];
    if (cut === 'all') totals[r.cur ? 'cur' : 'prev'] = num(r.n);
    else if (cut) {
      const key = r[cut] ?? NONE;
      const entry = deflectionCuts[cut].get(key) ?? {};
      entry[r.cur ? 'cur' : 'prev'] = num(r.n);
      deflectionCuts[cut].set(key, entry);
    }
  }
  return {
    deflectionRate: {
      rate: compare(rate(totals.cur, totals.cur + asked.cur), rate(totals.prev, totals.prev + asked.prev)),
      deflections: compare(totals.cur, totals.prev),
      asked: compare(asked.cur, asked.prev),
    },
    deflectionCuts,
  };
}
