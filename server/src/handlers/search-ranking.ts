// The two statements of a knowledge-base search over the narrow `article_search` table (migration 013).
//
// 1. The pass (`passSql`): one bounded read of at most `passMax` + 1 visible matches, materialised once,
//    from which come the capped counts, both facets, the anonymous reader's "more for signed-in" flag
//    and, when the read held every match, the ranked page with its titles and bodies. Most searches end
//    here, in one statement: before, counting and ranking each read the same rows (the count pass 1,229
//    buffers and the two candidate reads 3,591 for "okta sso" as gold at 100k).
// 2. Past `passMax` matches, the candidates (`candidatePageSql`): ranking every match would cost a pass
//    over all of them, so the page is ranked from bounded candidate reads instead (see its comment).
//
// Ranking is by title rank, then recency; a match set of at most `exactRankMax` rows adds a tenth of the
// body rank. The order is the same on every path up to the bound documented at candidatePageSql.
import type { Audience } from './search-sql.js';
import { audienceSql, matchSql, titleWordsSql } from './search-sql.js';
import { COUNT_CAP, facetJson, productFilter, typeFilter } from './search-counts.js';

/**
 * The bounds of the two-phase ranking. A `const` object rather than constants so that a test can lower
 * them and run every path over a few hundred articles (test/server/search-paths.test.ts).
 */
export const searchBounds = {
  /** Up to this many visible matches, the rank adds a tenth of the body rank (which reads each body vector). */
  exactRankMax: 300,
  /** The pass reads at most this many visible matches (+ 1, to know it stopped): past it, the page comes from candidates. */
  passMax: 2000,
  /**
   * Past this many title matches, the title candidates are the newest `titleNewest` (or the page, if
   * larger) instead of every title match ranked: the one place where the order is bounded rather than exact.
   */
  titleMax: 2000,
  titleNewest: 100,
};

/**
 * Set for the candidate statement when the title matches are dense: every source of it is then a walk
 * down a btree (the recency index, the exact title) that stops after a few hundred rows, and a GIN bitmap
 * would read every match first. With its conditions non-indexable, the planner still estimated a handful
 * of rows and chose a bitmap over the tier index that read all 25,000 public articles (29,427 buffers for
 * "firew", anonymous, at 100k).
 */
export const denseSettings = 'SET LOCAL enable_bitmapscan = off';

export interface SearchInput {
  q: string;
  aud: Audience;
  products: string[];
  types: string[];
  offset: number;
  limit: number;
  /** Anonymous: also say whether signed-in partners would see more (a non-public match exists). */
  anonymous: boolean;
}

const filtersOf = (a: string, pi: number, ti: number) => `${productFilter(a, pi)} AND ${typeFilter(a, ti)}`;

/**
 * The pass. One row per hit of the page (ordered), each carrying the counts; one row with null hit columns
 * when the page is empty or the match set is past `passMax` (then `n` says so and the page comes from
 * candidatePageSql). `titled`: how many of the rows read have a query word in the title, a lower bound of
 * the title matches that tells the candidate read it may skip reading them all.
 */
export function passSql(s: SearchInput): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const scan = matchSql(s.q, params, 's');
  const aud = audienceSql(s.aud, params, 's');
  const pi = params.push(s.products);
  const ti = params.push(s.types);
  const bi = params.push(searchBounds.passMax + 1);
  // The body vector is read back by the row's ctid (the heap page the scan has just visited) for the
  // rows ranked with it only, instead of being copied for every row read.
  const fullRank = matchSql(s.q, params, 'm', true).rank.replaceAll('m.search', '(SELECT x.search FROM article_search x WHERE x.ctid = m.tid)');
  const titleRank = matchSql(s.q, params, 'm', false).rank;
  const titled = s.q ? titleWordsSql(s.q, params, 'm') : 'FALSE';
  const li = params.push(s.limit + 1);
  const oi = params.push(s.offset);
  let more = 'FALSE';
  if (s.anonymous) {
    const m2 = matchSql(s.q, params, 'x');
    more = `EXISTS (SELECT 1 FROM article_search x WHERE ${m2.cond} AND NOT (x.min_tier_rank = 0 AND x.roles = '{}'::text[]))`;
  }
  // The read keeps the columns the ranks need; `pos` is the scan order, for the bounded facet sample past the cap.
  const sql = `WITH m AS MATERIALIZED (
      SELECT r.*, row_number() OVER () AS pos FROM (
        SELECT s.id, s.ctid AS tid, s.updated_at, s.product, s.content_type, s.title, s.title_search, s.title_words
        FROM article_search s WHERE ${scan.cond} AND ${aud} LIMIT $${bi}) r),
    c AS (SELECT count(*)::int AS n, (count(*) FILTER (WHERE ${filtersOf('m', pi, ti)}))::int AS total,
      (count(*) FILTER (WHERE ${titled} AND ${filtersOf('m', pi, ti)}))::int AS titled FROM m),
    hits AS (
      SELECT r.id, r.rank, r.updated_at FROM (
        SELECT m.id, m.updated_at, CASE WHEN c.n <= $${params.push(searchBounds.exactRankMax)} THEN ${fullRank} ELSE ${titleRank} END AS rank
        FROM m, c WHERE c.n <= $${params.push(searchBounds.passMax)} AND ${filtersOf('m', pi, ti)}) r
      ORDER BY r.rank DESC, r.updated_at DESC, r.id LIMIT $${li} OFFSET $${oi})
    SELECT c.n, c.total, c.titled, ${facetJson('product', typeFilter('m', ti))} AS fp, ${facetJson('content_type', productFilter('m', pi))} AS fct,
      ${more} AS more, h.id, h.rank, a.title, a.body, a.product, a.content_type, a.updated_at
    FROM c LEFT JOIN (hits h JOIN articles a ON a.id = h.id) ON TRUE
    ORDER BY h.rank DESC, h.updated_at DESC, h.id`;
  return { sql, params };
}

/**
 * The page of a match set past `passMax`, from candidate reads of `want` (offset + limit + 1) rows each,
 * whose union is ordered by (title rank, recency):
 * - the title matches (a query word in the title, or a title word starting with the unfinished last
 *   word): read by the small title vectors' GIN indexes, at most `titleMax` + 1 of them; those vectors are
 *   inline, so ranking them reads no body. The whole-query test needs the body vector; it runs after the
 *   sort (behind an `OFFSET 0` fence, which keeps the planner from pushing it below the sort) on the best
 *   rows only, until `want` pass;
 * - the newest matches of all (the recency index, stopping after `want`).
 * Body-only matches rank 0 on the title and so sort by recency, which is why the newest of them are the
 * right candidates: a row of the true first `want` either has a title rank, and then is among the best
 * title matches, or has none, and then every row newer than it is above it, so it is among the newest.
 *
 * Past `titleMax` title matches (15,000 titles start with "firew" at 100k: ranking them all read 8,341
 * buffers), the title candidates are the newest `titleNewest` title matches that match the whole query,
 * walked down the recency index, plus any article whose title is the query itself (the exact-title bonus):
 * the ranking of only a few hundred candidates that issue 18 asks for. An older title that ranks higher
 * than all of those (a title holding the word twice, say) can then be missed; every row shown is still a
 * match, visible to the reader, and in rank order.
 * `dense`: the pass already saw more than `titleMax` title matches, so the bounded read is skipped.
 */
export function candidatePageSql(s: SearchInput, dense: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const want = s.offset + s.limit + 1;
  const pi = params.push(s.products);
  const ti = params.push(s.types);
  if (!s.q) {
    // No query: every readable article matches with rank 0, so the page is the newest (the recency index).
    const aud = audienceSql(s.aud, params, 's');
    const li = params.push(s.limit + 1);
    const oi = params.push(s.offset);
    const sql = `SELECT p.id, p.rank, a.title, a.body, a.product, a.content_type, a.updated_at
      FROM (SELECT s.id, s.updated_at, 0 AS rank FROM article_search s WHERE ${aud} AND ${filtersOf('s', pi, ti)}
            ORDER BY s.updated_at DESC, s.id LIMIT $${li} OFFSET $${oi}) p
      JOIN articles a ON a.id = p.id ORDER BY p.updated_at DESC, p.id`;
    return { sql, params };
  }
  const wi = params.push(want);
  const m = matchSql(s.q, params, 's');
  const aud = audienceSql(s.aud, params, 's');
  const filters = filtersOf('s', pi, ti);
  const titled = titleWordsSql(s.q, params, 's');
  const newest = `(SELECT s.id, s.updated_at, ${m.rank} AS rank FROM article_search s WHERE ${m.cond} AND ${aud} AND ${filters}
       ORDER BY s.updated_at DESC, s.id LIMIT $${wi})`;
  // The bounded read of the title matches (skipped when the pass saw them dense), and the gate that
  // chooses between ranking all of them and the newest few.
  let withTitles = '';
  let overTitleMax = 'TRUE';
  let ranked = '';
  if (!dense) {
    const tci = params.push(searchBounds.titleMax + 1);
    withTitles = `WITH tl AS MATERIALIZED (SELECT s.id, s.updated_at, s.title, s.title_search, s.title_words FROM article_search s
      WHERE ${titled} AND ${aud} AND ${filters} LIMIT $${tci}) `;
    overTitleMax = `(SELECT count(*) FROM tl) >= $${tci}`;
    // The body vector is fetched by id for the rows tested only: selected in the sorted rows, it would be
    // read (and detoasted) for every title match before the sort.
    const onTitle = matchSql(s.q, params, 't').cond.replaceAll('t.search', '(SELECT x.search FROM article_search x WHERE x.id = t.id)');
    ranked = `(SELECT t.id, t.updated_at, t.rank FROM (
         SELECT tl.id, tl.updated_at, ${matchSql(s.q, params, 'tl').rank} AS rank, tl.title_words FROM tl
         WHERE NOT ${overTitleMax} ORDER BY rank DESC, tl.updated_at DESC, tl.id OFFSET 0) t
       WHERE ${onTitle} ORDER BY t.rank DESC, t.updated_at DESC, t.id LIMIT $${wi}) UNION `;
  }
  const ki = params.push(Math.max(want, searchBounds.titleNewest));
  const qi = params.push(s.q);
  // Walking the recency index stops after the newest `titleNewest`; a bitmap would read every title match
  // before the sort. When the pass already knows the title matches are dense, the caller turns bitmap
  // scans off for this statement (`denseSettings`), since the planner cannot tell how soon the walk stops.
  const titleCandidates = `${ranked}(SELECT s.id, s.updated_at, ${m.rank} AS rank FROM article_search s
       WHERE ${overTitleMax} AND ${titled} AND ${m.cond} AND ${aud} AND ${filters} ORDER BY s.updated_at DESC, s.id LIMIT $${ki})
    UNION
    (SELECT s.id, s.updated_at, ${m.rank} AS rank FROM article_search s
       WHERE ${overTitleMax} AND lower(s.title) = lower($${qi}) AND ${m.cond} AND ${aud} AND ${filters}
       ORDER BY s.updated_at DESC, s.id LIMIT $${wi})`;
  const li = params.push(s.limit + 1);
  const oi = params.push(s.offset);
  const sql = `${withTitles}SELECT p.id, p.rank, a.title, a.body, a.product, a.content_type, a.updated_at
    FROM (SELECT c.id, c.updated_at, c.rank FROM (${titleCandidates} UNION ${newest}) c
          ORDER BY c.rank DESC, c.updated_at DESC, c.id LIMIT $${li} OFFSET $${oi}) p
    JOIN articles a ON a.id = p.id ORDER BY p.rank DESC, p.updated_at DESC, p.id`;
  return { sql, params };
}

export { COUNT_CAP };
