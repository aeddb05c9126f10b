// The write side of notifications: handlers call these inside their own transaction, so the outbox
// row (and the author's auto-follow) commits with the post or not at all. The fan-out to followers
// happens later, in the worker (worker.ts), so a reply costs the same with 0 or 10,000 followers.
import type { Queryable } from '../db.js';

/** What a write records for the worker. `id` is the thread, post, question or answer concerned. */
export type OutboxEvent =
  | { event: 'thread.created'; id: string }
  | { event: 'post.created'; id: string }
  | { event: 'question.asked'; id: string }
  | { event: 'answer.created'; id: string }
  | { event: 'answer.accepted'; id: string; actorId: string }
  /** A body was edited: only its (new) mentions notify, and a person already notified of it is not again. */
  | { event: 'content.edited'; kind: ContentKind; id: string }
  | ModerationOutboxEvent
  | ExpertOutboxEvent;

/**
 * Moderation events (issue 14), for moderators and vendor staff and the webhooks subscribed to them
 * (notify/moderation-fanout.ts). `id` is the flag for `flag.created`, else the content item. `at`
 * (ms) tells apart a second hold or hide of the same item; `by` is the moderator who hid it (null when
 * reports or the screen did), who needs no notification of their own act. `cause` says what hid it,
 * for the webhook's `by`: it cannot be told from `by`, which is null both for reports and for content
 * hidden at creation by the screen (watched words).
 */
export type ModerationOutboxEvent =
  | { event: 'flag.created'; id: string }
  | { event: 'content.held'; kind: ContentKind; id: string; at: number }
  | { event: 'content.hidden'; kind: ContentKind; id: string; at: number; by: string | null; cause?: HideCause };

/**
 * Vendor staff (`by`) asked the experts `recipients` to answer question `id` at `at` (ms); they were
 * chosen in the request (notify/experts.ts), so its response can say how many.
 */
export type ExpertOutboxEvent = { event: 'experts.requested'; id: string; by: string; at: number; recipients: string[] };

/** What hid an item: a moderator, enough reports, or the screen at creation. (Optional: events queued before it existed.) */
export type HideCause = 'moderator' | 'reports' | 'screen';

export type ContentKind = 'thread' | 'post' | 'question' | 'answer';

export async function enqueue(q: Queryable, e: OutboxEvent): Promise<void> {
  const { event, ...payload } = e;
  await q.query(`INSERT INTO outbox (event, payload) VALUES ($1, $2::jsonb)`, [event, JSON.stringify(payload)]);
}

/**
 * Starting or answering a topic watches it, unless the person has a follow or a mute of it already
 * (an earlier mute stays a mute).
 */
export async function autoFollow(q: Queryable, personId: string, kind: 'thread' | 'question', id: string): Promise<void> {
  await q.query(
    `INSERT INTO follows (person_id, kind, target_id, level, auto) VALUES ($1, $2, $3, 'watching', true) ON CONFLICT DO NOTHING`,
    [personId, kind, id],
  );
}
