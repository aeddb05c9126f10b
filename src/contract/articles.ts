import * as v from 'valibot';
import { Cursor, Id, Limit, Tier, Timestamp } from './common.js';

/**
 * A highlighted span inside a plain-text field, in UTF-16 code units, as JavaScript strings count.
 * Clients render highlights by slicing text, never by parsing markup.
 */
export const HighlightRange = v.object({
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  length: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type HighlightRange = v.InferOutput<typeof HighlightRange>;

export const CONTENT_TYPES = ['guide', 'how-to', 'troubleshooting', 'release-note', 'faq', 'reference'] as const;
export const ContentType = v.picklist(CONTENT_TYPES);
export type ContentType = v.InferOutput<typeof ContentType>;

/** Who may read an article: partners of at least `minTier`; when `roles` is not empty, only those roles. */
export const Audience = v.object({ minTier: Tier, roles: v.array(v.string()) });
export type Audience = v.InferOutput<typeof Audience>;

export const ArticleHit = v.object({
  id: Id,
  title: v.string(),
  /** Plain-text snippet around the best match. */
  snippet: v.string(),
  product: v.string(),
  contentType: ContentType,
  updatedAt: Timestamp,
  highlights: v.object({ title: v.array(HighlightRange), snippet: v.array(HighlightRange) }),
});
export type ArticleHit = v.InferOutput<typeof ArticleHit>;

export const FacetCount = v.object({
  value: v.string(),
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The server stopped counting at `count` (e.g. 1,000): show "1,000+". Absent when exact. */
  capped: v.optional(v.boolean()),
});
export type FacetCount = v.InferOutput<typeof FacetCount>;

export const ArticleSearchResult = v.object({
  items: v.array(ArticleHit),
  nextCursor: v.nullable(v.string()),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The server stopped counting at `total` (e.g. 1,000): show "1,000+". Absent when the total is exact. */
  totalCapped: v.optional(v.boolean()),
  facets: v.object({ product: v.array(FacetCount), contentType: v.array(FacetCount) }),
  /** True when a signed-in partner would see more matches than this caller. */
  moreForSignedIn: v.boolean(),
  /** The server's record of this search (first pages only): send it with `POST /v1/search/clicks` when a result is opened. */
  searchId: v.optional(v.nullable(v.string())),
});
export type ArticleSearchResult = v.InferOutput<typeof ArticleSearchResult>;

/** Repeated filters arrive from a query string as one value or many. */
const oneOrMany = v.optional(
  v.pipe(
    v.union([v.string(), v.array(v.string())]),
    v.transform((x) => (Array.isArray(x) ? x : [x])),
  ),
);

export const ArticleSearchQuery = v.object({
  q: v.pipe(v.string(), v.trim(), v.maxLength(200)),
  product: oneOrMany,
  contentType: oneOrMany,
  cursor: Cursor,
  limit: Limit,
});
export type ArticleSearchQuery = v.InferInput<typeof ArticleSearchQuery>;

export const Article = v.object({
  id: Id,
  title: v.string(),
  body: v.string(),
  product: v.string(),
  contentType: ContentType,
  audience: Audience,
  updatedAt: Timestamp,
  helpful: v.object({
    yes: v.pipe(v.number(), v.integer(), v.minValue(0)),
    no: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
});
export type Article = v.InferOutput<typeof Article>;

export const HelpfulFeedback = v.object({
  helpful: v.boolean(),
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000, 'must be at most 2000 characters'))),
});
export type HelpfulFeedback = v.InferInput<typeof HelpfulFeedback>;
