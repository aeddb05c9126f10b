import { msg, str } from '@lit/localize';
import type { ContentType } from '../../../contract/index.js';

/** The name of a content type as partners read it. Unknown values (a newer server) show as sent. */
export function contentTypeLabel(type: string): string {
  const labels: Record<ContentType, () => string> = {
    guide: () => msg('Guide', { id: 'article-search-type-guide' }),
    'how-to': () => msg('How-to', { id: 'article-search-type-how-to' }),
    troubleshooting: () => msg('Troubleshooting', { id: 'article-search-type-troubleshooting' }),
    'release-note': () => msg('Release note', { id: 'article-search-type-release-note' }),
    faq: () => msg('FAQ', { id: 'article-search-type-faq' }),
    reference: () => msg('Reference', { id: 'article-search-type-reference' }),
  };
  return labels[type as ContentType]?.() ?? type;
}

/** A count formatted for `locale`; "1,000+" when the server stopped counting there (`capped`). */
export function countText(count: number, locale: string, capped = false): string {
  return new Intl.NumberFormat(locale).format(count) + (capped ? '+' : '');
}

/** "12 results" / "1 result" / "No results" / "1,000+ results", with the number formatted for `locale`. */
export function resultCount(total: number, locale: string, capped = false): string {
  if (total === 0) return msg('No results', { id: 'article-search-no-results' });
  const n = countText(total, locale, capped);
  return new Intl.PluralRules(locale).select(total) === 'one'
    ? msg(str`${n} result`, { id: 'article-search-result-one' })
    : msg(str`${n} results`, { id: 'article-search-results' });
}

/** Accessible name of a facet chip: its value and how many articles it would leave. */
export function facetChipLabel(label: string, count: number, locale: string, capped = false): string {
  const n = countText(count, locale, capped);
  return new Intl.PluralRules(locale).select(count) === 'one'
    ? msg(str`${label}, ${n} article`, { id: 'article-search-facet-count-one' })
    : msg(str`${label}, ${n} articles`, { id: 'article-search-facet-count' });
}
