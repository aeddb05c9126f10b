import * as v from 'valibot';

/** Opaque identifier. The server decides the format; clients never parse it. */
export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** ISO 8601 instant as produced by `Date.prototype.toISOString()`. */
export const Timestamp = v.pipe(v.string(), v.isoTimestamp());

/** Partner tiers, lowest first. Audience filtering compares positions in this list. */
export const TIERS = ['registered', 'silver', 'gold', 'platinum'] as const;
export const Tier = v.picklist(TIERS);
export type Tier = v.InferOutput<typeof Tier>;

/** Roles a vendor portal may put in the token. `moderator` may act on anyone's content. */
export const ROLES = ['sales', 'technical', 'marketing', 'vendor-staff', 'moderator'] as const;
export const Role = v.picklist(ROLES);
export type Role = v.InferOutput<typeof Role>;

/** Plain-text title: never parsed as HTML. */
export const Title = v.pipe(v.string(), v.trim(), v.minLength(3, 'must be at least 3 characters'), v.maxLength(200, 'must be at most 200 characters'));

/** Markdown body: becomes DOM only through core/markdown. 50 KB at most. */
export const MarkdownBody = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxBytes(50 * 1024, 'must be at most 50 KB'));

export const Tag = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40));
export const Tags = v.pipe(v.array(Tag), v.maxLength(5, 'at most 5 tags'));

/** The author of a piece of content, as shown next to it. */
export const Author = v.object({
  id: Id,
  name: v.string(),
  orgName: v.nullable(v.string()),
  avatarUrl: v.nullable(v.string()),
});
export type Author = v.InferOutput<typeof Author>;

/** A cursor-paged list: pass `nextCursor` back as `cursor` for the next page; null when done. */
export const page = <T extends v.GenericSchema>(item: T) =>
  v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const Cursor = v.optional(v.pipe(v.string(), v.maxLength(512)));
/**
 * Query-string integer: arrives as text ("20"), leaves as a number; typed callers may pass a number.
 * Named so that the OpenAPI document can describe it once, as the `integer` it is on the wire.
 */
export const QueryInteger = v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number))]);
/** Page size, 1 to 100. */
export const Limit = v.optional(v.pipe(QueryInteger, v.integer(), v.minValue(1), v.maxValue(100)));

/** The query of the further-pages endpoints (replies, answers): where to go on, and how many. */
export const PageQuery = v.object({ cursor: Cursor, limit: Limit });
export type PageQuery = v.InferInput<typeof PageQuery>;

/** Acknowledgement for writes that return nothing else. */
export const Ok = v.object({ ok: v.literal(true) });
export type Ok = v.InferOutput<typeof Ok>;

/**
 * Where a piece of content stands. `held` waits for a moderator (watched word, new partner, or
 * before a first approval); `hidden` was hidden by a moderator or by enough flags. Both are shown
 * only to the author (with a notice) and to moderators and vendor staff; everyone else never sees
 * them, nor counts them.
 */
export const CONTENT_STATUSES = ['published', 'held', 'hidden'] as const;
export const ContentStatus = v.picklist(CONTENT_STATUSES);
export type ContentStatus = v.InferOutput<typeof ContentStatus>;

/**
 * A content item's `status` in a response: `published` when a backend sends none (servers and
 * adapters from before moderation, or backends without it), so adopting a newer SDK breaks nothing.
 */
export const ContentStatusField = v.optional(ContentStatus, 'published');
/** `locked` and `pinned` in a response: false when a backend sends none, for the same reason. */
export const FlagField = v.optional(v.boolean(), false);

/** The kinds of content a partner can report and a moderator can act on. */
export const CONTENT_KINDS = ['thread', 'post', 'question', 'answer'] as const;
export const ContentKind = v.picklist(CONTENT_KINDS);
export type ContentKind = v.InferOutput<typeof ContentKind>;
