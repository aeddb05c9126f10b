// Totals and facet counts of a knowledge-base search, capped as search engines cap them: exact up to
// `searchBounds.countCap` visible matches, "1,000+" beyond. They come from the same bounded read of the
// narrow `article_search` rows that ranks the page (search-ranking.ts: the CTE `rd`, the rows of the
// full read `m` with their scan position `pos`, or those of the sample `smp` when it proved the match
// set past the cap), so a search reads its matches once. The audience condition is part of every read,
// so tier filtering stays exact in counts as in results.
import type { FacetCount } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import { searchBounds } from './search-bounds.js';

export interface SearchCounts {
  /** Visible matches before the facet filters, up to the pass's limit + 1. */
  matches: number;
  /** More than the count cap of visible matches: the counts below are capped. */
  capped: boolean;
  total: number;
  totalCapped: boolean;
  facets: { product: FacetCount[]; contentType: FacetCount[] };
}

/** The match and audience conditions over alias `s`, pushing their params. */
export type SearchWhere = (params: unknown[]) => { match: string; audience: string };

/** The selected facet values as a filter (none selected: no filter), from the text[] param at index i. */
export const productFilter = (a: string, i: number) => `(cardinality($${i}::text[]) = 0 OR ${a}.product = ANY($${i}::text[]))`;
export const typeFilter = (a: string, i: number) => `(cardinality($${i}::text[]) = 0 OR ${a}.content_type = ANY($${i}::text[]))`;

/**
 * One facet's counts as JSON text, over the first cap + 1 rows the read returned (`rd.pos`; the sample's
 * rows all have 0): all of them under the cap, where they are exact; over it, a bounded set of visible
 * matches, whose counts are lower bounds ("at least"). Counting every value to its own cap would read the
 * whole match set once per value (69k buffers for a common word at 100k).
 */
export const facetJson = (col: string, where: string) =>
  `(SELECT COALESCE(json_agg(json_build_object('value', x.value, 'count', x.count) ORDER BY x.count DESC, x.value), '[]'::json)::text
     FROM (SELECT rd.${col} AS value, count(*)::int AS count FROM rd WHERE rd.pos <= ${searchBounds.countCap + 1} AND ${where} GROUP BY rd.${col}) x)`;

/** What the pass's single row says about the counts. */
export interface PassCounts {
  /** Visible matches read (at most the pass's limit + 1). */
  n: number;
  /** Of those, the ones under the facet filters. */
  total: number;
  fp: string;
  fct: string;
}

/**
 * The counts from the pass. `readAll` says the pass read every visible match; when it did not (a match
 * set past its limit) and facet filters are set, `filteredTotal` counts the filtered total up to the cap.
 */
export async function countsOf(r: PassCounts, readAll: boolean, filtered: boolean, filteredTotal: () => Promise<number>): Promise<SearchCounts> {
  const cap = searchBounds.countCap;
  const matches = Number(r.n);
  const sample = { product: JSON.parse(r.fp) as FacetCount[], contentType: JSON.parse(r.fct) as FacetCount[] };
  // Exact only when the pass saw every match (its limit is above the cap in production; tests lower it).
  if (readAll && matches <= cap) {
    return { matches, capped: false, total: Number(r.total), totalCapped: false, facets: sample };
  }
  const lowerBounds = (f: FacetCount[]) => f.map((x) => ({ ...x, capped: true }));
  // A pass that read every match counted the filtered total exactly; one that stopped early did not,
  // unless the rows it did read already pass the cap under the filters (then "1,000+" is proven).
  const total = readAll || !filtered || Number(r.total) > cap ? Number(r.total) : await filteredTotal();
  return {
    matches,
    capped: true,
    total: Math.min(total, cap),
    totalCapped: total > cap,
    facets: { product: lowerBounds(sample.product), contentType: lowerBounds(sample.contentType) },
  };
}

/** The visible matches under the facet filters, counted up to the cap + 1 (a match set past the pass). */
export async function cappedFilteredTotal(q: Queryable, where: SearchWhere, products: string[], types: string[]): Promise<number> {
  const params: unknown[] = [];
  const w = where(params);
  const pi = params.push(products);
  const ti = params.push(types);
  const ci = params.push(searchBounds.countCap + 1);
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM article_search s WHERE ${w.match} AND ${w.audience} AND ${productFilter('s', pi)}
       AND ${typeFilter('s', ti)} LIMIT $${ci}) x`,
    params,
  );
  return Number(rows[0].n);
}
