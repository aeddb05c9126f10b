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
  const pf = (a: string) => `(cardinality($${pi}::text[]) = 0 OR ${a}.product = ANY($${pi}::text[]))`;
  const tf = (a: string) => `(cardinality($${ti}::text[]) = 0 OR ${a}.content_type = ANY($${ti}::text[]))`;
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
  // Over the cap: each figure is counted again up to the cap under its own filters. The facet values
  // are those of the bounded pass plus the selected ones, so a selected chip never disappears.
  const valuesOf = (found: FacetCount[], selected: string[]) => [...new Set([...found.map((f) => f.value), ...selected])];
  const p2: unknown[] = [];
  const w2 = where(p2);
  const pi2 = p2.push(products);
  const ti2 = p2.push(types);
  const ci2 = p2.push(COUNT_CAP + 1);
  const vp = p2.push(valuesOf(sample.product, products));
  const vt = p2.push(valuesOf(sample.contentType, types));
  const pf2 = `(cardinality($${pi2}::text[]) = 0 OR s.product = ANY($${pi2}::text[]))`;
  const tf2 = `(cardinality($${ti2}::text[]) = 0 OR s.content_type = ANY($${ti2}::text[]))`;
  const capped = (extra: string) =>
    `(SELECT count(*)::int FROM (SELECT 1 FROM article_search s WHERE ${w2.match} AND ${w2.audience} AND ${extra} LIMIT $${ci2}) x)`;
  const { rows: counted } = await q.query<{ dim: string; value: string; count: number }>(
    `SELECT 'total' AS dim, '' AS value, ${capped(`${pf2} AND ${tf2}`)} AS count
     UNION ALL SELECT 'product', v, ${capped(`${tf2} AND s.product = v`)} FROM unnest($${vp}::text[]) v
     UNION ALL SELECT 'contentType', v, ${capped(`${pf2} AND s.content_type = v`)} FROM unnest($${vt}::text[]) v`,
    p2,
  );
  const facet = (dim: string): FacetCount[] =>
    counted
      .filter((c) => c.dim === dim && Number(c.count) > 0)
      .map((c) => (Number(c.count) > COUNT_CAP ? { value: c.value, count: COUNT_CAP, capped: true } : { value: c.value, count: Number(c.count) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const total = Number(counted.find((c) => c.dim === 'total')!.count);
  return {
    matches,
    capped: true,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    facets: { product: facet('product'), contentType: facet('contentType') },
  };
}
