// Sends what the fan-out queued in `deliveries` (webhook calls; the table's unique key per
// (channel, recipient, event) means nothing is queued twice). A worker claims due rows with
// FOR UPDATE SKIP LOCKED and leases them (run_at moves past the send's longest time) in one short
// transaction, then sends outside it: two workers never send the same row, and a worker that dies
// mid-send leaves the row to be retried when the lease ends. Failures are retried with exponential
// backoff and parked after `maxAttempts`.
import type { Db, Queryable } from '../db.js';
import { jobLoop, retryOrPark, type JobLoop } from './job-loop.js';

export interface DeliveryRow {
  id: string;
  channel: string;
  recipient: string;
  /** What the unique key is about: a source event, a notification, or a digest period. */
  event_key: string;
  event: string;
  payload: unknown;
  attempts: number;
  /** A redelivery's first delivery of the same event (migration 023); null for that first one. */
  redelivery_of: string | null;
}

/** Sends one row; throws (a SendError with the status when there was an answer) to retry. */
export type Sender = (q: Queryable, d: DeliveryRow) => Promise<{ status: number | null }>;

export class SendError extends Error {
  constructor(message: string, readonly status: number | null = null) {
    super(message);
  }
}

export interface DeliveryWorkerOptions {
  senders: Record<string, Sender>;
  batch?: number;
  maxAttempts?: number;
  backoffMs?: number;
  /** How long a claimed row is left alone while it is being sent. */
  leaseMs?: number;
  pollMs?: number;
}

export type DeliveryWorker = JobLoop;

export function createDeliveryWorker(db: Db, o: DeliveryWorkerOptions): DeliveryWorker {
  const batch = o.batch ?? 20;
  const policy = { maxAttempts: o.maxAttempts ?? 8, backoffMs: o.backoffMs ?? 5000 };
  const leaseMs = o.leaseMs ?? 60_000;
  const channels = Object.keys(o.senders);

  const claim = () =>
    db.transaction(async (tx) => {
      const { rows } = await tx.query<DeliveryRow>(
        `UPDATE deliveries SET attempts = attempts + 1, run_at = now() + ($2::double precision * interval '1 millisecond')
         WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND run_at <= now() AND channel = ANY($3::text[])
                      ORDER BY run_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id, channel, recipient, event_key, event, payload, attempts, redelivery_of`,
        [batch, leaseMs, channels],
      );
      return rows;
    });

  const send = async (d: DeliveryRow) => {
    const payload = typeof d.payload === 'string' ? JSON.parse(d.payload) : d.payload;
    try {
      const r = await o.senders[d.channel](db, { ...d, payload });
      // `attempts = $3`: only while this worker still holds the claim (a lease that ran out was claimed again).
      await db.query(`UPDATE deliveries SET status = 'delivered', delivered_at = now(), last_status = $2, last_error = NULL WHERE id = $1 AND attempts = $3`, [
        d.id, r.status, d.attempts,
      ]);
    } catch (err) {
      // Counted when claimed; recorded only while this worker still holds the claim.
      const status = await retryOrPark(db, policy, {
        table: 'deliveries',
        id: d.id,
        attempts: Number(d.attempts),
        error: err,
        setAttempts: false,
        onlyIfAttempts: true,
        extra: { set: 'last_status = $6', params: [err instanceof SendError ? err.status : null] },
      });
      // A parked digest lets go of the notifications it claimed, so that the next digest mails them.
      if (status === 'parked' && d.event === 'digest') {
        await db.query(`UPDATE notifications SET digest_key = NULL WHERE recipient_id = $1 AND digest_key = $2`, [d.recipient, d.event_key]);
      }
    }
  };

  const runBatch = async () => {
    const rows = await claim();
    await Promise.all(rows.map(send));
    return rows.length;
  };

  return jobLoop('delivery worker', runBatch, { batch, pollMs: o.pollMs ?? 1000 });
}
