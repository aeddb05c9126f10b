// What the outbox worker (worker.ts) and the delivery worker (delivery-worker.ts) share: the polling
// loop that runs batches while they come back full and then waits, `drain()` for tests, a clean
// `stop()`, and the retry rule (exponential backoff, parked after `maxAttempts`). Each worker keeps
// only its own claim (the outbox fans out inside the claiming transaction; deliveries lease rows and
// send outside it) and its own bookkeeping.
import type { Queryable } from '../db.js';

/** A worker as main.ts and the tests drive it. */
export interface JobLoop {
  /** Runs one batch of due jobs; resolves to how many it took. */
  runBatch(): Promise<number>;
  /** Runs batches until nothing is due; resolves to how many jobs ran. */
  drain(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the batch on its way. */
  stop(): Promise<void>;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** The first retry's delay; each further one doubles it. */
  backoffMs: number;
}

/** Polls `runBatch` every `pollMs` (at once again while batches come back full). `name` is for the log. */
export function jobLoop(name: string, runBatch: () => Promise<number>, o: { batch: number; pollMs: number }): JobLoop {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  const tick = () => {
    running = (async () => {
      try {
        while ((await runBatch()) === o.batch && !stopped);
      } catch (err) {
        console.error(`[confab] ${name}:`, err instanceof Error ? err.message : err);
      }
      if (!stopped) timer = setTimeout(tick, o.pollMs);
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

export interface Failure {
  /** The job table: both have id, status, attempts, last_error and run_at. */
  table: 'outbox' | 'deliveries';
  id: string | number;
  /** The attempt that failed (1 for the first). */
  attempts: number;
  error: unknown;
  /** Set `attempts` to this value (the outbox counts here; deliveries count when they claim). */
  setAttempts: boolean;
  /** Only while the row still has this `attempts` (the claim is still ours). */
  onlyIfAttempts?: boolean;
  /** Further assignments, e.g. `last_status = $6`, with their parameters from $6 on. */
  extra?: { set: string; params: unknown[] };
}

/**
 * Records a failed attempt: pending again after the backoff, or parked once `maxAttempts` failed.
 * Resolves to the new status, or undefined when the row was no longer ours.
 */
export async function retryOrPark(q: Queryable, policy: RetryPolicy, f: Failure): Promise<'parked' | 'pending' | undefined> {
  const message = f.error instanceof Error ? f.error.message : String(f.error);
  const sets = [
    f.setAttempts ? 'attempts = $2::int' : '',
    'last_error = $3',
    `status = CASE WHEN $2::int >= $4::int THEN 'parked' ELSE 'pending' END`,
    `run_at = now() + ($5::double precision * interval '1 millisecond')`,
    f.extra?.set ?? '',
  ].filter(Boolean);
  const { rows } = await q.query<{ status: 'parked' | 'pending' }>(
    `UPDATE ${f.table} SET ${sets.join(', ')} WHERE id = $1${f.onlyIfAttempts ? ' AND attempts = $2::int' : ''} RETURNING status`,
    [f.id, f.attempts, message.slice(0, 500), policy.maxAttempts, policy.backoffMs * 2 ** (f.attempts - 1), ...(f.extra?.params ?? [])],
  );
  return rows[0]?.status;
}
