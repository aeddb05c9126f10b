// Small conversions shared by the insights queries: database numbers (pg returns bigint and numeric as
// text) to JSON numbers, rates that are null when there is nothing to divide, hours to two decimals.
import type { Comparison } from '../../../../src/contract/index.js';

export const num = (x: unknown): number => Number(x ?? 0);
export const orNull = (x: unknown): number | null => (x == null ? null : Number(x));
export const hours = (x: unknown): number | null => (x == null ? null : Math.round(Number(x) * 100) / 100);
export function rate(numerator: unknown, denominator: unknown): number | null {
  const n = Number(numerator ?? 0), d = Number(denominator ?? 0);
  return d > 0 ? Math.min(1, Math.max(0, n / d)) : null;
}
export const compare = (current: number | null, previous: number | null): Comparison => ({ current, previous });
/** The period's parameters in the order every query takes them: $1 previous start, $2 current start, $3 end. */
export const periodParams = (p: { previousFrom: Date; from: Date; to: Date }) => [p.previousFrom.toISOString(), p.from.toISOString(), p.to.toISOString()];
/** The same, as UTC days (`YYYY-MM-DD`), for the per-day rollups of migration 012: periods are whole days. */
export const dayParams = (p: { previousFrom: Date; from: Date; to: Date }) => periodParams(p).map((iso) => iso.slice(0, 10));
