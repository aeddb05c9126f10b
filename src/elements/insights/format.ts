/**
 * Number formats of the insights, in the element's locale. Shared by the tiles (first view) and the
 * charts part; pure functions of a locale, no element state.
 */
export interface Formats {
  /** 0.734 -> "73%" (one decimal under 10%). */
  percent(rate: number): string;
  /** 12.37 -> "12.4 h"; under an hour in minutes. */
  hours(h: number): string;
  /** How long something has waited: 36 -> "36 h"; from two days on in days, 3976 -> "166 d". */
  age(h: number): string;
  /** 1234 -> "1,234". */
  count(n: number): string;
  /** 4.236 -> "4.2". */
  score(s: number): string;
  /** "2026-11-30" -> "30 Nov". */
  week(day: string): string;
  /** An ISO instant -> "30 Nov 2026". */
  date(iso: string): string;
}

const safe = (locale: string, options: Intl.NumberFormatOptions) => {
  try {
    return new Intl.NumberFormat(locale, options);
  } catch {
    return new Intl.NumberFormat('en', options);
  }
};
const safeDate = (locale: string, options: Intl.DateTimeFormatOptions) => {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat('en', options);
  }
};

export function formats(locale: string): Formats {
  const pct = safe(locale, { style: 'percent', maximumFractionDigits: 0 });
  const pctSmall = safe(locale, { style: 'percent', maximumFractionDigits: 1 });
  const hour = safe(locale, { style: 'unit', unit: 'hour', unitDisplay: 'narrow', maximumFractionDigits: 1 });
  const minute = safe(locale, { style: 'unit', unit: 'minute', unitDisplay: 'narrow', maximumFractionDigits: 0 });
  const day = safe(locale, { style: 'unit', unit: 'day', unitDisplay: 'narrow', maximumFractionDigits: 0 });
  const count = safe(locale, { maximumFractionDigits: 0 });
  const score = safe(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const week = safeDate(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const date = safeDate(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const hours = (h: number) => (h > 0 && h < 1 ? minute.format(h * 60) : hour.format(h));
  return {
    percent: (r) => (Math.abs(r) < 0.1 && r !== 0 ? pctSmall : pct).format(r),
    hours,
    // Thousands of hours read as a number, not a wait: the queue's oldest questions wait for months.
    age: (h) => (h < 48 ? hours(h) : day.format(h / 24)),
    count: (n) => count.format(n),
    score: (s) => score.format(s),
    week: (d) => week.format(new Date(`${d}T00:00:00Z`)),
    date: (iso) => date.format(new Date(iso)),
  };
}
