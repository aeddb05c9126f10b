// THE place where moderation decides whether content may notify anyone (issue 13 leaves it to the
// moderation branch). The worker asks once per outbox event, before any fan-out (notifications,
// emails, webhooks):
//   'notify' — go ahead;
//   'hold'   — the content awaits review: the job is retried later (with the worker's backoff, and
//              parked after the last attempt; a release should re-enqueue it with notify/outbox.ts);
//   'drop'   — never notify (rejected or deleted content): the job is done without any delivery.
import type { Queryable } from '../db.js';
import type { ContentKind } from './outbox.js';

export type NotifyVerdict = 'notify' | 'hold' | 'drop';

export type ModerationGate = (q: Queryable, content: { kind: ContentKind; id: string }) => Promise<NotifyVerdict>;

/** Without moderation everything published may notify. */
export const allowEverything: ModerationGate = async () => 'notify';

const TABLE = { thread: 'threads', post: 'posts', question: 'questions', answer: 'answers' } as const;

/**
 * With moderation (server/src/moderation/): only published content notifies. Held or hidden content is
 * dropped; approving a held item announces it again (moderation/announce.ts), which enqueues a new job.
 * Content deleted meanwhile is dropped too.
 */
export const publishedOnly: ModerationGate = async (q, content) => {
  const { rows } = await q.query<{ status: string }>(`SELECT status FROM ${TABLE[content.kind]} WHERE id = $1`, [content.id]);
  return rows[0]?.status === 'published' ? 'notify' : 'drop';
};
