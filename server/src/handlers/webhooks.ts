// Webhook endpoints and their delivery logs: vendor staff only.
import type { CreatedWebhook, Webhook, WebhookDelivery, WebhookEvent } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { cursorKind, decodeKeyCursor, encodeKeyCursor, keysetPage, seekTime } from '../cursor.js';
import { newWebhookSecret, storedWebhookSecret } from '../notify/webhook-secrets.js';
import { forbidden, HttpError, notFound } from '../problem.js';
import type { SeekRow } from '../rows.js';
import { iso, isoOrNull, newId } from '../text.js';
import { needUser } from './common.js';

function needStaff(ctx: Ctx) {
  const u = needUser(ctx);
  if (!u.roles.includes('vendor-staff')) throw forbidden('Only vendor staff manage webhooks.');
  return u;
}

interface WebhookRow {
  id: string;
  url: string;
  events: WebhookEvent[];
  created_at: unknown;
}
const webhook = (r: WebhookRow): Webhook => ({ id: r.id, url: r.url, events: r.events, createdAt: iso(r.created_at) });

export async function createWebhook(ctx: Ctx<'createWebhook'>): Promise<CreatedWebhook> {
  const u = needStaff(ctx);
  const secret = newWebhookSecret();
  // Stored sealed with CONFAB_KEY_SECRET; the plain secret is in this response only.
  const { rows } = await ctx.q.query<WebhookRow>(
    `INSERT INTO webhooks (id, url, events, secret, created_by) VALUES ($1, $2, $3::text[], $4, $5) RETURNING id, url, events, created_at`,
    [newId('wh'), ctx.body.url, [...new Set(ctx.body.events)], storedWebhookSecret(secret, ctx.config.keySecret), u.id],
  );
  return { ...webhook(rows[0]), secret };
}

export async function listWebhooks(ctx: Ctx<'listWebhooks'>) {
  needStaff(ctx);
  const { rows } = await ctx.q.query<WebhookRow>(`SELECT id, url, events, created_at FROM webhooks ORDER BY created_at DESC, id`);
  return { items: rows.map(webhook) };
}

export async function deleteWebhook(ctx: Ctx<'deleteWebhook'>): Promise<void> {
  needStaff(ctx);
  const { rows } = await ctx.q.query(`DELETE FROM webhooks WHERE id = $1 RETURNING id`, [ctx.params.id]);
  if (!rows[0]) throw notFound('The webhook');
  await ctx.q.query(`DELETE FROM deliveries WHERE channel = 'webhook' AND recipient = $1 AND status = 'pending'`, [ctx.params.id]);
}

const DELIVERIES = cursorKind('deliveries', ['time', 'id']);

interface DeliveryLogRow extends SeekRow {
  id: string;
  redelivery_of: string | null;
  event: WebhookDelivery['event'];
  status: WebhookDelivery['status'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: unknown;
  delivered_at: unknown;
}

const LOG_COLUMNS = 'id, redelivery_of, event, status, attempts, last_status, last_error, created_at, delivered_at';

const logEntry = (r: Omit<DeliveryLogRow, 'seek_at'>): WebhookDelivery => ({
  id: r.id, redeliveryOf: r.redelivery_of, event: r.event, status: r.status, attempts: Number(r.attempts),
  lastStatus: r.last_status == null ? null : Number(r.last_status), lastError: r.last_error, createdAt: iso(r.created_at), deliveredAt: isoOrNull(r.delivered_at),
});

export async function listWebhookDeliveries(ctx: Ctx<'listWebhookDeliveries'>) {
  needStaff(ctx);
  const { rows: hook } = await ctx.q.query(`SELECT id FROM webhooks WHERE id = $1`, [ctx.params.id]);
  if (!hook[0]) throw notFound('The webhook');
  const key = decodeKeyCursor(DELIVERIES, ctx.query.cursor);
  const limit = typeof ctx.query.limit === 'number' ? ctx.query.limit : 20;
  const params: unknown[] = [ctx.params.id, limit + 1];
  const seek = key ? `AND (created_at, id) < ($${params.push(key[0])}::timestamptz, $${params.push(key[1])}::text)` : '';
  const { rows } = await ctx.q.query<DeliveryLogRow>(
    `SELECT ${LOG_COLUMNS}, ${seekTime('created_at')} AS seek_at
     FROM deliveries WHERE channel = 'webhook' AND recipient = $1 ${seek} ORDER BY created_at DESC, id DESC LIMIT $2`,
    params,
  );
  return keysetPage(
    rows,
    limit,
    logEntry,
    (r) => encodeKeyCursor(DELIVERIES, [r.seek_at, r.id]),
  );
}

/**
 * Queues a delivered or parked delivery's event again for the same endpoint.
 *
 * A new row rather than the parked one reset: the log then shows what happened (the old row keeps the
 * attempts and the error that made it park, the new one starts from 0 and ends delivered or parked on
 * its own), and a row once delivered or parked never goes back to pending, so no worker's claim on it
 * (a lease that ran out) can meet a row reset under it. The new row carries the first delivery's id in
 * `redelivery_of`; the sender signs with that id as `webhook-id` (migration 023).
 */
export async function redeliverWebhookDelivery(ctx: Ctx<'redeliverWebhookDelivery'>): Promise<WebhookDelivery> {
  needStaff(ctx);
  const { rows: hook } = await ctx.q.query(`SELECT id FROM webhooks WHERE id = $1`, [ctx.params.id]);
  if (!hook[0]) throw notFound('The webhook');
  // Only this webhook's deliveries: another webhook's delivery id is a 404 here, like an unknown one.
  const { rows: found } = await ctx.q.query<{ id: string; redelivery_of: string | null }>(
    `SELECT id, redelivery_of FROM deliveries WHERE id = $1 AND channel = 'webhook' AND recipient = $2`,
    [ctx.params.deliveryId, ctx.params.id],
  );
  const d = found[0];
  if (!d) throw notFound('The delivery');
  // A redelivery of a redelivery repeats the event's first delivery: one webhook-id per event. The
  // statement inserts nothing while the first delivery is pending (queued, or claimed and being sent)
  // or while a redelivery of the event is (the unique index of migration 023, which settles two
  // requests at once, also from two processes); a pending row is always one of those two.
  const id = newId('msg');
  const { rows } = await ctx.q.query<DeliveryLogRow>(
    `INSERT INTO deliveries (id, channel, recipient, event_key, event, payload, redelivery_of)
     SELECT $1::text, o.channel, o.recipient, 'redelivery|' || $1::text, o.event, o.payload, o.id FROM deliveries o WHERE o.id = $2::text AND o.status <> 'pending'
     ON CONFLICT (redelivery_of) WHERE status = 'pending' DO NOTHING
     RETURNING ${LOG_COLUMNS}`,
    [id, d.redelivery_of ?? d.id],
  );
  if (!rows[0]) throw new HttpError(409, 'Conflict', 'This delivery, or a redelivery of its event, is still waiting or being sent.');
  return logEntry(rows[0]);
}
