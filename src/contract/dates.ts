import * as v from 'valibot';

// Dates a client sends. valibot's ISO checks are regular expressions: they let 2027-02-31 through
// (JavaScript's Date rolls it over to March 3rd, PostgreSQL refuses it, which was a 500), and
// offsets such as `+05` that Date cannot read at all. A date that does not survive that round trip,
// or that falls outside years 0001-9999 (PostgreSQL has no year 0, and toISOString writes a year
// past 9999 as `+010000`, which is no longer an ISO timestamp), is refused at the boundary.
// Responses keep the plain `Timestamp`: a server writes them with toISOString, and the SDK pays nothing.

const FIRST = -62135596800000; // 0001-01-01T00:00:00.000Z
const LAST = 253402300799999; // 9999-12-31T23:59:59.999Z

/** Whether an ISO date or date-time names a real calendar day, and an instant within years 0001-9999. */
export function isRealDate(s: string): boolean {
  const t = Date.parse(s);
  const day = s.slice(0, 10);
  return t >= FIRST && t <= LAST && new Date(Date.parse(day) || 0).toISOString().startsWith(day);
}

// A date that is not real becomes '' and fails the length check. Not `v.check`, which says it more
// plainly: the SDK validates requests too, and v.check would be a valibot action of its own in the core
// chunk (+43 bytes gzip on every first load, with the page of four elements at its 52 KB budget), where
// `transform` and `minLength` already are.
const realOr = (s: string) => (isRealDate(s) ? s : '');

/** An instant in a request: ISO 8601 as valibot reads it, and real (see above). */
export const TimestampInput = v.pipe(v.string(), v.isoTimestamp(), v.transform(realOr), v.minLength(1, 'must be a real date and time, years 0001-9999'));
/** A calendar day in a request, `YYYY-MM-DD`, that exists. */
export const DayInput = v.pipe(v.string(), v.isoDate(), v.transform(realOr), v.minLength(1, 'must be a real date, years 0001-9999'));
