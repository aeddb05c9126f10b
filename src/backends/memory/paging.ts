import type { Page } from '../../contract/index.js';
import { badRequest } from './errors.js';

export const DEFAULT_PAGE = 20;

/** Offset cursors: opaque to callers, a number to us. */
export function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d{1,9}$/.test(cursor)) throw badRequest(`Invalid cursor "${cursor.slice(0, 40)}".`);
  return Number(cursor);
}

export function paginate<T>(items: readonly T[], cursor: string | undefined, limit: number): Page<T> {
  const start = offsetOf(cursor);
  const end = start + limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}
