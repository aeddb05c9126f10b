// Plain-text helpers: excerpts cut from Markdown, timestamps, ids (cursors are in cursor.ts).
import { randomBytes } from 'node:crypto';

/** Markdown to plain text, good enough for excerpts and snippets (never rendered as HTML). */
export function plainText(md: string): string {
  // Each pass runs only when the text holds the character its pattern needs (tested on the text as the
  // passes before left it): a pass that cannot match returns its input unchanged, so the result is the
  // same, and most bodies have no code block, image, link, tag or table. A search's page runs this on
  // every body it shows (about 1 ms of a 21-hit page on a busy machine, half of it in passes that had
  // nothing to do).
  let t = md;
  if (t.includes('```')) t = t.replace(/```[^\n]*\n([\s\S]*?)```/g, '$1');
  if (t.includes('](')) {
    t = t.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
    t = t.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  }
  if (t.includes('<')) t = t.replace(/<[^>]*>/g, ' ');
  t = t.replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '');
  if (/[*_`~]/.test(t)) t = t.replace(/(\*\*|__|\*|_|`|~~)/g, '');
  if (t.includes('|')) t = t.replace(/\|/g, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * A one-paragraph plain-text preview: headings and fenced code blocks dropped (a heading run into the
 * next paragraph reads "What we have so far Audience: …"; code reads as noise), the rest as plainText,
 * cut at a word boundary near `max` with an ellipsis. Threads and questions store theirs, computed by
 * the SQL twin `confab_excerpt` (migration 014) when the body is written: keep the two in step
 * (test/server/excerpt.test.ts compares them).
 */
export function excerpt(md: string, max = 200): string {
  const t = plainText(md.replace(/```[\s\S]*?```/g, ' ').replace(/^[ \t]{0,3}#{1,6}[ \t].*$/gm, ''));
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut) + '…';
}

export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

/**
 * A timestamptz column as SQL text that is exactly what `iso()` makes of it (UTC, milliseconds cut off
 * as a JS Date cuts them, `Z`): lists select their times this way, so no row needs a Date parsed and
 * formatted again (issue 18). Read it back with `isoText`.
 */
export const isoTimeSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A time a query selected with `isoTimeSql` (already the ISO text) or as a timestamptz (a Date). */
export const isoText = (v: Date | string): string => (typeof v === 'string' ? v : v.toISOString());
export const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
