import { DAY } from './fixtures.js';

/** The few statistics the insights use, as PostgreSQL computes them (`percentile_cont`), so both backends agree. */

/** The p-quantile with linear interpolation between ranks (`percentile_cont`); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

/** part / whole, null when there is no whole. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The mean, null for no values. */
export const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** Rounds for display-grade figures without losing what a test compares (hours to 0.01, rates to 0.0001). */
export const round = (n: number | null, digits: number): number | null => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/** Monday 00:00 UTC of the week containing `ms`. */
export function weekStart(ms: number): number {
  const d = new Date(ms);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
}

/** The Mondays of every week that overlaps [from, to). */
export function weeksOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let w = weekStart(from); w < to; w += 7 * DAY) out.push(w);
  return out;
}

export const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
