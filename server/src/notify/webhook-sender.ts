// Sends one webhook delivery, signed per Standard Webhooks (https://www.standardwebhooks.com):
// `webhook-id` (the same on every retry), `webhook-timestamp` (seconds) and `webhook-signature`
// (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the endpoint's `whsec_` secret). The
// request goes through the verifier's SSRF-safe fetcher.
import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../db.js';
import type { DeliveryRow, Sender } from './delivery-worker.js';
import { SendError } from './delivery-worker.js';

export const newWebhookSecret = () => 'whsec_' + randomBytes(24).toString('base64');

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export type Post = (url: string, req: { headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

export function webhookSender(post: Post): Sender {
  return async (q: Queryable, d: DeliveryRow) => {
    const { rows } = await q.query<{ url: string; secret: string }>(`SELECT url, secret FROM webhooks WHERE id = $1`, [d.recipient]);
    // The endpoint was removed meanwhile: nothing to send (its pending deliveries went with it).
    if (!rows[0]) return { status: null };
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: d.event, timestamp: new Date(timestamp * 1000).toISOString(), data: d.payload });
    const res = await post(rows[0].url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'confab-webhooks/1',
        'webhook-id': d.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(rows[0].secret, d.id, timestamp, body),
      },
      body,
    });
    if (res.status < 200 || res.status >= 300) throw new SendError(`the endpoint answered ${res.status}`, res.status);
    return { status: res.status };
  };
}
