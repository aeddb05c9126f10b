import type { InsightsQuery } from '../../contract/index.js';
import { DAY } from './fixtures.js';
import { badRequest } from './errors.js';

/** A period and the one of equal length just before it, as epoch milliseconds: `from` included, `to` excluded. */
export interface Period { from: number; to: number; previousFrom: number; previousTo: number }

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 731;

/**
 * The contract's reading of `from` and `to`: days are UTC and both included (so `to` means the end of
 * that day), instants are taken as they are (`to` excluded). No `to`: now. No `from`: 30 days before `to`.
 */
export function periodOf(query: InsightsQuery, now: number): Period {
  const to = query.to ? Date.parse(query.to) + (DAY_ONLY.test(query.to) ? DAY : 0) : now;
  const from = query.from ? Date.parse(query.from) : to - 30 * DAY;
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw badRequest('from and to must be dates (YYYY-MM-DD) or ISO instants.');
  if (from >= to) throw badRequest('from must be before to.');
  if (to - from > MAX_DAYS * DAY) throw badRequest(`The period may cover at most ${MAX_DAYS} days.`);
  return { from, to, previousFrom: from - (to - from), previousTo: from };
}
