import { TIERS, type ArticleHit, type ArticleSearchResult, type FacetCount, type SignedInMe } from '../../contract/index.js';
import type { ArticleRecord } from './model.js';
import { excerpt, highlightRanges, plainText, searchTerms, snippetAround, termPattern } from './text.js';

/** Who is reading: `null` is anonymous, `'all'` sees everything (to tell what signing in would add). */
export type Reader = SignedInMe | null | 'all';

/**
 * Audience rule: the reader's tier is at least `minTier`, and when the article names roles the reader
 * has one of them. Anonymous readers count as registered with no roles. Vendor staff read everything.
 */
export function canRead(article: ArticleRecord, reader: Reader): boolean {
  if (reader === 'all') return true;
  const roles = reader?.roles ?? [];
  if (roles.includes('vendor-staff')) return true;
  const tier = TIERS.indexOf(reader?.tier ?? 'registered');
  if (tier < TIERS.indexOf(article.audience.minTier)) return false;
  return article.audience.roles.length === 0 || article.audience.roles.some((r) => (roles as string[]).includes(r));
}

export interface SearchInput {
  q: string;
  product?: string[] | undefined;
  contentType?: string[] | undefined;
  offset: number;
  limit: number;
}

const plainBodies = new WeakMap<ArticleRecord, { body: string; text: string }>();
/** The body as plain text without its leading H1 (which repeats the title). */
function plainBody(a: ArticleRecord): string {
  const cached = plainBodies.get(a);
  if (cached?.body === a.body) return cached.text;
  const text = plainText(a.body.replace(/^#\s.*\n+/, ''));
  plainBodies.set(a, { body: a.body, text });
  return text;
}

const has = (text: string, term: string) => termPattern(term, 'iu').test(text);
const countIn = (text: string, term: string) => [...text.matchAll(termPattern(term))].length;

interface Match { article: ArticleRecord; titleHits: number; bodyHits: number }

/** Every term must start a word in the title or body (prefix matching, case-insensitive). */
function match(articles: readonly ArticleRecord[], terms: readonly string[]): Match[] {
  const out: Match[] = [];
  for (const article of articles) {
    const body = plainBody(article);
    if (!terms.every((t) => has(article.title, t) || has(body, t))) continue;
    out.push({
      article,
      titleHits: terms.filter((t) => has(article.title, t)).length,
      bodyHits: terms.reduce((n, t) => n + Math.min(countIn(body, t), 5), 0),
    });
  }
  // Title hits first, then body hits, then the freshest.
  return out.sort(
    (a, b) => b.titleHits - a.titleHits || b.bodyHits - a.bodyHits || b.article.updatedAt - a.article.updatedAt || a.article.id.localeCompare(b.article.id),
  );
}

/** Counts per value; values the caller filtered on stay listed (count 0) so a UI can clear them. */
function facet(matches: readonly Match[], key: 'product' | 'contentType', selected: readonly string[] = []): FacetCount[] {
  const counts = new Map<string, number>(selected.map((s) => [s, 0]));
  for (const m of matches) counts.set(m.article[key], (counts.get(m.article[key]) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

const inList = (list: readonly string[] | undefined, value: string) => !list?.length || list.includes(value);

export function searchArticles(articles: readonly ArticleRecord[], input: SearchInput, reader: Reader): ArticleSearchResult {
  const terms = searchTerms(input.q);
  const visible = match(articles.filter((a) => canRead(a, reader)), terms);
  const byProduct = visible.filter((m) => inList(input.product, m.article.product));
  const byType = visible.filter((m) => inList(input.contentType, m.article.contentType));
  const filtered = byProduct.filter((m) => inList(input.contentType, m.article.contentType));
  const end = input.offset + input.limit;
  let moreForSignedIn = false;
  if (reader === null) {
    const everyone = match(articles, terms).filter((m) => inList(input.product, m.article.product) && inList(input.contentType, m.article.contentType));
    moreForSignedIn = everyone.length > filtered.length;
  }
  return {
    items: filtered.slice(input.offset, end).map((m) => hit(m.article, terms)),
    nextCursor: end < filtered.length ? String(end) : null,
    total: filtered.length,
    // Disjunctive facets: each dimension counts with the other dimension's filter applied, not its own.
    facets: { product: facet(byType, 'product', input.product), contentType: facet(byProduct, 'contentType', input.contentType) },
    moreForSignedIn,
  };
}

function hit(a: ArticleRecord, terms: readonly string[]): ArticleHit {
  const snippet = terms.length ? snippetAround(plainBody(a), terms) : excerpt(plainBody(a), 180);
  return {
    id: a.id,
    title: a.title,
    snippet,
    product: a.product,
    contentType: a.contentType,
    updatedAt: new Date(a.updatedAt).toISOString(),
    highlights: { title: highlightRanges(a.title, terms), snippet: highlightRanges(snippet, terms) },
  };
}
