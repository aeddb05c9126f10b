// The fan-out of the moderation events (issue 14): a report (`flag.created`), an item awaiting review
// (`content.held`) and an item hidden (`content.hidden`) reach moderators and vendor staff as in-app
// notifications (and emails, per their preferences), and the webhooks subscribed to these events.
// Partners never get them: the recipients are chosen by role here, and the read side
// (notificationShown in moderation/visibility.ts) checks the role again, so a moderator who lost
// the role stops seeing them.
import { MODERATION_EVENT_TYPES, type NotificationType, type WebhookEvent } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import { MODERATOR_ROLES_SQL } from '../moderation/visibility.js';
import { deliver, queueWebhooks, type FanOutDeps, type Recipients } from './deliver.js';
import type { NotifyVerdict } from './moderation-hook.js';
import type { ModerationOutboxEvent, OutboxEvent } from './outbox.js';
import { contentSource, type Source } from './sources.js';

// The contract's list, the one the live stream filters by (mayReceiveEvent); the outbox's moderation
// events must be exactly those (checked by the types below).
const MODERATION_EVENTS: readonly string[] = MODERATION_EVENT_TYPES;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameEvents: Same<ModerationOutboxEvent['event'], (typeof MODERATION_EVENT_TYPES)[number]> = true;
void sameEvents;

export const isModerationEvent = (e: OutboxEvent): e is ModerationOutboxEvent => MODERATION_EVENTS.includes(e.event);

/** Every moderator and staff member, but not `$11` (the moderator who acted, when one did). */
const moderators = (type: NotificationType, except: string | null): Recipients => ({
  type,
  sql: `SELECT id AS person_id FROM people WHERE roles && ${MODERATOR_ROLES_SQL} AND id IS DISTINCT FROM $11::text`,
  params: [except],
  // A moderator who muted a category still has to hear of the reports in it.
  ignoreMutes: true,
});

interface Plan {
  source: Source;
  type: NotificationType;
  webhook: WebhookEvent;
  /** The moderator who acted, who is not told of it. */
  except: string | null;
  /** The event's own fields in the webhook payload. */
  more: Record<string, unknown>;
}

async function plan(q: Queryable, e: ModerationOutboxEvent): Promise<Plan | null> {
  if (e.event === 'flag.created') {
    const { rows } = await q.query<{ target_kind: 'thread' | 'post' | 'question' | 'answer'; target_id: string; flagger_id: string; reason: string }>(
      `SELECT target_kind, target_id, flagger_id, reason FROM flags WHERE id = $1`,
      [e.id],
    );
    const f = rows[0];
    const source = f && (await contentSource(q, f.target_kind, f.target_id, () => `flag:${e.id}`, f.flagger_id));
    return source ? { source, type: 'flag_created', webhook: 'flag.created', except: null, more: { flagId: e.id, reason: f.reason } } : null;
  }
  const held = e.event === 'content.held';
  const source = await contentSource(q, e.kind, e.id, (r) => `${held ? 'held' : 'hidden'}:${e.kind}:${r.id}:${e.at}`);
  if (!source) return null;
  return held
    ? { source, type: 'content_held', webhook: 'content.held', except: null, more: { status: 'held' } }
    : { source, type: 'content_hidden', webhook: 'content.hidden', except: e.by, more: { status: 'hidden', by: hideCause(e) } };
}

/** The event's cause; an event queued before causes were recorded has only `by` to go on. */
const hideCause = (e: Extract<ModerationOutboxEvent, { event: 'content.hidden' }>) => e.cause ?? (e.by ? 'moderator' : 'reports');

/** Content deleted before the worker came: nothing to tell. */
export async function fanOutModeration(q: Queryable, e: ModerationOutboxEvent, deps: FanOutDeps): Promise<NotifyVerdict> {
  const p = await plan(q, e);
  if (!p) return 'drop';
  await deliver(q, p.source, [moderators(p.type, p.except)], deps);
  await queueWebhooks(q, p.webhook, p.source, p.more);
  return 'notify';
}
