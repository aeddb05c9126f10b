// Fixed-window write limiter per key (user and IP). In-memory: per process, which is enough for a
// reference backend; several processes each enforce their own share.
import { HttpError } from '../problem.js';

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(readonly max: number, readonly windowMs: number) {}

  /** Counts a hit for every key; returns 0 when allowed, else the milliseconds to wait. */
  hit(keys: (string | null)[], now = Date.now()): number {
    let wait = 0;
    for (const k of keys) {
      if (!k) continue;
      let w = this.windows.get(k);
      if (!w || now - w.start >= this.windowMs) {
        w = { start: now, count: 0 };
        this.windows.set(k, w);
      }
      w.count++;
      if (w.count > this.max) wait = Math.max(wait, w.start + this.windowMs - now);
    }
    if (this.windows.size > 50_000) {
      for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    }
    return wait;
  }
}

/** Counts a write for the caller and their address; a 429 with Retry-After once either is over. */
export function enforceRateLimit(limiter: RateLimiter, userId: string | null, ip: string): void {
  const wait = limiter.hit([userId ? `u:${userId}` : null, `ip:${ip}`]);
  if (wait > 0) {
    throw new HttpError(429, 'Too Many Requests', 'Slow down a little and try again.', undefined, { 'retry-after': String(Math.ceil(wait / 1000)) });
  }
}
