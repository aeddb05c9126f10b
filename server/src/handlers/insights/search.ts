// Knowledge-base search: how many searches, how many led to a click, how many found nothing, the top
// queries and the zero-result ones (the content gaps). Read from the per-week and per-day rollups
// (migrations 015 and 008), never from the raw events, and per query only for the queries that may be shown.
import type { Queryable } from '../../db.js';
import type { SearchInsights } from '../../../../src/contract/index.js';
import { iso } from '../common.js';
import { compare, num, rate } from './numbers.js';
import { chunkParams, WHOLE_WEEKS, type Period } from './range.js';

const TOP = 20;
/** How many queries each chunk (a week or an edge day) offers as candidates, by count. */
const PER_CHUNK = 50;

/**
 * The period's searches per query, summed over the whole weeks (search_weekly, migration 015) and the
 * edge days (search_daily), for all queries or (`only`) for the candidates in $7; the top queries and
 * the zero-result ones from that aggregate, each in its list's order.
 */
const perQuery = (only: boolean) => {
  const which = only ? ' AND query = ANY($7::text[])' : '';
  return `WITH parts AS (
    SELECT week >= $5::date AS cur, query, searches, clicked, zero, zero_last_at FROM search_weekly WHERE ${WHOLE_WEEKS}${which}
    UNION ALL
    SELECT day >= $5::date, query, searches, clicked, zero, CASE WHEN zero > 0 THEN last_at END FROM search_daily WHERE day = ANY($6::date[])${which}
  ), per AS (
    SELECT query,
      COALESCE(sum(searches) FILTER (WHERE cur), 0)::int AS n, COALESCE(sum(searches) FILTER (WHERE NOT cur), 0)::int AS prev,
      COALESCE(sum(clicked) FILTER (WHERE cur), 0)::int AS clicked,
      COALESCE(sum(zero) FILTER (WHERE cur), 0)::int AS zero, COALESCE(sum(zero) FILTER (WHERE NOT cur), 0)::int AS zero_prev,
      max(zero_last_at) FILTER (WHERE cur) AS last_at
    FROM parts GROUP BY query
  )
  (SELECT 'top' AS kind, query, n, prev, clicked, zero, zero_prev, NULL::timestamptz AS last_at, row_number() OVER (ORDER BY n DESC, query) AS ord
     FROM per WHERE n > 0 ORDER BY n DESC, query LIMIT ${TOP})
  UNION ALL (SELECT 'zero', query, n, prev, clicked, zero, zero_prev, last_at, row_number() OVER (ORDER BY zero DESC, query)
     FROM per WHERE zero > 0 ORDER BY zero DESC, query LIMIT ${TOP})`;
};
const ALL = perQuery(false);
const CANDIDATES_ONLY = perQuery(true);

/** The totals of both periods from search_day_totals ($1 the previous period's first day, $2 the current one's, $3 the end). */
const TOTALS = `SELECT COALESCE(sum(searches) FILTER (WHERE day >= $2::date), 0)::int AS n, COALESCE(sum(searches) FILTER (WHERE day < $2::date), 0)::int AS prev,
    COALESCE(sum(clicked) FILTER (WHERE day >= $2::date), 0)::int AS clicked, COALESCE(sum(clicked) FILTER (WHERE day < $2::date), 0)::int AS clicked_prev,
    COALESCE(sum(zero) FILTER (WHERE day >= $2::date), 0)::int AS zero, COALESCE(sum(zero) FILTER (WHERE day < $2::date), 0)::int AS zero_prev
  FROM search_day_totals WHERE day >= $1::date AND day < $3::date`;

/**
 * The candidates: for each chunk of the current period (its whole weeks $1–$2, its edge days in $4 from
 * $3: chunkParams' $3–$6), the ${PER_CHUNK} queries with the most searches and the ${PER_CHUNK} with the most zero-result
 * searches, read through the (week|day, count DESC) indexes. With each list, its chunk's bound: the
 * smallest count it took, or 0 when it took fewer than ${PER_CHUNK} (then it holds every query of the chunk).
 * A query in no chunk's list counted at most its bound in each chunk, so at most the sum of the bounds.
 */
const CANDIDATES = `WITH chunks AS (
    SELECT w::date AS week, NULL::date AS day FROM generate_series($1::date, $2::date - 7, interval '7 days') w
    UNION ALL SELECT NULL, d FROM unnest($4::date[]) d WHERE d >= $3::date
  ), lists AS (
    SELECT c.week, c.day, 'top' AS kind, t.query, t.v FROM chunks c CROSS JOIN LATERAL (
      SELECT query, searches AS v FROM search_weekly s WHERE s.week = c.week ORDER BY searches DESC LIMIT ${PER_CHUNK}) t
    UNION ALL SELECT c.week, c.day, 'zero', t.query, t.v FROM chunks c CROSS JOIN LATERAL (
      SELECT query, zero AS v FROM search_weekly s WHERE s.week = c.week AND zero > 0 ORDER BY zero DESC LIMIT ${PER_CHUNK}) t
    UNION ALL SELECT c.week, c.day, 'top', t.query, t.v FROM chunks c CROSS JOIN LATERAL (
      SELECT query, searches AS v FROM search_daily s WHERE s.day = c.day ORDER BY searches DESC LIMIT ${PER_CHUNK}) t
    UNION ALL SELECT c.week, c.day, 'zero', t.query, t.v FROM chunks c CROSS JOIN LATERAL (
      SELECT query, zero AS v FROM search_daily s WHERE s.day = c.day AND zero > 0 ORDER BY zero DESC LIMIT ${PER_CHUNK}) t
  ), bounds AS (
    SELECT kind, CASE WHEN count(*) < ${PER_CHUNK} THEN 0 ELSE min(v) END AS bound FROM lists GROUP BY week, day, kind
  )
  SELECT kind, NULL AS query, sum(bound)::int AS bound FROM bounds GROUP BY kind
  UNION ALL SELECT DISTINCT kind, query, NULL::int FROM lists`;

type Row = {
  kind: 'top' | 'zero'; query: string; n: number; prev: number; clicked: number;
  zero: number; zero_prev: number; last_at: Date | string | null; ord: number | string;
};
type Totals = { n: number; prev: number; clicked: number; clicked_prev: number; zero: number; zero_prev: number };

/**
 * The totals from the per-day totals; the two lists exactly, from the per-query rows of the candidates
 * only (a few hundred queries instead of ~3,000 a week): a list is the true one when its last row counts
 * more than any query outside the candidates can (the sum of the bounds), or when it is short and
 * nothing lies outside. Otherwise, rare with a long tail of queries, the lists are read from every query.
 */
export async function searchInsights(q: Queryable, period: Period): Promise<SearchInsights> {
  const params = chunkParams(period);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const [{ rows: [t] }, { rows: cands }] = await Promise.all([
    q.query<Totals>(TOTALS, [day(period.previousFrom), day(period.from), day(period.to)]),
    q.query<{ kind: Row['kind']; query: string | null; bound: number | null }>(CANDIDATES, params.slice(2)),
  ]);
  const bound = (kind: Row['kind']) => num(cands.find((c) => c.kind === kind && c.query === null)?.bound ?? 0);
  const queries = [...new Set(cands.filter((c) => c.query !== null).map((c) => c.query!))];
  let { rows } = await q.query<Row>(CANDIDATES_ONLY, [...params, queries]);
  // A UNION ALL promises no order across its branches: each list is put back in its branch's order.
  const of = (kind: Row['kind']) => rows.filter((r) => r.kind === kind).sort((a, b) => num(a.ord) - num(b.ord));
  const sure = (kind: Row['kind'], count: (r: Row) => number) => {
    const list = of(kind), b = bound(kind);
    return list.length < TOP ? b === 0 : count(list[TOP - 1]) > b;
  };
  if (!sure('top', (r) => num(r.n)) || !sure('zero', (r) => num(r.zero))) ({ rows } = await q.query<Row>(ALL, params));
  return {
    searches: compare(num(t.n), num(t.prev)),
    clickThroughRate: compare(rate(t.clicked, t.n), rate(t.clicked_prev, t.prev)),
    zeroResultRate: compare(rate(t.zero, t.n), rate(t.zero_prev, t.prev)),
    topQueries: of('top').map((r) => ({ query: r.query, count: num(r.n), previousCount: num(r.prev), clickThroughRate: rate(r.clicked, r.n) })),
    zeroResults: of('zero').map((r) => ({ query: r.query, count: num(r.zero), previousCount: num(r.zero_prev), lastSearchedAt: iso(r.last_at) })),
  };
}
