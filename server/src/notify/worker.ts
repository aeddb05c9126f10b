// The outbox worker: claims due jobs with FOR UPDATE SKIP LOCKED (so several workers, in one process
// or many, never take the same job), fans each out in the claiming transaction, and on failure
// retries it with exponential backoff until it is parked after `maxAttempts`. main.ts starts one;
// tests call `drain()` to run everything due now.
import type { Db, Queryable } from '../db.js';
import { fanOut, type FanOutDeps } from './fanout.js';
import type { OutboxEvent } from './outbox.js';

export interface WorkerOptions extends FanOutDeps {
  /** Jobs per transaction. */
  batch?: number;
  maxAttempts?: number;
  /** The first retry's delay; each further one doubles it. */
  backoffMs?: number;
  pollMs?: number;
}

export interface Worker {
  /** Runs one batch of due jobs; resolves to how many it took. */
  runBatch(): Promise<number>;
  /** Runs batches until nothing is due. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

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
  const maxAttempts = o.maxAttempts ?? 6;
  const backoffMs = o.backoffMs ?? 2000;

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
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof Held)) console.error(`[confab] outbox job ${job.id} (${job.event}) failed, attempt ${attempts}: ${message}`);
      await tx.query(
        `UPDATE outbox SET attempts = $2::int, last_error = $3, status = CASE WHEN $2::int >= $4::int THEN 'parked' ELSE 'pending' END,
           run_at = now() + ($5::double precision * interval '1 millisecond') WHERE id = $1`,
        [job.id, attempts, message.slice(0, 500), maxAttempts, backoffMs * 2 ** (attempts - 1)],
      );
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

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  const tick = () => {
    running = (async () => {
      try {
        while ((await runBatch()) === batch && !stopped);
      } catch (err) {
        console.error('[confab] outbox worker:', err instanceof Error ? err.message : err);
      }
      if (!stopped) timer = setTimeout(tick, o.pollMs ?? 500);
    })();
  };

  return {
    runBatch,
    async drain() {
      let n = 0;
      for (let k; (k = await runBatch()) > 0; ) n += k;
      return n;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
