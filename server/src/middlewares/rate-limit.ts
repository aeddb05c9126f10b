// Write limits kept in the database (table rate_limits, migration 006), so that every server process
// on one PostgreSQL counts against the same limit: two processes behind one address never double it.
// Each counter is a fixed window that starts at its first hit, keyed by the rule and by who is
// counted (a user or an address); one upsert per write counts and reads every counter at once.
import type { LimitRule } from '../config.js';
import type { Queryable } from '../db.js';
import { HttpError } from '../problem.js';

/** One counter to hit: who (e.g. `u:<id>`, `ip:<addr>`) under which rule. */
export interface LimitHit {
  who: string;
  rule: LimitRule;
}

/** Expired counters are removed now and then, on about one write in this many. */
const PRUNE_ONE_IN = 200;

export class RateLimiter {
  constructor(private readonly db: Queryable) {}

  /** Counts a hit on every counter; returns 0 when all are within their rule, else the milliseconds to wait. */
  async hit(hits: LimitHit[], now = Date.now()): Promise<number> {
    if (!hits.length) return 0;
    // The rule is part of the key, so different limits on one person never share a counter. Sorted,
    // so that concurrent writers lock the rows in the same order.
    const keyed = hits.map((h) => ({ ...h, key: `${h.rule.max}/${h.rule.windowMs}:${h.who}` })).sort((a, b) => a.key.localeCompare(b.key));
    const { rows } = await this.db.query<{ key: string; hits: number; window_end: Date | string }>(
      `INSERT INTO rate_limits AS r (key, window_start, window_end, hits)
       SELECT k, $2::timestamptz, $2::timestamptz + make_interval(secs => w / 1000.0), 1
       FROM unnest($1::text[], $3::float8[]) AS u(k, w)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.window_end <= $2::timestamptz THEN 1 ELSE r.hits + 1 END,
         window_start = CASE WHEN r.window_end <= $2::timestamptz THEN EXCLUDED.window_start ELSE r.window_start END,
         window_end = CASE WHEN r.window_end <= $2::timestamptz THEN EXCLUDED.window_end ELSE r.window_end END
       RETURNING key, hits, window_end`,
      [keyed.map((k) => k.key), new Date(now).toISOString(), keyed.map((k) => k.rule.windowMs)],
    );
    if (Math.random() * PRUNE_ONE_IN < 1) await this.db.query(`DELETE FROM rate_limits WHERE window_end < $1::timestamptz`, [new Date(now).toISOString()]);
    let wait = 0;
    for (const r of rows) {
      const rule = keyed.find((k) => k.key === r.key)!.rule;
      if (Number(r.hits) > rule.max) wait = Math.max(wait, new Date(r.window_end).getTime() - now);
    }
    return wait;
  }
}

/** A 429 with Retry-After once any counter is over its rule. */
export async function enforceLimits(limiter: RateLimiter, hits: LimitHit[], detail = 'Slow down a little and try again.'): Promise<void> {
  const wait = await limiter.hit(hits);
  if (wait > 0) {
    throw new HttpError(429, 'Too Many Requests', detail, undefined, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
  }
}

/** Counts a write for the caller and their address under the general write limit. */
export function enforceRateLimit(limiter: RateLimiter, rule: LimitRule, userId: string | null, ip: string): Promise<void> {
  return enforceLimits(limiter, [...(userId ? [{ who: `u:${userId}`, rule }] : []), { who: `ip:${ip}`, rule }]);
}
