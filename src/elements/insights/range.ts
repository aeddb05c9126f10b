/** The periods `<confab-insights>` offers, and the query each one sends. */
export const INSIGHTS_RANGES = ['7d', '30d', '90d', 'custom'] as const;
export type InsightsRangeName = (typeof INSIGHTS_RANGES)[number];

const DAY = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const isDay = (s: string | undefined): s is string => !!s && DAY_RE.test(s) && !Number.isNaN(Date.parse(s));

/**
 * The query for a range: whole UTC days, both included, ending today. Days rather than instants, so
 * that the cache key (and the server's answer) stays the same all day. A custom range needs both
 * days in order; null until it has them.
 */
export function rangeQuery(range: InsightsRangeName, now: number, from?: string, to?: string): { from: string; to: string } | null {
  if (range === 'custom') return isDay(from) && isDay(to) && from <= to ? { from, to } : null;
  const days = range === '7d' ? 7 : range === '90d' ? 90 : 30;
  return { from: dayOf(now - (days - 1) * DAY), to: dayOf(now) };
}
