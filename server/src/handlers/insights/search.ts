// Knowledge-base search: how many searches, how many led to a click, how many found nothing, the top
// queries and the zero-result ones (the content gaps). Read from the per-day rollup (migration 008),
// never from the raw events.
import type { Queryable } from '../../db.js';
import type { SearchInsights } from '../../../../src/contract/index.js';
import { iso } from '../common.js';
import { compare, num, rate } from './numbers.js';
import type { Period } from './range.js';

const TOP = 20;
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function searchInsights(q: Queryable, period: Period): Promise<SearchInsights> {
  const params = [day(period.previousFrom), day(period.from), day(period.to)];
  type Totals = { s_cur: number; c_cur: number; z_cur: number; s_prev: number; c_prev: number; z_prev: number };
  type QueryRow = { query: string; n: number; prev: number; clicked: number; last_at: Date | string };
  const per = (col: string) => `sum(${col}) FILTER (WHERE day >= $2::date)::int`;
  const prevOf = (col: string) => `COALESCE(sum(${col}) FILTER (WHERE day < $2::date), 0)::int`;
  const [{ rows: [t] }, { rows: top }, { rows: zero }] = await Promise.all([
    q.query<Totals>(
      `SELECT ${per('searches')} AS s_cur, ${per('clicked')} AS c_cur, ${per('zero')} AS z_cur,
              ${prevOf('searches')} AS s_prev, ${prevOf('clicked')} AS c_prev, ${prevOf('zero')} AS z_prev
       FROM search_daily WHERE day >= $1::date AND day < $3::date`,
      params,
    ),
    q.query<QueryRow>(
      `SELECT query, ${per('searches')} AS n, ${prevOf('searches')} AS prev, ${per('clicked')} AS clicked, max(last_at) AS last_at
       FROM search_daily WHERE day >= $1::date AND day < $3::date
       GROUP BY query HAVING ${per('searches')} > 0 ORDER BY n DESC, query LIMIT ${TOP}`,
      params,
    ),
    q.query<QueryRow>(
      `SELECT query, ${per('zero')} AS n, ${prevOf('zero')} AS prev, 0 AS clicked, max(last_at) FILTER (WHERE zero > 0 AND day >= $2::date) AS last_at
       FROM search_daily WHERE day >= $1::date AND day < $3::date
       GROUP BY query HAVING ${per('zero')} > 0 ORDER BY n DESC, query LIMIT ${TOP}`,
      params,
    ),
  ]);
  return {
    searches: compare(num(t.s_cur), num(t.s_prev)),
    clickThroughRate: compare(rate(t.c_cur, t.s_cur), rate(t.c_prev, t.s_prev)),
    zeroResultRate: compare(rate(t.z_cur, t.s_cur), rate(t.z_prev, t.s_prev)),
    topQueries: top.map((r) => ({ query: r.query, count: num(r.n), previousCount: num(r.prev), clickThroughRate: rate(r.clicked, r.n) })),
    zeroResults: zero.map((r) => ({ query: r.query, count: num(r.n), previousCount: num(r.prev), lastSearchedAt: iso(r.last_at) })),
  };
}
