// Knowledge-base search: how many searches, how many led to a click, how many found nothing, the top
// queries and the zero-result ones (the content gaps). Read from the per-week and per-day rollups
// (migrations 015 and 008), never from the raw events.
import type { Queryable } from '../../db.js';
import type { SearchInsights } from '../../../../src/contract/index.js';
import { iso } from '../common.js';
import { compare, num, rate } from './numbers.js';
import { chunkParams, WHOLE_WEEKS, type Period } from './range.js';

const TOP = 20;

/**
 * One pass over the period's searches: the whole weeks from search_weekly (migration 015), the edge
 * days from search_daily, summed per query; then the totals, the top queries and the zero-result ones
 * from that one aggregate. At 600k searches over 3,000 queries a 90-day report reads ~80k rows here
 * instead of three scans of ~230k.
 */
const SQL = `WITH parts AS (
    SELECT week >= $5::date AS cur, query, searches, clicked, zero, zero_last_at FROM search_weekly WHERE ${WHOLE_WEEKS}
    UNION ALL
    SELECT day >= $5::date, query, searches, clicked, zero, CASE WHEN zero > 0 THEN last_at END FROM search_daily WHERE day = ANY($6::date[])
  ), per AS (
    SELECT query,
      COALESCE(sum(searches) FILTER (WHERE cur), 0)::int AS n, COALESCE(sum(searches) FILTER (WHERE NOT cur), 0)::int AS prev,
      COALESCE(sum(clicked) FILTER (WHERE cur), 0)::int AS clicked, COALESCE(sum(clicked) FILTER (WHERE NOT cur), 0)::int AS clicked_prev,
      COALESCE(sum(zero) FILTER (WHERE cur), 0)::int AS zero, COALESCE(sum(zero) FILTER (WHERE NOT cur), 0)::int AS zero_prev,
      max(zero_last_at) FILTER (WHERE cur) AS last_at
    FROM parts GROUP BY query
  )
  SELECT 'total' AS kind, NULL AS query, sum(n)::int AS n, sum(prev)::int AS prev, sum(clicked)::int AS clicked, sum(clicked_prev)::int AS clicked_prev,
    sum(zero)::int AS zero, sum(zero_prev)::int AS zero_prev, NULL::timestamptz AS last_at, 0::bigint AS ord FROM per
  UNION ALL (SELECT 'top', query, n, prev, clicked, clicked_prev, zero, zero_prev, NULL, row_number() OVER (ORDER BY n DESC, query)
             FROM per WHERE n > 0 ORDER BY n DESC, query LIMIT ${TOP})
  UNION ALL (SELECT 'zero', query, n, prev, clicked, clicked_prev, zero, zero_prev, last_at, row_number() OVER (ORDER BY zero DESC, query)
             FROM per WHERE zero > 0 ORDER BY zero DESC, query LIMIT ${TOP})`;

type Row = {
  kind: 'total' | 'top' | 'zero'; query: string; n: number; prev: number; clicked: number; clicked_prev: number;
  zero: number; zero_prev: number; last_at: Date | string | null; ord: number | string;
};

export async function searchInsights(q: Queryable, period: Period): Promise<SearchInsights> {
  const { rows } = await q.query<Row>(SQL, chunkParams(period));
  const t = rows.find((r) => r.kind === 'total')!;
  // A UNION ALL promises no order across its branches: each list is put back in its branch's order.
  const of = (kind: Row['kind']) => rows.filter((r) => r.kind === kind).sort((a, b) => num(a.ord) - num(b.ord));
  return {
    searches: compare(num(t.n), num(t.prev)),
    clickThroughRate: compare(rate(t.clicked, t.n), rate(t.clicked_prev, t.prev)),
    zeroResultRate: compare(rate(t.zero, t.n), rate(t.zero_prev, t.prev)),
    topQueries: of('top').map((r) => ({ query: r.query, count: num(r.n), previousCount: num(r.prev), clickThroughRate: rate(r.clicked, r.n) })),
    zeroResults: of('zero').map((r) => ({ query: r.query, count: num(r.zero), previousCount: num(r.zero_prev), lastSearchedAt: iso(r.last_at) })),
  };
}
