const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// Formatters are costly to build and a feed formats dozens of dates per render.
const relCache = new Map<string, Intl.RelativeTimeFormat>();
const absCache = new Map<string, Intl.DateTimeFormat>();

function rel(locale: string): Intl.RelativeTimeFormat {
  let f = relCache.get(locale);
  if (!f) {
    try {
      f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    } catch {
      f = new Intl.RelativeTimeFormat('en', { numeric: 'auto' }); // a bad locale tag must not break rendering
    }
    relCache.set(locale, f);
  }
  return f;
}

function abs(locale: string): Intl.DateTimeFormat {
  let f = absCache.get(locale);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    } catch {
      f = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
    }
    absCache.set(locale, f);
  }
  return f;
}

const toDate = (d: Date | string | number): Date => (d instanceof Date ? d : new Date(d));

/**
 * "3 minutes ago", "yesterday", "in 2 days": the largest unit that fits, in `locale`.
 * Under 45 seconds reads as "now".
 *
 * @example
 * html`<time datetime=${iso} title=${absoluteTime(iso, locale)}>${relativeTime(iso, locale)}</time>`
 */
export function relativeTime(date: Date | string | number, locale: string, now: Date | number = Date.now()): string {
  const d = toDate(date);
  if (Number.isNaN(d.getTime())) return '';
  const seconds = (d.getTime() - toDate(now).getTime()) / 1000;
  const f = rel(locale);
  if (Math.abs(seconds) < 45) return f.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return f.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** The full date and time in `locale`, for a `<time title>`. Empty for an invalid date. */
export function absoluteTime(date: Date | string | number, locale: string): string {
  const d = toDate(date);
  return Number.isNaN(d.getTime()) ? '' : abs(locale).format(d);
}
