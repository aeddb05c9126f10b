// Knowledge-base search: Postgres full-text (title A over body B), websearch syntax plus type-ahead prefix,
// audience filtering by tier and roles, facets, highlight ranges computed over plain text.
import { type Article, type ArticleSearchResult, type Ok } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { notFound } from '../problem.js';
import type { ArticleHitRow, ArticleRow } from '../rows.js';
import { cappedFilteredTotal, countsOf, type PassCounts } from './search-counts.js';
import { candidatePageSql, denseSettings, denseTitles, passSql, searchBounds, searchPathProbe, type SearchInput } from './search-ranking.js';
import { audienceOf, audienceSql, matchSql, prefixTerm } from './search-sql.js';
import { withSearchPlanner } from './search-planner.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { iso, plainText } from '../text.js';
import { pageLimit } from './common.js';
import { recordSearchCtes } from './insights/search-events.js';

const WORD = /[\p{L}\p{N}]+/gu;

// The similar-question lookup builds on the same query-text helpers.
export { anyWordTsquery, prefixTerm } from './search-sql.js';

/** A row of the pass: the counts, repeated on every hit of the page (hit columns null when it has none). */
type PassRow = PassCounts & { sampled: boolean; titled: number; more: boolean } & { [K in keyof ArticleHitRow]: ArticleHitRow[K] | null };

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

/** A term as the matcher tests it: its stem computed once per search, not once per word of every body. */
interface Matcher {
  word: string;
  prefix: boolean;
  /** The stem a finished word of 3+ letters also matches by (words up to 4 letters longer), or null. */
  stem: string | null;
}

// A literal of fixed shape, not a spread: V8 keeps a spread copy in dictionary mode, slow to read per word.
const matchersOf = (terms: { word: string; prefix: boolean }[]): Matcher[] =>
  terms.map((t) => ({ word: t.word, prefix: t.prefix, stem: !t.prefix && t.word.length >= 3 ? stem(t.word) : null }));

/** The snippet and highlight ranges of one search's page, its terms prepared once. */
export function highlighter(q: string) {
  const terms = matchersOf(highlightTerms(q));
  return { snippet: (body: string) => snippetWith(body, terms), ranges: (text: string) => rangesOf(text, terms) };
}

function wordMatches(word: string, terms: Matcher[]): boolean {
  const w = word.toLowerCase();
  for (const t of terms) {
    if (t.prefix) {
      if (w.startsWith(t.word)) return true;
    } else if (w === t.word || (t.stem !== null && w.startsWith(t.stem) && w.length <= t.word.length + 4)) return true;
  }
  return false;
}

function rangesOf(text: string, terms: Matcher[]) {
  const ranges: { start: number; length: number }[] = [];
  if (!terms.length) return ranges;
  for (const m of text.matchAll(WORD)) {
    if (wordMatches(m[0], terms)) ranges.push({ start: m.index!, length: m[0].length });
  }
  return ranges;
}

/** A plain-text window of the body around the first match. */
function snippetWith(body: string, terms: Matcher[], size = 180): string {
  const text = plainText(body);
  if (text.length <= size) return text;
  let at = 0;
  if (terms.length) {
    for (const m of text.matchAll(WORD)) {
      if (wordMatches(m[0], terms)) {
        at = m.index!;
        break;
      }
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
  // The insights count a search once: its first page, before any facet narrows it. Recorded by the
  // search's last statement (data-modifying CTEs, no round trip of its own: the pass when it read every
  // match, else the candidates), committed without waiting for the WAL flush: a search event is
  // analytics, and losing the last few on a crash costs less than an fsync on every keystroke of every
  // partner. The setting goes with the planner settings (a transaction that only read has no commit
  // record to flush either way).
  const recorded = !!q.trim() && !ctx.query.cursor && !products.length && !types.length;
  let searchId: string | null = null;
  // The id of the statement that records (the pass builds its CTEs before it knows whether it will).
  const record = (params: unknown[], resultCount: string, when: string) => {
    const r = recordSearchCtes(params, ctx.config, ctx.user, q, resultCount, new Date(), when);
    searchId = r.id;
    return r.ctes;
  };
  const input: SearchInput = { q, aud, products, types, offset, limit, anonymous: !ctx.user, ...(recorded ? { record } : {}) };
  const { counts, hits, moreForSignedIn } = await withSearchPlanner(ctx.db, async (tx) => {
    // One bounded read gives the counts, the facets and, for a match set within its bound, the page.
    const pass = passSql(input);
    const { rows } = await tx.query<PassRow>(pass.sql, pass.params);
    const head = rows[0];
    const sampled = !!head.sampled;
    const readAll = !sampled && Number(head.n) <= searchBounds.passMax;
    const counts = await countsOf(head, readAll, products.length + types.length > 0, () =>
      cappedFilteredTotal(tx, (params) => ({ match: matchSql(q, params, 's').cond, audience: audienceSql(aud, params, 's') }), products, types),
    );
    let hits: ArticleHitRow[] = rows.filter((r) => r.id !== null) as ArticleHitRow[];
    const dense = !readAll && denseTitles(Number(head.titled), sampled);
    if (!readAll) {
      if (dense) await tx.exec(denseSettings);
      const page = candidatePageSql({ ...input, recordCount: counts.total }, dense);
      hits = (await tx.query<ArticleHitRow>(page.sql, page.params)).rows;
    }
    searchPathProbe.onPath?.({ pass: sampled ? 'sample' : 'full', page: readAll ? 'pass' : dense ? 'dense' : 'candidates' });
    return { counts, hits, moreForSignedIn: !ctx.user && !!head.more };
  }, recorded ? 'SET LOCAL synchronous_commit = off' : '');
  const hl = highlighter(q);
  const items = hits.slice(0, limit).map((h) => {
    const snippet = hl.snippet(h.body);
    return {
      id: h.id,
      title: h.title,
      snippet,
      product: h.product,
      contentType: h.content_type,
      updatedAt: iso(h.updated_at),
      highlights: { title: hl.ranges(h.title), snippet: hl.ranges(snippet) },
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
