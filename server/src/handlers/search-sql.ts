// The user's search text as SQL fragments over the narrow `article_search` table: the match condition,
// the rank expression, the title-word condition of the candidate reads and the audience ("may read")
// condition. The text is always a parameter, never SQL code.
import { TIERS } from '../../../src/contract/index.js';
import type { User } from '../auth.js';

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
export function headOf(q: string): string {
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
export function audienceSql(a: Audience, params: unknown[], alias = 'a'): string {
  if (a.all) return 'TRUE';
  // Anonymous (rank 0, no roles): the same condition, spelled as the predicate of the public-only partial
  // indexes (migration 017), which the planner can only use when it can prove it from the query.
  if (a.rank === 0 && !a.roles.length) return `(${alias}.min_tier_rank = 0 AND ${alias}.roles = '{}'::text[])`;
  // The tier as a literal (a tier's index in TIERS, never user text), spelled as the predicate of the
  // per-tier partial indexes (migration 021, `min_tier_rank <= 2` and `<= 1`). A custom plan folds a
  // parameter into a constant and proves the predicate either way; a generic plan (a prepared statement
  // after five runs) would not, and would read the index over every article.
  if (!Number.isInteger(a.rank) || a.rank < 0 || a.rank >= TIERS.length) throw new Error(`bad tier rank: ${a.rank}`);
  return `(${alias}.min_tier_rank <= ${a.rank} AND (${alias}.roles = '{}'::text[] OR ${alias}.roles && $${params.push(a.roles)}::text[]))`;
}

/**
 * Builds the match condition and rank expression for the user's text; never lets the text reach SQL as code.
 * Matching uses the full vectors (title A + body B). Ranking: an exact title first, then title matches by
 * ts_rank over the small title vector, then body-only matches (ties broken by recency in the caller);
 * the weighted whole-document ts_rank is used for the body part only on small result sets, because it
 * detoasts every matching row.
 */
export function matchSql(q: string, params: unknown[], alias = 'a', fullRank = false) {
  if (!q) return { cond: 'TRUE', rank: '0', sure: 'TRUE' };
  const qi = params.push(q);
  const pre = prefixTerm(q);
  const full = `websearch_to_tsquery('english', $${qi})`;
  const exact = `CASE WHEN lower(${alias}.title) = lower($${qi}) THEN 10 ELSE 0 END`;
  const bodyRank = (vec: string, tsq: string) => (fullRank ? ` + ts_rank(${alias}.${vec}, ${tsq}) * 0.1` : '');
  // `sure`: a part of `cond` that GIN indexes alone (every row it holds matches `cond`), so a read of it
  // proves "at least this many matches" without a condition a bitmap would only half index, the other
  // half then tested on each row's out-of-line body vector: the whole text as finished words, and, when
  // the user is typing the first word, that word as a title prefix too.
  const whole = `${alias}.search @@ ${full}`;
  if (!pre) {
    return { cond: whole, rank: `ts_rank(${alias}.title_search, ${full})${bodyRank('search', full)} + ${exact}`, sure: whole };
  }
  // No letter or digit before the last word (one word typed so far): the head has no lexeme, matches
  // everything and ranks 0, so it is left out of the SQL, which also spares a NOTICE ("doesn't contain
  // lexemes") sent to the client for every place the planner folds websearch_to_tsquery('').
  const headless = !/[\p{L}\p{N}]/u.test(headOf(q));
  const hi = headless ? 0 : params.push(headOf(q));
  const pi = params.push(`${pre}:*`);
  // Type-ahead: the finished words through the stemmed vector (title and body), the last (unfinished)
  // word as a prefix of the unstemmed title words. A head with only stop words has no lexeme either and
  // matches everything (numnode 0).
  const head = `(numnode(websearch_to_tsquery('english', $${hi})) = 0 OR ${alias}.search @@ websearch_to_tsquery('english', $${hi}))`;
  const prefix = `${alias}.title_words @@ to_tsquery('simple', $${pi})`;
  const prefixRank = `ts_rank(${alias}.title_words, to_tsquery('simple', $${pi}))`;
  // (0 + r) * 0.9 in float4 then float8 is r * 0.9: the same rank as with the empty head spelled out.
  const typedRank = headless ? `${prefixRank} * 0.9` : `(ts_rank(${alias}.title_search, websearch_to_tsquery('english', $${hi})) + ${prefixRank}) * 0.9`;
  return {
    cond: `(${alias}.search @@ ${full} OR ${headless ? prefix : `(${head} AND ${prefix})`})`,
    rank: `GREATEST(ts_rank(${alias}.title_search, ${full})${bodyRank('search', full)},
      ${typedRank}) + ${exact}`,
    sure: headless ? `(${whole} OR ${prefix})` : whole,
  };
}

/**
 * The title part of a large match set's candidates: a title holding ANY of the query's words (or, while
 * typing, a title word starting with the unfinished last word). Not the whole query on the title: a title
 * holding only some of the words still ranks above the body-only matches on the exact path, so requiring
 * all of them here would leave such a row out unless it was among the newest, and the order would change
 * across the threshold. The caller tests the whole query on these rows separately (see rankedPageSql).
 */
export function titleWordsSql(q: string, params: unknown[], alias: string): string {
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

