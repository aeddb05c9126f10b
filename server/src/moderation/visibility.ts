// Who sees what. Held and hidden content is shown only to its author and to moderators; it never
// appears in lists, counts, search, similar questions or the live stream. Every read path asks here.
import type { ContentStatus, LiveEvent, Role } from '../../../src/contract/index.js';
import { MODERATION_EVENT_TYPES, MODERATION_NOTIFICATION_TYPES } from '../../../src/contract/index.js';
import type { User } from '../auth.js';

/**
 * THE roles that moderate: the token check (mayModerate), the stored-roles checks in SQL (moderatorSql
 * here, the recipients of notify/moderation-fanout.ts) all read this one list, so they cannot disagree.
 */
export const MODERATOR_ROLES = ['moderator', 'vendor-staff'] as const satisfies readonly Role[];

/** MODERATOR_ROLES as an SQL text[] literal, for `roles && …` on stored people. */
export const MODERATOR_ROLES_SQL = `ARRAY[${MODERATOR_ROLES.map((r) => `'${r}'`).join(', ')}]::text[]`;

/** The moderation notification types as an SQL list, for `type IN …` (from the contract's one list). */
export const MODERATION_TYPES_SQL = `(${MODERATION_NOTIFICATION_TYPES.map((t) => `'${t}'`).join(', ')})`;

/** Moderators and vendor staff run the queue, act on content and see everything. */
export const mayModerate = (u: User | null): boolean => !!u && MODERATOR_ROLES.some((r) => u.roles.includes(r));

/** May this caller open this one item (a GET by id)? Everyone else gets 404, as if it did not exist. */
export const mayRead = (u: User | null, authorId: string, status: ContentStatus): boolean =>
  status === 'published' || u?.id === authorId || mayModerate(u);

/** What mayRead looks at, of an item or of the thread or question it belongs to. */
export interface Readable {
  authorId: string;
  status: ContentStatus;
}

/**
 * May this caller open this item? THE check of every path that finds a reply or an answer by its own id
 * (votes, reports, edits, deletes) and of the questions' CSAT: a reply or an answer is only as visible
 * as its thread or question, so a published answer in a hidden question does not exist for someone
 * who may not read the question (404, as for an unknown id; never a 403 that confirms it is there).
 * `parent` is null for a thread or a question.
 */
export const mayReadItem = (u: User | null, item: Readable, parent: Readable | null): boolean =>
  mayRead(u, item.authorId, item.status) && (parent === null || mayRead(u, parent.authorId, parent.status));

/** SQL condition for lists, counts, search and similar questions: published content only, for everyone. */
export const listedOnly = (alias: string) => `${alias}.status = 'published'`;

/**
 * SQL condition for the replies of a thread and the answers of a question: published ones, plus the
 * caller's own (so an author sees "awaiting review" under their reply), and all of them for moderators.
 */
export function shownInTopic(alias: string, u: User | null, params: unknown[]): string {
  return readableBy(alias, u, params);
}

/** mayRead as an SQL condition on the row `alias` (its `status` and `author_id`) for the caller `u`. */
export function readableBy(alias: string, u: User | null, params: unknown[]): string {
  if (mayModerate(u)) return 'TRUE';
  if (!u) return listedOnly(alias);
  return `(${listedOnly(alias)} OR ${alias}.author_id = $${params.push(u.id)})`;
}

/** Published, or written by the person in column `personCol` (an author still sees their own held item). */
const publishedOr = (alias: string, personCol: string) => `(${listedOnly(alias)} OR ${alias}.author_id = ${personCol})`;

/** SQL: is the person in column `person` a moderator or vendor staff (by the roles of their last request)? */
const moderatorSql = (person: string) =>
  `EXISTS (SELECT 1 FROM people mp WHERE mp.id = ${person} AND mp.roles && ${MODERATOR_ROLES_SQL})`;

/**
 * SQL condition for a stored notification (alias `n`) at read and send time: its thread or question, and
 * the reply or answer it is about, still exist and are published or the recipient's own. Notifications
 * store a title and an excerpt; without this a hide or a delete would leave them showing in the bell,
 * in the unread count and in a digest mailed days later. (Moderators get no exception here: the same
 * rule for the list, the count, the live stream and the emails keeps them in agreement.)
 * The moderation notifications (a report, a held or hidden item) are about unpublished content by
 * nature: they show while the recipient is still a moderator and the content still exists.
 */
export function notificationShown(n: string): string {
  const r = `${n}.recipient_id`;
  /** `cond(alias)` says which rows of the topic and item tables count. */
  type Cond = (alias: string) => string;
  const topic = (table: string, cond: Cond) => `EXISTS (SELECT 1 FROM ${table} vt WHERE vt.id = ${n}.target_id AND ${cond('vt')})`;
  const item = (table: string, cond: Cond) => `(${n}.post_id IS NULL OR EXISTS (SELECT 1 FROM ${table} vi WHERE vi.id = ${n}.post_id AND ${cond('vi')}))`;
  const shown = (cond: Cond) =>
    `(CASE ${n}.target_kind WHEN 'thread' THEN ${topic('threads', cond)} AND ${item('posts', cond)} ELSE ${topic('questions', cond)} AND ${item('answers', cond)} END)`;
  return `(CASE WHEN ${n}.type IN ${MODERATION_TYPES_SQL} THEN ${moderatorSql(r)} AND ${shown(() => 'TRUE')} ELSE ${shown((a) => publishedOr(a, r))} END)`;
}

const moderationEvents: readonly string[] = MODERATION_EVENT_TYPES;

/**
 * THE filter for anything that pushes events to people: the SSE stream (routes/events.ts) uses it,
 * and notifications and webhooks must too. Content events (`thread.created`, …) are only ever
 * emitted for published content (handlers emit them on publish, or on approval); moderation events
 * (`flag.created`, `content.held`, `content.hidden`) go only to moderators and vendor staff.
 */
export function mayReceiveEvent(e: LiveEvent, u: User | null): boolean {
  return moderationEvents.includes(e.type) ? mayModerate(u) : true;
}
