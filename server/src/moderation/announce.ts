// Live events for content and moderation. Content events go out only for published content (on
// creation, or later on approval); held content is announced as `content.held`, which the stream
// sends to moderators only (mayReceiveEvent in visibility.ts).
import type { ContentKind, ContentRef, ContentStatus } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';

const CREATED = { thread: 'thread.created', post: 'post.created', question: 'question.created', answer: 'answer.created' } as const;

/** Announces a new (or newly approved) item: its `*.created` event when published, `content.held` when held. */
export async function announceContent(ctx: Ctx, kind: ContentKind, id: string, parentId: string | null, category: string, status: ContentStatus) {
  if (status === 'published') await ctx.emit({ type: CREATED[kind], id, parentId, category });
  else if (status === 'held') await ctx.emit({ type: 'content.held', id, parentId, category, kind });
  else await ctx.emit({ type: 'content.hidden', id, parentId, category, kind });
}

/** A moderation event about an item (a flag, or an item hidden): for the moderators' queue. */
export async function announceModeration(ctx: Ctx, type: 'flag.created' | 'content.held' | 'content.hidden', ref: ContentRef, parentId: string | null, category: string) {
  await ctx.emit({ type, id: ref.id, parentId, category, kind: ref.kind });
}
