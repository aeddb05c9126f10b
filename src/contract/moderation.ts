import * as v from 'valibot';
import { TimestampInput } from './dates.js';
import { Author, CONTENT_KINDS, ContentKind, ContentStatus, Cursor, Id, Limit, Timestamp, page } from './common.js';

/** One piece of content: `{ kind: "post", id }`. */
export const ContentRef = v.object({ kind: ContentKind, id: Id });
export type ContentRef = v.InferOutput<typeof ContentRef>;

/** What a moderation action applies to: content, or a person (`suspend`, `unsuspend`). */
export const MODERATION_TARGET_KINDS = [...CONTENT_KINDS, 'person'] as const;
export const ModerationTargetKind = v.picklist(MODERATION_TARGET_KINDS);
export type ModerationTargetKind = v.InferOutput<typeof ModerationTargetKind>;
export const ModerationTarget = v.object({ kind: ModerationTargetKind, id: Id });
export type ModerationTarget = v.InferOutput<typeof ModerationTarget>;

export const FLAG_REASONS = ['spam', 'off-topic', 'inappropriate', 'other'] as const;
export const FlagReason = v.picklist(FLAG_REASONS);
export type FlagReason = v.InferOutput<typeof FlagReason>;

/** A partner's note to the moderators: plain text. */
const Note = v.pipe(v.string(), v.trim(), v.maxLength(500, 'must be at most 500 characters'));

/** `POST /v1/flags`: report content. Each person can flag an item once. */
export const NewFlag = v.object({ target: ContentRef, reason: FlagReason, note: v.optional(Note) });
export type NewFlag = v.InferInput<typeof NewFlag>;

/** A report as stored. */
export const Flag = v.object({
  id: Id,
  target: ContentRef,
  reason: FlagReason,
  note: v.nullable(v.string()),
  createdAt: Timestamp,
});
export type Flag = v.InferOutput<typeof Flag>;

/** Why an item is in the queue without flags: a watched word with `hold`, or a new partner's first posts. */
export const HOLD_REASONS = ['watched-word', 'new-partner', 'flags', 'moderator'] as const;
export const HoldReason = v.picklist(HOLD_REASONS);
export type HoldReason = v.InferOutput<typeof HoldReason>;

/** One item of the moderation queue, with enough context to decide without opening it. */
export const QueueItem = v.object({
  target: ContentRef,
  status: ContentStatus,
  /** The thread's or question's title; for a post or answer, the title of its thread or question. */
  title: v.string(),
  /** Plain text, about 200 characters, cut from the body. */
  excerpt: v.string(),
  author: Author,
  /** For a post or answer: the thread or question it belongs to. */
  parent: v.nullable(ContentRef),
  /** Distinct reasons given by the open flags, most frequent first. */
  reasons: v.array(FlagReason),
  /** Open (undecided) flags. */
  flagCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The partners' notes on the open flags. */
  notes: v.array(v.string()),
  /** Why it is held, when it is held; null when it is only flagged. */
  heldReason: v.nullable(HoldReason),
  createdAt: Timestamp,
  firstFlaggedAt: v.nullable(Timestamp),
  lastFlaggedAt: v.nullable(Timestamp),
  /**
   * A thread's locked and pinned state, so the queue offers Lock or Unlock, Pin or Unpin. Absent for
   * other kinds, and from servers older than it (the queue then offers both directions).
   */
  locked: v.optional(v.boolean()),
  pinned: v.optional(v.boolean()),
});
export type QueueItem = v.InferOutput<typeof QueueItem>;
export const QueuePage = page(QueueItem);
export type QueuePage = v.InferOutput<typeof QueuePage>;

export const QUEUE_FILTERS = ['all', 'flagged', 'held'] as const;
export const QueueFilter = v.picklist(QUEUE_FILTERS);
export type QueueFilter = v.InferOutput<typeof QueueFilter>;
export const QueueQuery = v.object({
  /** `flagged`: has open flags; `held`: status held or hidden awaiting a decision; `all` (default): both. */
  filter: v.optional(QueueFilter),
  reason: v.optional(FlagReason),
  cursor: Cursor,
  limit: Limit,
});
export type QueueQuery = v.InferInput<typeof QueueQuery>;

export const MODERATION_ACTIONS = ['approve', 'hide', 'delete', 'lock', 'unlock', 'pin', 'unpin', 'suspend', 'unsuspend'] as const;
export const ModerationActionName = v.picklist(MODERATION_ACTIONS);
export type ModerationActionName = v.InferOutput<typeof ModerationActionName>;

/**
 * `POST /v1/moderation/actions`. `approve` publishes and closes the open flags; `hide` hides;
 * `lock`/`unlock` and `pin`/`unpin` apply to threads; `suspend`/`unsuspend` to a person
 * (`until` is when a suspension ends; without it, it lasts until `unsuspend`).
 */
export const ModerationActionRequest = v.object({
  target: ModerationTarget,
  action: ModerationActionName,
  until: v.optional(TimestampInput),
  reason: v.optional(Note),
});
export type ModerationActionRequest = v.InferInput<typeof ModerationActionRequest>;

export const WATCHED_WORD_ACTIONS = ['block', 'hold'] as const;
export const WatchedWordAction = v.picklist(WATCHED_WORD_ACTIONS);
export type WatchedWordAction = v.InferOutput<typeof WatchedWordAction>;
/** A word or phrase, matched case-insensitively on word boundaries in titles and bodies. */
export const WatchedWord = v.object({
  pattern: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100, 'must be at most 100 characters')),
  action: WatchedWordAction,
});
export type WatchedWord = v.InferOutput<typeof WatchedWord>;
/** The whole list: `PUT` replaces it. */
export const WatchedWords = v.object({ items: v.pipe(v.array(WatchedWord), v.maxLength(500, 'at most 500 watched words')) });
export type WatchedWords = v.InferOutput<typeof WatchedWords>;

/** The moderation-relevant state of a target, before or after an action. Only what applies is set. */
export const ModerationState = v.object({
  status: v.optional(ContentStatus),
  locked: v.optional(v.boolean()),
  pinned: v.optional(v.boolean()),
  deleted: v.optional(v.boolean()),
  /** For a person: suspended until then; null when not suspended. */
  suspendedUntil: v.optional(v.nullable(Timestamp)),
  /** For `set-watched-words`: the list. */
  watchedWords: v.optional(v.array(WatchedWord)),
});
export type ModerationState = v.InferOutput<typeof ModerationState>;

/** What the audit log records: the moderator actions, and the system's own (three flags hide, watched words changed). */
export const AUDIT_ACTIONS = [...MODERATION_ACTIONS, 'auto-hide', 'set-watched-words'] as const;
export const AuditAction = v.picklist(AUDIT_ACTIONS);
export type AuditAction = v.InferOutput<typeof AuditAction>;

/** One line of the audit trail: who did what to what, when, why, and the state before and after. */
export const AuditEntry = v.object({
  id: Id,
  /** Who acted; null when the system did (e.g. enough flags hid the item). */
  actor: v.nullable(Author),
  action: AuditAction,
  /** What it applied to; null for `set-watched-words`. */
  target: v.nullable(ModerationTarget),
  reason: v.nullable(v.string()),
  before: ModerationState,
  after: ModerationState,
  at: Timestamp,
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;
export const AuditLogPage = page(AuditEntry);
export type AuditLogPage = v.InferOutput<typeof AuditLogPage>;
export const AuditLogQuery = v.object({
  targetKind: v.optional(ModerationTargetKind),
  targetId: v.optional(Id),
  cursor: Cursor,
  limit: Limit,
});
export type AuditLogQuery = v.InferInput<typeof AuditLogQuery>;

/** One earlier version of edited content; moderators read them. */
export const Revision = v.object({
  id: Id,
  target: ContentRef,
  editor: Author,
  /** The title before the edit, for threads and questions; null otherwise. */
  title: v.nullable(v.string()),
  /** The body before the edit (Markdown). */
  body: v.string(),
  editedAt: Timestamp,
});
export type Revision = v.InferOutput<typeof Revision>;
export const RevisionList = v.object({ items: v.array(Revision) });
export type RevisionList = v.InferOutput<typeof RevisionList>;
export const RevisionQuery = v.object({ kind: ContentKind, id: Id });
export type RevisionQuery = v.InferInput<typeof RevisionQuery>;
