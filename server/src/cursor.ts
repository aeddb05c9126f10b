// Opaque page cursors. A keyset cursor carries the sort key of the last row a page showed, so the next
// page seeks past it (an index range scan, stable when rows are added above); an offset cursor is left
// only for relevance-ranked search. Both are base64url JSON, checked field by field on the way back in:
// a cursor is client input, and a bad one must be a 400 naming `cursor`, never a database error.
import { HttpError } from './problem.js';

/** The JSON types a key part may hold; `time` is an ISO timestamp with microseconds (see `seekTime`). */
interface PartTypes {
  int: number;
  time: string;
  id: string;
  bool: boolean;
}
export type PartName = keyof PartTypes;

/** The key values of a cursor kind, tuple for tuple: ['int', 'id'] gives [number, string]. */
export type Key<P extends readonly PartName[]> = { -readonly [I in keyof P]: P[I] extends PartName ? PartTypes[P[I]] : never };

/**
 * One list in one sort order. `tag` is written into the cursor, so a cursor made for one list or sort
 * is refused by another (the same key means something else there).
 */
export interface CursorKind<P extends readonly PartName[]> {
  tag: string;
  parts: P;
}

export const cursorKind = <const P extends readonly PartName[]>(tag: string, parts: P): CursorKind<P> => ({ tag, parts });

const INT4 = 2 ** 31;
// What `seekTime` selects: the ISO form with all six fractional digits, in UTC.
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
// Ids are compared as text parameters; anything printable is harmless, control characters (NUL
// above all, which PostgreSQL refuses in text) are not ids this server makes.
const ID = /^[^\p{Cc}]{1,200}$/u;

/** A real instant: the regex alone would let 2026-02-31 through to PostgreSQL, which would throw. */
function validTime(s: string): boolean {
  if (!TIME.test(s)) return false;
  const ms = s.slice(0, 23) + 'Z';
  const d = new Date(ms);
  return !Number.isNaN(d.getTime()) && d.toISOString() === ms;
}

const CHECK: { [N in PartName]: (v: unknown) => boolean } = {
  int: (v) => Number.isInteger(v) && (v as number) >= -INT4 && (v as number) < INT4,
  time: (v) => typeof v === 'string' && validTime(v),
  id: (v) => typeof v === 'string' && ID.test(v),
  bool: (v) => typeof v === 'boolean',
};

export const badCursor = () =>
  new HttpError(400, 'Bad Request', 'The cursor is not valid.', [{ path: 'cursor', message: 'is not a cursor from this server for this list and sort' }]);

const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function parse(cursor: string): Record<string, unknown> {
  try {
    const o: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (o && typeof o === 'object' && !Array.isArray(o)) return o as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw badCursor();
}

export function encodeKeyCursor<P extends readonly PartName[]>(kind: CursorKind<P>, key: Key<P>): string {
  return encode({ s: kind.tag, k: key });
}

/** The key a cursor holds, or null for the first page (no cursor). */
export function decodeKeyCursor<P extends readonly PartName[]>(kind: CursorKind<P>, cursor: string | undefined): Key<P> | null {
  if (!cursor) return null;
  const { s, k } = parse(cursor);
  if (s !== kind.tag || !Array.isArray(k) || k.length !== kind.parts.length) throw badCursor();
  if (!kind.parts.every((p, i) => CHECK[p](k[i]))) throw badCursor();
  return k as Key<P>;
}

/** For relevance-ranked lists only (see search.ts): the offset of the next page. */
export function encodeOffsetCursor(offset: number): string {
  return encode({ o: offset });
}
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const { o } = parse(cursor);
  if (Number.isInteger(o) && (o as number) >= 0 && (o as number) < 1e7) return o as number;
  throw badCursor();
}

/**
 * A timestamptz column as the text a `time` key part holds. JS Dates keep milliseconds and now()
 * has microseconds, so a key read back through a Date would sit just before its own row and the page
 * would repeat it; the key is therefore read as text in SQL, in UTC whatever the session's TimeZone.
 * Compare it back as `$n::timestamptz`, which parses this ISO form exactly.
 */
export const seekTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page from `limit + 1` rows: the extra row only says there is more; the cursor is made from the
 * last row shown.
 */
export function keysetPage<R, T>(rows: R[], limit: number, map: (r: R) => T, cursorAfter: (last: R) => string) {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(map), nextCursor: rows.length > limit && last ? cursorAfter(last) : null };
}
