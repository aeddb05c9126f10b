// The period an insights request asks about, and the one of equal length before it. Periods are whole
// UTC days (an instant is widened to its day), so that the per-day search rollup covers exactly the
// same span as the row-level metrics.
import { HttpError } from '../../problem.js';

const DAY = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 731;
const FIRST_DAY = Date.parse('0001-01-01T00:00:00Z');
const LAST_END = Date.parse('9999-12-31T00:00:00Z');

export interface Period {
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  /** The current period's weeks, by their Monday (`YYYY-MM-DD`). */
  weeks: string[];
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const floorDay = (ms: number) => Math.floor(ms / DAY) * DAY;
const ceilDay = (ms: number) => Math.ceil(ms / DAY) * DAY;

/** The Monday (UTC) of the week holding `ms`, as `YYYY-MM-DD`: the key trends use, as `date_trunc('week')` does. */
export function weekOf(ms: number): string {
  const day = floorDay(ms);
  const dow = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day - dow * DAY).toISOString().slice(0, 10);
}

export function periodOf(query: { from?: string; to?: string }, now = Date.now()): Period {
  const bad = (detail: string) => new HttpError(400, 'Bad Request', detail, [{ path: 'from', message: detail }]);
  // A day as `to` includes that day; an instant as `to` ends the period at the end of its day.
  const to = query.to ? (isDay(query.to) ? Date.parse(query.to) + DAY : ceilDay(Date.parse(query.to))) : floorDay(now) + DAY;
  const from = query.from ? floorDay(Date.parse(query.from)) : to - DEFAULT_DAYS * DAY;
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw bad('`from` and `to` must be dates.');
  if (from >= to) throw bad('`from` must be before `to`.');
  if (to - from > MAX_DAYS * DAY) throw bad(`The period may span at most ${MAX_DAYS} days.`);
  const len = to - from;
  // Every bound goes to PostgreSQL and into the response through toISOString, which writes a year
  // before 0001 or after 9999 as `0000-…`, `-000001-…` or `+010000-…`: PostgreSQL refuses the first
  // two (no year 0) and none is an ISO timestamp. So the previous period starts on 0001-01-01 at the
  // earliest and the period ends (exclusive) by 9999-12-31T00:00Z, i.e. `to` is 9999-12-30 at the latest.
  if (from - len < FIRST_DAY) throw bad('The period before `from`, of the same length, must start on 0001-01-01 or later.');
  if (to > LAST_END) throw new HttpError(400, 'Bad Request', '`to` must be 9999-12-30 or earlier.', [{ path: 'to', message: 'must be 9999-12-30 or earlier' }]);
  const weeks: string[] = [];
  for (let w = Date.parse(weekOf(from)); w < to; w += 7 * DAY) weeks.push(new Date(w).toISOString().slice(0, 10));
  return { from: new Date(from), to: new Date(to), previousFrom: new Date(from - len), previousTo: new Date(from), weeks };
}

/** How a period is read from the weekly rollups of migration 015: whole weeks (by their Monday) and the days at its edges. */
export interface Chunks {
  weeks: string[];
  days: string[];
}

/**
 * The parameters of a query over whole weeks and edge days, in this order: $1–$2 and $3–$4 the whole
 * weeks of the previous and of the current period as ranges of Mondays (empty when a period has none),
 * $5 the current period's first day, $6 the edge days. Ranges and not a list of weeks: a 24-element
 * `= ANY` was tested against each of 78k rows of the weekly search rollup.
 */
export function chunkParams(p: Pick<Period, 'previousFrom' | 'from' | 'to'>): unknown[] {
  const { weeks, days } = chunksOf(p);
  const from = p.from.toISOString().slice(0, 10);
  const range = (ws: string[]) => (ws.length ? [ws[0], next(ws[ws.length - 1])] : [from, from]);
  return [...range(weeks.filter((w) => w < from)), ...range(weeks.filter((w) => w >= from)), from, days];
}
const next = (monday: string) => new Date(Date.parse(monday) + 7 * DAY).toISOString().slice(0, 10);
/** The condition on a weekly rollup's `week` column that chunkParams' $1–$4 stand for. */
export const WHOLE_WEEKS = `((week >= $1::date AND week < $2::date) OR (week >= $3::date AND week < $4::date))`;

/**
 * The previous and the current period (each on its own, so that no week straddles `from`) as the
 * weeks that lie wholly inside them and the days left over: at most six at each end.
 */
export function chunksOf(p: Pick<Period, 'previousFrom' | 'from' | 'to'>): Chunks {
  const weeks: string[] = [], days: string[] = [];
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (const [a, b] of [[p.previousFrom.getTime(), p.from.getTime()], [p.from.getTime(), p.to.getTime()]]) {
    for (let d = a; d < b;) {
      if (new Date(d).getUTCDay() === 1 && d + 7 * DAY <= b) { weeks.push(iso(d)); d += 7 * DAY; }
      else { days.push(iso(d)); d += DAY; }
    }
  }
  return { weeks, days };
}
