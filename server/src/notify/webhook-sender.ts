// Sends one webhook delivery, signed per Standard Webhooks (https://www.standardwebhooks.com):
// `webhook-id` (the same on every retry and every redelivery of the event: the spec's idempotency key),
// `webhook-timestamp` (seconds, of this attempt) and `webhook-signature`
// (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the endpoint's `whsec_` secret). The
// request goes through the verifier's SSRF-safe fetcher. The secret is stored sealed when
// CONFAB_KEY_SECRET is set (webhook-secrets.ts).
import { createHmac } from 'node:crypto';
import type { Queryable } from '../db.js';
import { KeySealError } from '../seal/seal.js';
import { isoTimeSql } from '../text.js';
import type { DeliveryRow, Sender } from './delivery-worker.js';
import { SendError } from './delivery-worker.js';
import { webhookSecretOf } from './webhook-secrets.js';

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export type Post = (url: string, req: { headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

/** A webhook's plain secret; a row that cannot be unsealed fails this attempt (retried with backoff), with the reason in the log. */
function secretOf(stored: string, keySecret: string | undefined, d: DeliveryRow): string {
  try {
    return webhookSecretOf(stored, keySecret);
  } catch (e) {
    if (!(e instanceof KeySealError)) throw e;
    // A configuration fault (CONFAB_KEY_SECRET missing or another in this process, a damaged row): the
    // operator reads why in the log, the delivery log says so too. The message never holds a secret.
    console.error(`[confab] webhook ${d.recipient}, delivery ${d.id}: ${e.message}`);
    throw new SendError(`not sent: ${e.message}`);
  }
}

/** Sends webhook deliveries through `post`, signing with secrets unsealed with `keySecret` (config.keySecret). */
export function webhookSender(post: Post, keySecret?: string): Sender {
  return async (q: Queryable, d: DeliveryRow) => {
    // A redelivery is a row of its own (handlers/webhooks.ts) but the same event: the first row's id.
    const msgId = d.redelivery_of ?? d.id;
    // The body's `timestamp` is the event's (Standard Webhooks: "when the event occurred, not
    // necessarily when it was delivered"): when its first delivery was queued, so every retry and
    // redelivery sends the same body; only `webhook-timestamp` is the attempt's.
    const { rows } = await q.query<{ url: string; secret: string; event_at: string | null }>(
      `SELECT w.url, w.secret, ${isoTimeSql('o.created_at')} AS event_at FROM webhooks w LEFT JOIN deliveries o ON o.id = $2 WHERE w.id = $1`,
      [d.recipient, msgId],
    );
    // The endpoint was removed meanwhile: nothing to send (its pending deliveries went with it).
    if (!rows[0]) return { status: null };
    const secret = secretOf(rows[0].secret, keySecret, d);
    const timestamp = Math.floor(Date.now() / 1000);
    const eventAt = rows[0].event_at ?? new Date(timestamp * 1000).toISOString();
    const body = JSON.stringify({ type: d.event, timestamp: eventAt, data: d.payload });
    const res = await post(rows[0].url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'confab-webhooks/1',
        'webhook-id': msgId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(secret, msgId, timestamp, body),
      },
      body,
    });
    if (res.status < 200 || res.status >= 300) throw new SendError(`the endpoint answered ${res.status}`, res.status);
    return { status: res.status };
  };
}
