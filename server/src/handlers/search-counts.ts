// Totals and facet counts of a knowledge-base search, capped as search engines cap them: exact up to
// COUNT_CAP visible matches, "1,000+" beyond. Counting reads the narrow `article_search` rows only
// (migration 013) and stops at the cap, so a common word costs the same as a rare one. The audience
// condition is part of every count, so tier filtering stays exact in counts as in results.
import type { FacetCount } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import type { Json } from '../rows.js';

export const COUNT_CAP = 1000;

export interface SearchCounts {
  /** Visible matches before the facet filters, up to COUNT_CAP + 1. */
  matches: number;
  /** More than COUNT_CAP visible matches: the counts below are capped. */
  capped: boolean;
  total: number;
  totalCapped: boolean;
  facets: { product: FacetCount[]; contentType: FacetCount[] };
}

/** The match and audience conditions over alias `s`, pushing their params. */
export type SearchWhere = (params: unknown[]) => { match: string; audience: string };

interface SampleRow {
  n: number;
  total: number;
  fp: Json<FacetCount[]>;
  fct: Json<FacetCount[]>;
}

/** The selected facet values as a filter (none selected: no filter), from the text[] param at index i. */
const productFilter = (a: string, i: number) => `(cardinality($${i}::text[]) = 0 OR ${a}.product = ANY($${i}::text[]))`;
const typeFilter = (a: string, i: number) => `(cardinality($${i}::text[]) = 0 OR ${a}.content_type = ANY($${i}::text[]))`;

const parse = <T>(x: Json<T>): T => (typeof x === 'string' ? (JSON.parse(x) as T) : x);

const facetJson = (col: string, where: string) =>
  `(SELECT COALESCE(json_agg(json_build_object('value', x.value, 'count', x.count) ORDER BY x.count DESC, x.value), '[]'::json)
     FROM (SELECT m.${col} AS value, count(*)::int AS count FROM m WHERE ${where} GROUP BY m.${col}) x)`;

export async function cappedCounts(q: Queryable, where: SearchWhere, products: string[], types: string[]): Promise<SearchCounts> {
  const params: unknown[] = [];
  const w = where(params);
  const pi = params.push(products);
  const ti = params.push(types);
  const ci = params.push(COUNT_CAP + 1);
  const pf = (a: string) => productFilter(a, pi);
  const tf = (a: string) => typeFilter(a, ti);
  // One bounded pass: when it does not reach the cap it holds every visible match, and all counts are exact.
  const { rows } = await q.query<SampleRow>(
    `WITH m AS (SELECT s.product, s.content_type FROM article_search s WHERE ${w.match} AND ${w.audience} LIMIT $${ci})
     SELECT (SELECT count(*)::int FROM m) AS n, (SELECT count(*)::int FROM m WHERE ${pf('m')} AND ${tf('m')}) AS total,
       ${facetJson('product', tf('m'))} AS fp, ${facetJson('content_type', pf('m'))} AS fct`,
    params,
  );
  const r = rows[0];
  const matches = Number(r.n);
  const sample = { product: parse(r.fp), contentType: parse(r.fct) };
  if (matches <= COUNT_CAP) {
    return { matches, capped: false, total: Number(r.total), totalCapped: false, facets: sample };
  }
  // Over the cap. The facet counts are those of the bounded pass, each a lower bound ("at least"),
  // flagged as capped: counting every value to its own cap would read the whole match set once per
  // value (69k buffers for a common word at 100k, against 385 for the bounded pass). The total under
  // the facet filters is counted once more up to the cap, so a filtered total is never an undercount.
  const lowerBounds = (f: FacetCount[]) => f.map((x) => ({ ...x, capped: true }));
  let total = COUNT_CAP + 1;
  if (products.length || types.length) {
    const p2: unknown[] = [];
    const w2 = where(p2);
    const pi2 = p2.push(products);
    const ti2 = p2.push(types);
    const ci2 = p2.push(COUNT_CAP + 1);
    const { rows: counted } = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM article_search s WHERE ${w2.match} AND ${w2.audience} AND ${productFilter('s', pi2)}
         AND ${typeFilter('s', ti2)} LIMIT $${ci2}) x`,
      p2,
    );
    total = Number(counted[0].n);
  }
  return {
    matches,
    capped: true,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    facets: { product: lowerBounds(sample.product), contentType: lowerBounds(sample.contentType) },
  };
}
