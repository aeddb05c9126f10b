// The outbox worker: claims due jobs with FOR UPDATE SKIP LOCKED (so several workers, in one process
// or many, never take the same job), fans each out in the claiming transaction, and on failure
// retries it with exponential backoff until it is parked after `maxAttempts`. main.ts starts one;
// tests call `drain()` to run everything due now.
import type { Db, Queryable } from '../db.js';
import { fanOut, type FanOutDeps } from './fanout.js';
import type { OutboxEvent } from './outbox.js';
import { jobLoop, retryOrPark, type JobLoop } from './job-loop.js';

export interface WorkerOptions extends FanOutDeps {
  /** Jobs per transaction. */
  batch?: number;
  maxAttempts?: number;
  /** The first retry's delay; each further one doubles it. */
  backoffMs?: number;
  pollMs?: number;
}

export type Worker = JobLoop;

interface JobRow {
  id: string | number;
  event: OutboxEvent['event'];
  payload: Record<string, unknown>;
  attempts: number;
}

/** A job the moderation hook holds back: retried later like a failure. */
class Held extends Error {}

export function createOutboxWorker(db: Db, o: WorkerOptions): Worker {
  const batch = o.batch ?? 50;
  const policy = { maxAttempts: o.maxAttempts ?? 6, backoffMs: o.backoffMs ?? 2000 };

  const runJob = async (tx: Queryable, job: JobRow) => {
    const payload = typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload;
    const e = { event: job.event, ...payload } as OutboxEvent;
    await tx.query('SAVEPOINT outbox_job');
    try {
      const verdict = await fanOut(tx, e, o);
      if (verdict === 'hold') throw new Held('held by moderation');
      await tx.query(`UPDATE outbox SET status = 'done', attempts = attempts + 1, last_error = NULL WHERE id = $1`, [job.id]);
      await tx.query('RELEASE SAVEPOINT outbox_job');
    } catch (err) {
      await tx.query('ROLLBACK TO SAVEPOINT outbox_job');
      const attempts = Number(job.attempts) + 1;
      if (!(err instanceof Held))
        console.error(`[confab] outbox job ${job.id} (${job.event}) failed, attempt ${attempts}: ${err instanceof Error ? err.message : String(err)}`);
      await retryOrPark(tx, policy, { table: 'outbox', id: job.id, attempts, error: err, setAttempts: true });
    }
  };

  const runBatch = () =>
    db.transaction(async (tx) => {
      const { rows } = await tx.query<JobRow>(
        `SELECT id, event, payload, attempts FROM outbox WHERE status = 'pending' AND run_at <= now()
         ORDER BY run_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      for (const job of rows) await runJob(tx, job);
      return rows.length;
    });

  return jobLoop('outbox worker', runBatch, { batch, pollMs: o.pollMs ?? 500 });
}
