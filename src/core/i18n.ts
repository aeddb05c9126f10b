/**
 * Localisation: @lit/localize in runtime mode. Strings use explicit ids (`msg('Retry', { id: 'retry' })`)
 * so that the hand-kept catalogues in src/locales/ stay readable. The locale comes from `data-locale`,
 * else the page's `lang`; it can be switched at runtime with `setLocale()`.
 */
import { configureLocalization } from '@lit/localize';
import { getOptions, onConfigChange } from './config.js';

export const SOURCE_LOCALE = 'en';
export const LOCALES = ['en', 'de', 'fr', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
const RTL: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

const catalogues: Record<Exclude<Locale, 'en'>, () => Promise<import('@lit/localize').LocaleModule>> = {
  de: () => import('../locales/de.js'),
  fr: () => import('../locales/fr.js'),
  ja: () => import('../locales/ja.js'),
  ar: () => import('../locales/ar.js'),
};

let runtime: ReturnType<typeof configureLocalization> | undefined;
function localization() {
  runtime ??= configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: Object.keys(catalogues) as Exclude<Locale, 'en'>[],
    loadLocale: (locale) => catalogues[locale as Exclude<Locale, 'en'>](),
  });
  return runtime;
}

/** Maps a BCP 47 tag such as `de-AT` onto a supported locale, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

export const getLocale = (): Locale => (runtime ? (runtime.getLocale() as Locale) : SOURCE_LOCALE);
export const isRtl = (locale: string): boolean => RTL.has(locale.split('-')[0]);

/** Switches every Confab element on the page to `tag` (unsupported tags fall back to English). */
export async function setLocale(tag: string): Promise<void> {
  const locale = matchLocale(tag) ?? SOURCE_LOCALE;
  if (locale !== getLocale()) await localization().setLocale(locale);
}

let pinned = false;
let watching = false;
/** Use `explicit` (data-locale) if given; otherwise follow `<html lang>`, also when the page changes it. */
export function setLocaleFromPage(explicit?: string): void {
  localization();
  followConfiguredLocale();
  explicit ??= getOptions().locale;
  if (explicit) {
    pinned = true;
    void setLocale(explicit);
    return;
  }
  if (pinned) return;
  void setLocale(document.documentElement.lang);
  if (watching) return;
  watching = true;
  new MutationObserver(() => {
    if (!pinned) void setLocale(document.documentElement.lang);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

let following = false;
/** `configure({ locale })` at any time switches every element, and pins the locale against `<html lang>`. */
function followConfiguredLocale(): void {
  if (following) return;
  following = true;
  let last = getOptions().locale;
  onConfigChange((o) => {
    if (!o.locale || o.locale === last) return;
    last = o.locale;
    pinned = true;
    void setLocale(o.locale);
  });
}

/** Makes sure `msg()` is wired up; elements call it so the ESM build works without the loader. */
export function ensureLocalization(): void {
  if (!runtime) setLocaleFromPage();
}
