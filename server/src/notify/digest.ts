// Queues the daily and weekly digest mails. A digest period ends at `hour` UTC (daily) or at that
// hour on `weekday` (weekly); its key ('daily:2026-12-05') is the delivery's event_key, so the
// unique (channel, recipient, event_key) makes one digest per recipient and period however many
// processes run this at once, and however often. The email sender then gathers the notifications
// (created up to the period's end, not in a digest yet) when it sends. A notification that commits
// after its period's digest went out simply waits for the next one.
import type { Db } from '../db.js';
import { modeSql } from './preferences.js';

export interface DigestOptions {
  hour: number;
  weekday: number;
  /** How often the job looks for a due digest. */
  everyMs?: number;
}

export interface DigestJob {
  /** Queues the digests of the periods that ended last before `now`; returns how many were queued. */
  queueDue(now?: Date): Promise<number>;
  /**
   * Demo mode only (POST /api/demo/digests): queues daily and weekly digests for a period ending
   * `now`, so a newcomer or an end-to-end test sees a digest without waiting for the digest hour.
   * Its keys ('daily:now:<instant>') never collide with a scheduled period's.
   */
  queueNow(now?: Date): Promise<number>;
  start(): void;
  stop(): void;
}

const DAY = 86_400_000;

/** The last end of a daily (or weekly) period at or before `now`. */
export function periodEnd(now: Date, mode: 'daily' | 'weekly', hour: number, weekday: number): Date {
  let end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour);
  if (end > now.getTime()) end -= DAY;
  if (mode === 'weekly') while (new Date(end).getUTCDay() !== weekday) end -= DAY;
  return new Date(end);
}

export function createDigestJob(db: Db, o: DigestOptions): DigestJob {
  let timer: ReturnType<typeof setInterval> | undefined;
  const queue = (mode: 'daily' | 'weekly', now: Date) => {
    const end = periodEnd(now, mode, o.hour, o.weekday);
    return queuePeriod(mode, end, `${mode}:${end.toISOString().slice(0, 10)}`);
  };
  const queuePeriod = async (mode: 'daily' | 'weekly', end: Date, key: string) => {
    // Two periods back at most: late commits of the last period are caught, while a partner who
    // switches to a digest does not get months of old notifications in their first one.
    const since = new Date(end.getTime() - 2 * (mode === 'weekly' ? 7 * DAY : DAY));
    const { rows } = await db.query(
      `INSERT INTO deliveries (id, channel, recipient, event_key, event, payload)
       SELECT 'msg_' || md5('email|' || r.recipient_id || '|' || $1::text), 'email', r.recipient_id, $1::text, 'digest',
              jsonb_build_object('mode', $2::text, 'cutoff', $3::text, 'since', $4::text)
       FROM (SELECT DISTINCT n.recipient_id FROM notifications n JOIN people p ON p.id = n.recipient_id
             WHERE n.digest_key IS NULL AND n.created_at <= $3::timestamptz AND n.created_at > $4::timestamptz AND p.mail_to IS NOT NULL
               AND ${modeSql('n.recipient_id', 'n.type')} = $2::text) r
       ON CONFLICT (channel, recipient, event_key) DO NOTHING
       RETURNING id`,
      [key, mode, end.toISOString(), since.toISOString()],
    );
    return rows.length;
  };
  const queueDue = async (now = new Date()) => (await queue('daily', now)) + (await queue('weekly', now));
  const queueNow = async (now = new Date()) =>
    (await queuePeriod('daily', now, `daily:now:${now.toISOString()}`)) + (await queuePeriod('weekly', now, `weekly:now:${now.toISOString()}`));
  return {
    queueDue,
    queueNow,
    start() {
      if (timer) return;
      const run = () => queueDue().catch((err: unknown) => console.error('[confab] digest job:', err instanceof Error ? err.message : err));
      void run();
      timer = setInterval(run, o.everyMs ?? 5 * 60_000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
