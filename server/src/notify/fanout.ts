// The worker's fan-out of one outbox event: in-app notifications to the people concerned (one
// INSERT … SELECT however many followers), the live signal for their bells, and the webhook
// deliveries. Runs inside the worker's transaction: all of it commits with the job marked done.
import { mentionedIds, type NotificationType, type WebhookEvent } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import { deliver, queueWebhooks, type FanOutDeps, type Recipients } from './deliver.js';
import type { NotifyVerdict } from './moderation-hook.js';
import { fanOutModeration, isModerationEvent } from './moderation-fanout.js';
import type { ExpertOutboxEvent, ModerationOutboxEvent, OutboxEvent } from './outbox.js';
import { fanOutExpertRequest } from './expert-fanout.js';
import { loadSource, type Source } from './sources.js';

export type { FanOutDeps } from './deliver.js';

const topicWatchers = (type: NotificationType): Recipients => ({
  type,
  sql: `SELECT person_id FROM follows WHERE kind = $4 AND target_id = $5 AND level = 'watching'`,
  params: [],
});
const placeWatchers: Recipients = {
  type: 'new_topic',
  sql: `SELECT person_id FROM follows WHERE level = 'watching' AND ((kind = 'category' AND target_id = $9) OR (kind = 'tag' AND target_id = ANY($10::text[])))`,
  params: [],
};
const these = (type: NotificationType, ids: string[]): Recipients | null =>
  ids.length ? { type, sql: `SELECT id AS person_id FROM people WHERE id = ANY($11::text[])`, params: [ids] } : null;

/** Mentions first: a post that mentions a follower notifies them once, as a mention. */
function recipesFor(e: Exclude<OutboxEvent, ModerationOutboxEvent | ExpertOutboxEvent>, s: Source): (Recipients | null)[] {
  const mentions = these('mention', mentionedIds(s.body));
  switch (e.event) {
    case 'thread.created':
    case 'question.asked':
      return [mentions, placeWatchers];
    case 'post.created':
      return [mentions, topicWatchers('reply')];
    case 'answer.created':
      return [mentions, topicWatchers('answer')];
    case 'answer.accepted':
      return [these('accepted', [s.authorId])];
    case 'content.edited':
      return [mentions];
  }
}

/** The webhook event an outbox event is published as, if any. */
const WEBHOOK_EVENT: Partial<Record<OutboxEvent['event'], WebhookEvent>> = {
  'thread.created': 'thread.created',
  'post.created': 'post.created',
  'question.asked': 'question.asked',
  'answer.accepted': 'answer.accepted',
};

export async function fanOut(q: Queryable, e: OutboxEvent, deps: FanOutDeps): Promise<NotifyVerdict> {
  // Moderation events are about held and hidden content by nature: they skip the gate, and go to moderators only.
  if (isModerationEvent(e)) return fanOutModeration(q, e, deps);
  // Expert requests go to the experts chosen when staff asked.
  if (e.event === 'experts.requested') return fanOutExpertRequest(q, e, deps);
  const s = await loadSource(q, e);
  if (!s) return 'drop';
  const verdict = await deps.gate(q, s.content);
  if (verdict !== 'notify') return verdict;
  await deliver(q, s, recipesFor(e, s), deps);
  const hook = WEBHOOK_EVENT[e.event];
  if (hook) await queueWebhooks(q, hook, s);
  return 'notify';
}

