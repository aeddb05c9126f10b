// Live events for content and moderation. Content events go out only for published content (on
// creation, or later on approval); held content is announced as `content.held`, which the stream
// sends to moderators only (mayReceiveEvent in visibility.ts).
import type { ContentKind, ContentRef, ContentStatus } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { enqueue } from '../notify/outbox.js';
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
  else if (status === 'held') await ctx.emit({ type: 'content.held', id, parentId, category, kind });
  else await ctx.emit({ type: 'content.hidden', id, parentId, category, kind });
}

/** A moderation event about an item (a flag, or an item hidden): for the moderators' queue. */
export async function announceModeration(ctx: Ctx, type: 'flag.created' | 'content.held' | 'content.hidden', ref: ContentRef, parentId: string | null, category: string) {
  await ctx.emit({ type, id: ref.id, parentId, category, kind: ref.kind });
}
