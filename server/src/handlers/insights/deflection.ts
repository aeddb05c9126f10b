// Deflection: partners who picked an existing answer instead of asking. The rate is deflections over
// deflections plus questions asked; the cuts follow the partner who deflected (tier, organisation) and
// the question that answered them (category, product).
import type { Queryable } from '../../db.js';
import type { DeflectionRate } from '../../../../src/contract/index.js';
import type { Period } from './range.js';
import { compare, num, periodParams, rate } from './numbers.js';
import { CUT_OF_GROUPING, emptyCuts, NONE, type CutValues } from './questions.js';


export async function deflection(q: Queryable, period: Period, asked: { cur: number; prev: number }): Promise<{ deflectionRate: DeflectionRate; deflectionCuts: CutValues<number> }> {
  type Row = { cur: boolean; g: number; tier: string | null; org: string | null; category: string | null; product: string | null; n: number };
  const { rows } = await q.query<Row>(
    `SELECT cur, GROUPING(tier, org, category, product) AS g, tier, org, category, product, count(*)::int AS n
     FROM (SELECT d.created_at >= $2 AS cur, p.tier, p.org_id AS org, q.category, q.product
           FROM deflections d JOIN questions q ON q.id = d.question_id LEFT JOIN people p ON p.id = d.person_id
           WHERE d.created_at >= $1 AND d.created_at < $3) x
     GROUP BY GROUPING SETS ((cur), (cur, tier), (cur, org), (cur, category), (cur, product))`,
    periodParams(period),
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
