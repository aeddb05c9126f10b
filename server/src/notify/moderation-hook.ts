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

/**
 * The item's own status and, for a reply or an answer, its thread's or question's: a reply in a held or
 * hidden thread carries that thread's title into notifications, emails and webhooks, so both must be published.
 */
const STATUS = {
  thread: `SELECT c.status, 'published' AS parent_status FROM threads c WHERE c.id = $1`,
  question: `SELECT c.status, 'published' AS parent_status FROM questions c WHERE c.id = $1`,
  post: `SELECT c.status, t.status AS parent_status FROM posts c JOIN threads t ON t.id = c.thread_id WHERE c.id = $1`,
  answer: `SELECT c.status, t.status AS parent_status FROM answers c JOIN questions t ON t.id = c.question_id WHERE c.id = $1`,
} satisfies Record<ContentKind, string>;

/**
 * With moderation (server/src/moderation/): only published content in a published thread or question
 * notifies. Anything else is dropped; approving a held item announces it again (moderation/announce.ts),
 * which enqueues a new job. Content deleted meanwhile is dropped too.
 */
export const publishedOnly: ModerationGate = async (q, content) => {
  const { rows } = await q.query<{ status: string; parent_status: string }>(STATUS[content.kind], [content.id]);
  return rows[0]?.status === 'published' && rows[0].parent_status === 'published' ? 'notify' : 'drop';
};
