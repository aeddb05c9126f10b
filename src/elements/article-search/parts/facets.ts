import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { ArticleSearchResult, FacetCount } from '../../../contract/index.js';
import type { SearchHost } from '../host.js';
import { contentTypeLabel, countText, facetChipLabel } from './labels.js';

type FacetKind = 'product' | 'contentType';

/** Selects or clears one facet value; the results start again from the first option and the first page. */
function toggleFacet(h: SearchHost, kind: FacetKind, value: string): void {
  const list = kind === 'product' ? h.products : h.types;
  const next = list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
  if (kind === 'product') h.products = next;
  else h.types = next;
  h.active = -1;
  h.more = 0;
}

/** The product and content-type filter chips above the results, with their counts. */
export function facets(h: SearchHost, value: ArticleSearchResult | undefined): TemplateResult | typeof nothing {
  const groups: Array<[FacetKind, FacetCount[], string[], string]> = [
    ['product', value?.facets.product ?? [], h.products, msg('Product', { id: 'article-search-facet-product' })],
    ['contentType', value?.facets.contentType ?? [], h.types, msg('Content type', { id: 'article-search-facet-type' })],
  ];
  const rows = groups
    .map(([kind, counts, selected, label]) => {
      // A selected filter stays visible (and removable) even when the server no longer counts it.
      const all: FacetCount[] = [...counts, ...selected.filter((s) => !counts.some((c) => c.value === s)).map((value) => ({ value, count: 0 }))];
      if (!all.length) return null;
      return html`<div class="facet" role="group" aria-label=${label}>
        <span class="facet-label" aria-hidden="true">${label}</span>
        ${all.map((f) => {
          const name = kind === 'contentType' ? contentTypeLabel(f.value) : f.value;
          // The spoken name is a sentence ("Gateway, 2 articles"); an aria-label would not contain the
          // visible "Gateway 2" in every language, so the visible text is hidden from the name instead.
          return html`<button class="chip" part="chip" type="button" aria-pressed=${selected.includes(f.value) ? 'true' : 'false'}
            @click=${() => toggleFacet(h, kind, f.value)}>
            <span class="chip-text" aria-hidden="true">${name} <span class="count">${countText(f.count, h.localeNow, f.capped)}</span></span>
            <span class="visually-hidden">${facetChipLabel(name, f.count, h.localeNow, f.capped)}</span>
          </button>`;
        })}
      </div>`;
    })
    .filter(Boolean);
  return rows.length ? html`<div class="facets">${rows}</div>` : nothing;
}
