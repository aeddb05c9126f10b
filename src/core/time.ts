const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// Formatters are costly to build and a feed formats dozens of dates per render: one per kind and
// locale for the page's life. A locale tag Intl refuses falls back to English: a bad tag must not
// break rendering.
const formatters = new Map<string, object>();

/** The formatter `make(locale)` builds, made once per `kind` and locale. */
function formatter<T extends object>(kind: string, locale: string, make: (locale: string) => T): T {
  let f = formatters.get(kind + locale) as T | undefined;
  if (!f) {
    try {
      f = make(locale);
    } catch {
      f = make('en');
    }
    formatters.set(kind + locale, f);
  }
  return f;
}

const rel = (locale: string) => formatter('rel', locale, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
const abs = (locale: string) => formatter('abs', locale, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));

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
