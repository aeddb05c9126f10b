// The two statements of a knowledge-base search over the narrow `article_search` table (migration 013).
//
// 1. The pass (`passSql`): first a read of the sample (one article in eight, migration 020's partial
//    indexes) for at most cap + 1 visible matches; when it finds that many, the match set is past the
//    count cap for certain (the sample's rows are matches), so the counts say "1,000+", the facets are
//    the sample's (lower bounds) and the full read is skipped: a common word at 100k matched 41,000
//    articles, and building the GIN bitmap of all of them was most of its search. Otherwise one bounded
//    read of at most `passMax` + 1 visible matches, materialised once, from which come the capped counts,
//    both facets and, when the read held every match, the ranked page with its titles and bodies. The
//    anonymous reader's "more for signed-in" flag comes with either. Most searches end here, in one
//    statement.
// 2. Past `passMax` matches (or past the cap in the sample), the candidates (`candidatePageSql`): ranking
//    every match would cost a pass over all of them, so the page is ranked from bounded candidate reads
//    instead (see its comment).
//
// Ranking is by title rank, then recency; a match set of at most `exactRankMax` rows adds a tenth of the
// body rank. The order is the same on every path up to the bound documented at candidatePageSql.
import type { Audience } from './search-sql.js';
import { audienceSql, matchSql, titleWordsSql } from './search-sql.js';
import { facetJson, productFilter, typeFilter } from './search-counts.js';
import { sampleSql, searchBounds } from './search-bounds.js';

export { searchBounds, searchPathProbe, type SearchPath } from './search-bounds.js';

/**
 * Whether the title matches are past `titleMax`, so that the candidates take the newest title matches
 * instead of ranking them all (`dense` of candidatePageSql). From the full read, `titled` is a count of
 * title matches: proof. From the sample's read (one article in `sampleMask + 1`, by a hash of the id),
 * it is a lower bound of the sample's share; the sample must then hold twice the share of `titleMax`,
 * which a match set of at most `titleMax` titles reaches only if the hash put more than twice its share
 * of them in the sample (for 2,000 titles, 500 where 250 are expected: never, in practice). Before, a
 * prefix like "firew" (15,000 titles at 100k) was proven dense only by reading 2,001 of them.
 */
export function denseTitles(titled: number, sampled: boolean): boolean {
  if (!sampled) return titled > searchBounds.titleMax;
  return titled * (searchBounds.sampleMask + 1) > 2 * searchBounds.titleMax;
}

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
  /**
   * Records the search (the insights' event and day) in its last statement, no round trip of its own:
   * data-modifying CTEs given the SQL of the result count and of the condition to record under, pushing
   * their parameters (recordSearchCtes). The last statement, so that the day's row, locked by the upsert
   * until COMMIT, is held no longer than when the event was written just before it: the same query
   * searched by other partners meanwhile waits on it.
   */
  record?: (params: unknown[], resultCount: string, when: string) => string;
  /** The result count the candidate statement records (the pass's capped total). */
  recordCount?: number;
}

const filtersOf = (a: string, pi: number, ti: number) => `${productFilter(a, pi)} AND ${typeFilter(a, ti)}`;

/**
 * The pass. One row per hit of the page (ordered), each carrying the counts; one row with null hit columns
 * when the page is empty or the match set is past `passMax` or was proven past the cap by the sample
 * (then `n` or `sampled` says so and the page comes from candidatePageSql). `titled`: how many of the rows
 * read have a query word in the title (under the facet filters): from the full read a lower bound of the
 * title matches, from the sample's read one of the sample's share, which tells the candidate read it may
 * skip reading them all (see `denseTitles`).
 *
 * The full read keeps narrow columns only: the title rank is computed in the scan, from the title vectors
 * in the heap row, instead of copying the vectors into the materialised rows (copying them was a third of
 * the pass for 2,001 rows). Up to `exactRankMax` rows, the rank that adds the body is recomputed from the
 * row itself, read back by its `ctid` (the heap page the scan has just visited).
 */
export function passSql(s: SearchInput): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const scan = matchSql(s.q, params, 's');
  const aud = audienceSql(s.aud, params, 's');
  const pi = params.push(s.products);
  const ti = params.push(s.types);
  const si = params.push(searchBounds.countCap + 1);
  const bi = params.push(searchBounds.passMax + 1);
  const titleRank = matchSql(s.q, params, 's', false).rank;
  const titled = s.q ? titleWordsSql(s.q, params, 's') : 'FALSE';
  const fullRank = matchSql(s.q, params, 'x', true).rank;
  const li = params.push(s.limit + 1);
  const oi = params.push(s.offset);
  // Without a query every readable article matches, and the full read is as cheap as the sample's.
  const sample = s.q ? sampleSql('s') : 'FALSE';
  let more = 'FALSE';
  if (s.anonymous) {
    // Any non-public match: first looked for in the sample (OR stops at the first true subplan), since
    // the full condition's bitmap holds every match (20,000 title matches for "firew" at 100k: 21 ms).
    const m2 = matchSql(s.q, params, 'x');
    const notPublic = `NOT (x.min_tier_rank = 0 AND x.roles = '{}'::text[])`;
    const inSample = s.q ? `EXISTS (SELECT 1 FROM article_search x WHERE ${sampleSql('x')} AND ${m2.sure} AND ${notPublic}) OR ` : '';
    more = `(${inSample}EXISTS (SELECT 1 FROM article_search x WHERE ${m2.cond} AND ${notPublic}))`;
  }
  // A recorded search has no facet filter, so its count is `total`, capped as the response caps it. The
  // pass records it when it is the search's last statement: it read every match (the handler's `readAll`).
  const recorded = s.record
    ? `,\n    ${s.record(params, `(SELECT LEAST(c.total, ${searchBounds.countCap}) FROM c)`, `(SELECT NOT c.sampled AND c.n <= ${searchBounds.passMax} FROM c)`)}`
    : '';
  // `pos` is the scan order, for the bounded facet counts past the cap; the sample's rows all count.
  // The sample reads the matches that GIN answers alone (`sure`, a subset of the matches): proof enough.
  const sql = `WITH smp AS MATERIALIZED (
      SELECT s.product, s.content_type, ${titled} AS titled FROM article_search s WHERE ${sample} AND ${scan.sure} AND ${aud} LIMIT $${si}),
    sampled AS (SELECT count(*) >= $${si} AS yes FROM smp),
    m AS MATERIALIZED (
      SELECT r.*, row_number() OVER () AS pos FROM (
        SELECT s.id, s.ctid AS tid, s.updated_at, s.product, s.content_type, ${titleRank} AS rank, ${titled} AS titled
        FROM article_search s WHERE NOT (SELECT yes FROM sampled) AND ${scan.cond} AND ${aud} LIMIT $${bi}) r),
    rd AS (SELECT m.product, m.content_type, m.titled, m.pos FROM m
      UNION ALL SELECT smp.product, smp.content_type, smp.titled, 0 FROM smp WHERE (SELECT yes FROM sampled)),
    c AS (SELECT (SELECT yes FROM sampled) AS sampled, count(*)::int AS n, (count(*) FILTER (WHERE ${filtersOf('rd', pi, ti)}))::int AS total,
      (count(*) FILTER (WHERE rd.titled AND ${filtersOf('rd', pi, ti)}))::int AS titled FROM rd),
    hits AS (
      SELECT r.id, r.rank, r.updated_at FROM (
        SELECT m.id, m.updated_at,
          CASE WHEN c.n <= $${params.push(searchBounds.exactRankMax)} THEN (SELECT ${fullRank} FROM article_search x WHERE x.ctid = m.tid) ELSE m.rank END AS rank
        FROM m, c WHERE NOT c.sampled AND c.n <= $${params.push(searchBounds.passMax)} AND ${filtersOf('m', pi, ti)}) r
      ORDER BY r.rank DESC, r.updated_at DESC, r.id LIMIT $${li} OFFSET $${oi})${recorded}
    SELECT c.sampled, c.n, c.total, c.titled, ${facetJson('product', typeFilter('rd', ti))} AS fp, ${facetJson('content_type', productFilter('rd', pi))} AS fct,
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
    // The rank is computed in the scan, from the title vectors in the heap row; the materialised rows
    // keep the row's ctid instead of the vectors (copying them was a third of a 2,000-row read).
    withTitles = `WITH tl AS MATERIALIZED (SELECT s.id, s.ctid AS tid, s.updated_at, ${matchSql(s.q, params, 's').rank} AS rank FROM article_search s
      WHERE ${titled} AND ${aud} AND ${filters} LIMIT $${tci}) `;
    overTitleMax = `(SELECT count(*) FROM tl) >= $${tci}`;
    // The whole query is tested on the rows taken, best first, only: the row is read back by its ctid
    // (the heap page the scan has just visited), its body vector detoasted for those rows alone.
    const onTitle = `EXISTS (SELECT 1 FROM article_search x WHERE x.ctid = t.tid AND ${matchSql(s.q, params, 'x').cond})`;
    ranked = `(SELECT t.id, t.updated_at, t.rank FROM (
         SELECT tl.id, tl.tid, tl.updated_at, tl.rank FROM tl
         WHERE NOT ${overTitleMax} ORDER BY tl.rank DESC, tl.updated_at DESC, tl.id OFFSET 0) t
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
  // Past the pass, this statement is the search's last and records it (the caller's count).
  const recorded = s.record ? s.record(params, `$${params.push(s.recordCount ?? 0)}::int`, 'TRUE') : '';
  if (recorded) withTitles = withTitles ? `${withTitles}, ${recorded} ` : `WITH ${recorded} `;
  const sql = `${withTitles}SELECT p.id, p.rank, a.title, a.body, a.product, a.content_type, a.updated_at
    FROM (SELECT c.id, c.updated_at, c.rank FROM (${titleCandidates} UNION ${newest}) c
          ORDER BY c.rank DESC, c.updated_at DESC, c.id LIMIT $${li} OFFSET $${oi}) p
    JOIN articles a ON a.id = p.id ORDER BY p.rank DESC, p.updated_at DESC, p.id`;
  return { sql, params };
}

