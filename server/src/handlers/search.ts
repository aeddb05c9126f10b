// Knowledge-base search: Postgres full-text (title A over body B), websearch syntax plus type-ahead prefix,
// audience filtering by tier and roles, facets, highlight ranges computed over plain text.
import { TIERS, type Article, type ArticleSearchResult, type Ok } from '../../../src/contract/index.js';
import type { User } from '../auth.js';
import type { Ctx } from '../context.js';
import { notFound } from '../problem.js';
import type { ArticleHitRow, ArticleRow } from '../rows.js';
import { cappedCounts, type SearchCounts } from './search-counts.js';
import { withSearchPlanner } from './search-planner.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { iso, plainText } from '../text.js';
import { pageLimit } from './common.js';
import { recordSearch } from './insights/search-events.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** The last word of the input as a safe prefix term (letters and digits only), or '' when the user finished the word. */
export function prefixTerm(q: string): string {
  if (!q || /\s$/.test(q) || /["]/.test(q)) return '';
  const m = /([\p{L}\p{N}]+)$/u.exec(q);
  if (!m) return '';
  // A negated word ("-foo") is not a prefix to look for.
  const before = q.slice(0, m.index);
  if (before.endsWith('-')) return '';
  return m[1].toLowerCase().slice(0, 64);
}

/** Everything before the last word, used with the prefix term (the last word is still being typed). */
function headOf(q: string): string {
  const m = /([\p{L}\p{N}]+)$/u.exec(q);
  return m ? q.slice(0, m.index) : q;
}

export interface Audience {
  all: boolean;
  rank: number;
  roles: string[];
}

export function audienceOf(u: User | null): Audience {
  if (!u) return { all: false, rank: 0, roles: [] };
  if (u.roles.includes('vendor-staff') || u.roles.includes('moderator')) return { all: true, rank: TIERS.length - 1, roles: [] };
  return { all: false, rank: Math.max(0, TIERS.indexOf(u.tier ?? 'registered')), roles: u.roles };
}

/**
 * SQL condition for "may read"; pushes its params. `roles = '{}'` rather than `cardinality(roles) = 0`:
 * the planner estimates an equality from the column's statistics, a function call at a flat 0.5 %,
 * which made it expect a handful of visible matches at 100k and choose scans that read every vector.
 */
function audienceSql(a: Audience, params: unknown[], alias = 'a'): string {
  if (a.all) return 'TRUE';
  // Anonymous (rank 0, no roles): the same condition, spelled as the predicate of the public-only partial
  // indexes (migration 017), which the planner can only use when it can prove it from the query.
  if (a.rank === 0 && !a.roles.length) return `(${alias}.min_tier_rank = 0 AND ${alias}.roles = '{}'::text[])`;
  return `(${alias}.min_tier_rank <= $${params.push(a.rank)} AND (${alias}.roles = '{}'::text[] OR ${alias}.roles && $${params.push(a.roles)}::text[]))`;
}

/** Query terms for highlighting: words the user wants found (not negated, not operators). */
export function highlightTerms(q: string): { word: string; prefix: boolean }[] {
  const out: { word: string; prefix: boolean }[] = [];
  const pre = prefixTerm(q);
  const cleaned = q.replace(/-"[^"]*"/g, ' ').replace(/(^|\s)-[\p{L}\p{N}]+/gu, ' ');
  for (const m of cleaned.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    if (w === 'or' || w === 'and') continue;
    out.push({ word: w, prefix: false });
  }
  if (pre) out.push({ word: pre, prefix: true });
  return out;
}

const stem = (w: string) => w.replace(/(ing|ed|es|s|ly)$/u, '').slice(0, Math.max(3, w.length - 3)) || w;

function wordMatches(word: string, terms: { word: string; prefix: boolean }[]): boolean {
  const w = word.toLowerCase();
  for (const t of terms) {
    if (t.prefix) {
      if (w.startsWith(t.word)) return true;
    } else if (w === t.word || (t.word.length >= 3 && w.startsWith(stem(t.word)) && w.length <= t.word.length + 4)) return true;
  }
  return false;
}

export function highlightRanges(text: string, terms: { word: string; prefix: boolean }[]) {
  const ranges: { start: number; length: number }[] = [];
  if (!terms.length) return ranges;
  for (const m of text.matchAll(WORD)) {
    if (wordMatches(m[0], terms)) ranges.push({ start: m.index!, length: m[0].length });
  }
  return ranges;
}

/** A plain-text window of the body around the first match. */
export function snippetOf(body: string, terms: { word: string; prefix: boolean }[], size = 180): string {
  const text = plainText(body);
  if (text.length <= size) return text;
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    if (wordMatches(m[0], terms)) {
      at = m.index!;
      break;
    }
  }
  let start = Math.max(0, at - 50);
  if (start > 0) {
    const sp = text.indexOf(' ', start);
    if (sp >= 0 && sp < at) start = sp + 1;
  }
  let end = Math.min(text.length, start + size);
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end);
    if (sp > start + size / 2) end = sp;
  }
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
}

/**
 * Builds the match condition and rank expression for the user's text; never lets the text reach SQL as code.
 * Matching uses the full vectors (title A + body B). Ranking: an exact title first, then title matches by
 * ts_rank over the small title vector, then body-only matches (ties broken by recency in the caller);
 * the weighted whole-document ts_rank is used for the body part only on small result sets, because it
 * detoasts every matching row.
 */
function matchSql(q: string, params: unknown[], alias = 'a', fullRank = false) {
  if (!q) return { cond: 'TRUE', rank: '0' };
  const qi = params.push(q);
  const pre = prefixTerm(q);
  const full = `websearch_to_tsquery('english', $${qi})`;
  const exact = `CASE WHEN lower(${alias}.title) = lower($${qi}) THEN 10 ELSE 0 END`;
  const bodyRank = (vec: string, tsq: string) => (fullRank ? ` + ts_rank(${alias}.${vec}, ${tsq}) * 0.1` : '');
  if (!pre) {
    return { cond: `${alias}.search @@ ${full}`, rank: `ts_rank(${alias}.title_search, ${full})${bodyRank('search', full)} + ${exact}` };
  }
  const hi = params.push(headOf(q));
  const pi = params.push(`${pre}:*`);
  // Type-ahead: the finished words through the stemmed vector (title and body), the last (unfinished)
  // word as a prefix of the unstemmed title words. An empty head (only one word typed) matches everything.
  const head = `(numnode(websearch_to_tsquery('english', $${hi})) = 0 OR ${alias}.search @@ websearch_to_tsquery('english', $${hi}))`;
  const typed = `(${head} AND ${alias}.title_words @@ to_tsquery('simple', $${pi}))`;
  return {
    cond: `(${alias}.search @@ ${full} OR ${typed})`,
    rank: `GREATEST(ts_rank(${alias}.title_search, ${full})${bodyRank('search', full)},
      (ts_rank(${alias}.title_search, websearch_to_tsquery('english', $${hi})) + ts_rank(${alias}.title_words, to_tsquery('simple', $${pi}))) * 0.9) + ${exact}`,
  };
}

/**
 * The title part of a large match set's candidates: a title holding ANY of the query's words (or, while
 * typing, a title word starting with the unfinished last word). Not the whole query on the title: a title
 * holding only some of the words still ranks above the body-only matches on the exact path, so requiring
 * all of them here would leave such a row out unless it was among the newest, and the order would change
 * across the threshold. The caller tests the whole query on these rows separately (see rankedPageSql).
 */
function titleWordsSql(q: string, params: unknown[], alias: string): string {
  const qi = params.push(q);
  const pre = prefixTerm(q);
  const titled = `${alias}.title_search @@ ${anyWordTsquery(`$${qi}`)}`;
  if (!pre) return titled;
  const pi = params.push(`${pre}:*`);
  return `(${titled} OR ${alias}.title_words @@ to_tsquery('simple', $${pi}))`;
}

/**
 * SQL for a tsquery matching ANY lexeme of websearch_to_tsquery('english', <param>): its lexemes, kept
 * quoted as tsquery's own text output quotes them, joined by `|`. Same stemming as the whole query, and
 * the user's text never reaches SQL as code. NULL (matches nothing) when the text has no lexeme.
 */
export const anyWordTsquery = (param: string) =>
  `(SELECT string_agg(l[1], ' | ') FROM regexp_matches(websearch_to_tsquery('english', ${param})::text, '(''(?:[^'']|'''')*'')', 'g') l)::tsquery`;

/** Up to this many visible matches, the whole match set is ranked exactly (title rank + a tenth of the body rank). */
const EXACT_RANK_MAX = 300;

/**
 * Two-phase ranking over the narrow `article_search` table (migration 013).
 *
 * A small match set (the capped count says how small) is ranked whole: up to EXACT_RANK_MAX by title rank
 * plus a tenth of the body rank, as before, and up to COUNT_CAP by title rank. A large one (over the count
 * cap) would cost a ranking pass over every match, so phase one takes cheap candidates instead, `want`
 * (offset + limit + 1) from each of two sources, and phase two orders their union:
 * - the best title matches (any query word in the title) by their title rank: the small title vectors'
 *   GIN indexes find them, the vectors are inline, so ranking them reads no body. The whole-query test
 *   needs the body vector; it runs after the sort (behind an `OFFSET 0` fence, which keeps the planner
 *   from pushing it below the sort) on the best rows only, until `want` pass, instead of on every
 *   title match (1,761 rows for "sizing" at 100k, 20,000 title words starting with "firew");
 * - the newest matches of all (the recency index, stopping after `want`).
 * Body-only matches rank 0 on the title and so sort by recency, which is why the newest of them are the
 * right candidates. The result is the same as ranking every match by (title rank, recency): a row of the
 * true first `want` either has a title rank, and then is among the best `want` title matches, or has
 * none, and then every row newer than it is above it, so it is among the newest `want`.
 */
function rankedPageSql(q: string, aud: Audience, filters: string, params: unknown[], counts: SearchCounts, want: number): string {
  const exact = !counts.capped && counts.matches <= EXACT_RANK_MAX;
  const m = matchSql(q, params, 's', exact);
  const audCond = audienceSql(aud, params, 's');
  // At most COUNT_CAP visible matches under the facet filters (the capped count has just read them): one
  // more pass over them (a bitmap read, title rank only past EXACT_RANK_MAX) costs less than the two
  // candidate reads below, which would each visit most of the same rows; the order is the same.
  if (!counts.totalCapped || !q) {
    return `SELECT s.id, s.updated_at, ${m.rank} AS rank FROM article_search s WHERE ${m.cond} AND ${audCond} AND ${filters}`;
  }
  const ci = params.push(want);
  const titled = titleWordsSql(q, params, 's');
  // The body vector is fetched by id for the rows tested only: selected in the sorted rows, it would be
  // read (and detoasted) for every title match before the sort.
  const onTitle = matchSql(q, params, 't').cond.replaceAll('t.search', '(SELECT x.search FROM article_search x WHERE x.id = t.id)');
  return `SELECT c.id, c.updated_at, c.rank FROM (
      (SELECT t.id, t.updated_at, t.rank FROM (
         SELECT s.id, s.updated_at, ${m.rank} AS rank, s.title_words FROM article_search s
         WHERE ${titled} AND ${audCond} AND ${filters} ORDER BY rank DESC, s.updated_at DESC, s.id OFFSET 0) t
       WHERE ${onTitle} ORDER BY t.rank DESC, t.updated_at DESC, t.id LIMIT $${ci})
      UNION
      (SELECT s.id, s.updated_at, ${m.rank} AS rank FROM article_search s WHERE ${m.cond} AND ${audCond} AND ${filters}
       ORDER BY s.updated_at DESC, s.id LIMIT $${ci})) c`;
}

export async function searchArticles(ctx: Ctx<'searchArticles'>): Promise<ArticleSearchResult> {
  const q: string = ctx.query.q ?? '';
  const products: string[] = ctx.query.product ?? [];
  const types: string[] = ctx.query.contentType ?? [];
  // Search pages by OFFSET, unlike the lists: its order is a relevance rank computed per query, so a
  // keyset cursor would have to carry a float rank and seek on an expression no index holds. Readers
  // seldom go past the first pages of a search, where OFFSET costs little.
  const offset = decodeOffsetCursor(ctx.query.cursor);
  const limit = pageLimit(ctx.query.limit);
  const aud = audienceOf(ctx.user);
  const { counts, hits, moreForSignedIn, searchId } = await withSearchPlanner(ctx.db, async (tx) => {
    const counts = await cappedCounts(tx, (params) => ({ match: matchSql(q, params, 's').cond, audience: audienceSql(aud, params, 's') }), products, types);

    const params: unknown[] = [];
    const pi = params.push(products);
    const ti = params.push(types);
    const filters = `(cardinality($${pi}::text[]) = 0 OR s.product = ANY($${pi}::text[])) AND (cardinality($${ti}::text[]) = 0 OR s.content_type = ANY($${ti}::text[]))`;
    const ranked = rankedPageSql(q, aud, filters, params, counts, offset + limit + 1);
    const li = params.push(limit + 1);
    const oi = params.push(offset);
    // Titles and bodies only for the page: the body is read (and detoasted) for the snippet of each hit.
    const { rows: hits } = await tx.query<ArticleHitRow>(
      `SELECT p.id, p.rank, a.title, a.body, a.product, a.content_type, a.updated_at
       FROM (${ranked} ORDER BY rank DESC, updated_at DESC, id LIMIT $${li} OFFSET $${oi}) p
       JOIN articles a ON a.id = p.id ORDER BY p.rank DESC, p.updated_at DESC, p.id`,
      params,
    );
    let moreForSignedIn = false;
    if (!ctx.user) {
      const p2: unknown[] = [];
      const m2 = matchSql(q, p2, 's');
      const { rows: more } = await tx.query<{ n: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM article_search s WHERE ${m2.cond} AND NOT (s.min_tier_rank = 0 AND s.roles = '{}'::text[])) AS n`,
        p2,
      );
      moreForSignedIn = !!more[0]?.n;
    }
    // The insights count a search once: its first page, before any facet narrows it. Recorded in this
    // transaction, last, committed without waiting for the WAL flush: a search event is analytics, and
    // losing the last few on a crash costs less than an fsync on every keystroke of every partner.
    let searchId: string | null = null;
    if (q.trim() && !ctx.query.cursor && !products.length && !types.length) {
      await tx.exec('SET LOCAL synchronous_commit = off');
      searchId = await recordSearch(tx, ctx.config, ctx.user, q, counts.total);
    }
    return { counts, hits, moreForSignedIn, searchId };
  });
  const terms = highlightTerms(q);
  const items = hits.slice(0, limit).map((h) => {
    const snippet = snippetOf(h.body, terms);
    return {
      id: h.id,
      title: h.title,
      snippet,
      product: h.product,
      contentType: h.content_type,
      updatedAt: iso(h.updated_at),
      highlights: { title: highlightRanges(h.title, terms), snippet: highlightRanges(snippet, terms) },
    };
  });
  return {
    items,
    nextCursor: hits.length > limit ? encodeOffsetCursor(offset + limit) : null,
    total: counts.total,
    ...(counts.totalCapped ? { totalCapped: true } : {}),
    facets: counts.facets,
    moreForSignedIn,
    searchId,
  };
}

async function loadVisibleArticle(ctx: Ctx, id: string) {
  const params: unknown[] = [id];
  const cond = audienceSql(audienceOf(ctx.user), params);
  const { rows } = await ctx.q.query<ArticleRow>(
    `SELECT a.id, a.title, a.body, a.product, a.content_type, a.min_tier, a.roles, a.updated_at,
       (SELECT count(*)::int FROM article_feedback f WHERE f.article_id = a.id AND f.helpful) AS yes,
       (SELECT count(*)::int FROM article_feedback f WHERE f.article_id = a.id AND NOT f.helpful) AS no
     FROM articles a WHERE a.id = $1 AND ${cond}`,
    params,
  );
  // Not visible and not existing look the same: no leak of what sits above the caller's tier.
  if (!rows[0]) throw notFound('The article');
  return rows[0];
}

export async function getArticle(ctx: Ctx<'getArticle'>): Promise<Article> {
  const a = await loadVisibleArticle(ctx, ctx.params.id);
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    product: a.product,
    contentType: a.content_type,
    audience: { minTier: a.min_tier, roles: a.roles ?? [] },
    updatedAt: iso(a.updated_at),
    helpful: { yes: Number(a.yes), no: Number(a.no) },
  };
}

export async function sendArticleFeedback(ctx: Ctx<'sendArticleFeedback'>): Promise<Ok> {
  await loadVisibleArticle(ctx, ctx.params.id);
  await ctx.q.query(`INSERT INTO article_feedback (article_id, person_id, helpful, comment) VALUES ($1, $2, $3, $4)`, [
    ctx.params.id, ctx.user?.id ?? null, ctx.body.helpful, ctx.body.comment ?? null,
  ]);
  return { ok: true };
}
