// The delivery step shared by every fan-out (fanout.ts for content, moderation-fanout.ts for
// moderation): in-app notifications to the recipients (one INSERT … SELECT however many), the live
// signal for their bells, their immediate emails, and the webhook deliveries.
import type { NotificationType, WebhookEvent } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import { excerpt } from '../text.js';
import type { ModerationGate } from './moderation-hook.js';
import { modeSql } from './preferences.js';
import type { Source } from './sources.js';

/** Who may be notified, as SQL selecting `person_id`; $-parameters from 11 on are the recipe's own. */
export interface Recipients {
  type: NotificationType;
  sql: string;
  params: unknown[];
  /**
   * Deliver whatever the recipient muted: a moderation duty (a report, a held or hidden item) is not
   * silenced by a personal mute of the topic, its category or a tag; only the preference `off` stops it.
   */
  ignoreMutes?: boolean;
}

export interface FanOutDeps {
  gate: ModerationGate;
  /** NOTIFY channel on which the bells of the recipients hear of their new notifications. */
  userChannel: string;
}

/** Never the actor; never someone who muted the topic, its category or one of its tags (unless `ignoreMutes`), or turned the type off. */
const INSERT = (recipients: string, ignoreMutes: boolean) => `
  INSERT INTO notifications (id, recipient_id, event_key, type, actor_id, target_kind, target_id, target_title, post_id, excerpt)
  SELECT 'n_' || md5($1::text || '|' || r.person_id), r.person_id, $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text
  FROM (SELECT DISTINCT person_id FROM (${recipients}) x) r
  WHERE r.person_id <> $3
    AND (${ignoreMutes} OR NOT EXISTS (SELECT 1 FROM follows m WHERE m.person_id = r.person_id AND m.level = 'muted'
      AND ((m.kind = $4::text AND m.target_id = $5::text) OR (m.kind = 'category' AND m.target_id = $9::text) OR (m.kind = 'tag' AND m.target_id = ANY($10::text[])))))
    AND NOT EXISTS (SELECT 1 FROM notification_preferences np WHERE np.person_id = r.person_id AND np.type = $2 AND np.mode = 'off')
  ON CONFLICT (recipient_id, event_key) DO NOTHING
  RETURNING id, recipient_id`;

/** A NOTIFY payload stays under PostgreSQL's 8000 bytes: recipients go out in chunks. */
const CHUNK = 100;

/** In-app notifications of `s` to the recipients of each recipe, the live signal for their bells, and their immediate emails. */
export async function deliver(q: Queryable, s: Source, recipes: (Recipients | null)[], deps: FanOutDeps): Promise<void> {
  const common = [s.key, '', s.actorId, s.target.kind, s.target.id, s.target.title, s.target.postId, excerpt(s.body, 160), s.category, s.tags];
  const created: { id: string; recipient_id: string }[] = [];
  for (const r of recipes) {
    if (!r) continue;
    const params = [...common];
    params[1] = r.type;
    const { rows } = await q.query<{ id: string; recipient_id: string }>(INSERT(r.sql, r.ignoreMutes === true), [...params, ...r.params]);
    created.push(...rows);
  }
  for (let i = 0; i < created.length; i += CHUNK) {
    const chunk = created.slice(i, i + CHUNK).map((n) => [n.recipient_id, n.id]);
    await q.query('SELECT pg_notify($1, $2)', [deps.userChannel, JSON.stringify(chunk)]);
  }
  if (created.length) await queueImmediateEmails(q, created.map((n) => n.id));
}

/** An email delivery per new notification whose recipient wants mail at once and has a verified address. */
async function queueImmediateEmails(q: Queryable, ids: string[]): Promise<void> {
  await q.query(
    `INSERT INTO deliveries (id, channel, recipient, event_key, event, payload)
     SELECT 'msg_' || md5('email|' || n.recipient_id || '|' || n.id), 'email', n.recipient_id, n.id, 'notification', jsonb_build_object('notificationId', n.id)
     FROM notifications n JOIN people p ON p.id = n.recipient_id
     WHERE n.id = ANY($1::text[]) AND p.mail_to IS NOT NULL AND ${modeSql('n.recipient_id', 'n.type')} = 'email'
     ON CONFLICT (channel, recipient, event_key) DO NOTHING`,
    [ids],
  );
}

/**
 * One delivery per subscribed endpoint; the unique key makes a retried fan-out add none twice. `more`
 * adds fields of the event's own (a moderation event's reason and status).
 */
export async function queueWebhooks(q: Queryable, event: WebhookEvent, s: Source, more: Record<string, unknown> = {}): Promise<void> {
  const data = { id: s.content.id, kind: s.content.kind, topic: { kind: s.target.kind, id: s.target.id, title: s.target.title }, actorId: s.actorId, category: s.category, tags: s.tags, ...more };
  await q.query(
    `INSERT INTO deliveries (id, channel, recipient, event_key, event, payload)
     SELECT 'msg_' || md5('webhook|' || w.id || '|' || $1::text), 'webhook', w.id, $1::text, $2::text, $3::jsonb FROM webhooks w WHERE $2::text = ANY(w.events)
     ON CONFLICT (channel, recipient, event_key) DO NOTHING`,
    [s.key, event, JSON.stringify(data)],
  );
}
