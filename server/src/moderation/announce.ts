// Live events for content and moderation. Content events go out only for published content (on
// creation, or later on approval); held content is announced as `content.held`, which the stream
// sends to moderators only (mayReceiveEvent in visibility.ts).
import type { ContentKind, ContentRef, ContentStatus } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { enqueue, type HideCause } from '../notify/outbox.js';
import { KINDS } from './content.js';

const CREATED = { thread: 'thread.created', post: 'post.created', question: 'question.created', answer: 'answer.created' } as const;
/** The notification outbox's event for a published item (notify/outbox.ts): followers, mentions, webhooks. */
const OUTBOX = { thread: 'thread.created', post: 'post.created', question: 'question.asked', answer: 'answer.created' } as const;

/** Is the thread or question a reply or answer sits in published? (A top-level item has none: true.) */
export async function parentPublished(ctx: Ctx, kind: ContentKind, parentId: string | null): Promise<boolean> {
  const parent = KINDS[kind].parent;
  if (!parent || !parentId) return true;
  const { rows } = await ctx.q.query<{ status: string }>(`SELECT status FROM ${parent.table} WHERE id = $1`, [parentId]);
  return rows[0]?.status === 'published';
}

/**
 * Announces a new (or newly approved) item: its `*.created` event when published, `content.held` when held.
 * A published reply or answer in a held or hidden thread or question is announced to no one: its
 * `*.created` would tell everyone that the thread exists (and the outbox would carry its title).
 */
export async function announceContent(ctx: Ctx, kind: ContentKind, id: string, parentId: string | null, category: string, status: ContentStatus) {
  if (status === 'published') {
    if (!(await parentPublished(ctx, kind, parentId))) return;
    await ctx.emit({ type: CREATED[kind], id, parentId, category });
    // Notifications and webhooks start here too, in the same transaction: on creation, or on approval of a held item.
    await enqueue(ctx.q, { event: OUTBOX[kind], id });
  }
  else if (status === 'held') await announceModeration(ctx, { type: 'content.held' }, { kind, id }, parentId, category);
  else await announceModeration(ctx, { type: 'content.hidden', by: null, cause: 'screen' }, { kind, id }, parentId, category);
}

/** Which moderation event: a report (with the flag's id), a hold, or a hide (its cause, and the moderator who hid it or null). */
export type ModerationEvent = { type: 'flag.created'; flagId: string } | { type: 'content.held' } | { type: 'content.hidden'; by: string | null; cause: HideCause };

/**
 * A moderation event about an item: to the moderators' live queue, and through the outbox to their
 * notifications and to the webhooks subscribed to it (notify/moderation-fanout.ts), in the same transaction.
 */
export async function announceModeration(ctx: Ctx, e: ModerationEvent, ref: ContentRef, parentId: string | null, category: string) {
  await ctx.emit({ type: e.type, id: ref.id, parentId, category, kind: ref.kind });
  if (e.type === 'flag.created') await enqueue(ctx.q, { event: 'flag.created', id: e.flagId });
  else if (e.type === 'content.held') await enqueue(ctx.q, { event: 'content.held', kind: ref.kind, id: ref.id, at: Date.now() });
  else await enqueue(ctx.q, { event: 'content.hidden', kind: ref.kind, id: ref.id, at: Date.now(), by: e.by, cause: e.cause });
}
