/**
 * Plain text from Discourse's escaped or HTML strings, and dates that fail naming their field.
 * DOMParser builds an inert document: nothing in it runs or loads.
 */

/** A field of the foreign JSON was missing or unreadable; `path` names it (`topic_list.topics[2].created_at`). */
export class FieldError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

/** Text of an HTML fragment or of an entity-escaped string: `It&#39;s &hellip;` → `It's …`. */
export function plainText(htmlOrEscaped: string | null | undefined): string {
  if (!htmlOrEscaped) return '';
  const text = new DOMParser().parseFromString(htmlOrEscaped, 'text/html').body.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters of plain text, cut with an ellipsis. */
export function excerptOf(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** An ISO instant from a Discourse date, or a FieldError naming the field. */
export function isoAt(value: string | null | undefined, path: string): string {
  if (value === undefined || value === null || value === '') throw new FieldError(path, 'missing date');
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new FieldError(path, `not a date: ${JSON.stringify(value).slice(0, 40)}`);
  return d.toISOString();
}

/** The first of several date fields that is present, for "last activity" (bumped, else last post, else created). */
export function firstDate(obj: Record<string, unknown>, fields: readonly string[], path: string): string {
  for (const f of fields) {
    const v = obj[f];
    if (typeof v === 'string' && v) return isoAt(v, `${path}.${f}`);
  }
  throw new FieldError(`${path}.${fields[0]}`, 'missing date');
}
