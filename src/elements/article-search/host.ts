/**
 * The host contract of `<confab-article-search>`: what its lazy parts (parts/) may use of the element,
 * and the constants they share with it. The element implements `SearchHost`; the parts import this
 * file, never the element class (see src/elements/README.md).
 */
import type { ReactiveControllerHost } from 'lit';
import type { ArticleSearchResult } from '../../contract/index.js';
import type { CommunityBackend } from '../../backends/types.js';
import type { ConfabError } from '../../core/errors.js';
import type { PartHost } from '../../core/lazy-part.js';
import type { ResourceController } from '../../core/resource.js';

/** Where results appear: a listbox popup under the field, or a results list in the page. */
export const MODES = ['popup', 'inline'] as const;
export type Mode = (typeof MODES)[number];

// A page-wide "first content" mark: set once, by whichever search element gets there first.
let marked = false;
export function markFirstContent(): void {
  if (marked) return;
  marked = true;
  performance.mark('confab:article-search:first-content');
}

/** What the article reader (parts/reader.ts) uses of the element. */
export interface ReaderHost extends ReactiveControllerHost, HTMLElement {
  readonly backendNow: CommunityBackend | undefined;
  readonly localeNow: string;
}

/** What the results part (parts/results.ts) uses of the element: the query state it reads and writes. */
export interface SearchHost extends ReaderHost, PartHost {
  /** What is in the field right now. */
  text: string;
  /** The debounced, trimmed query the results are for. */
  query: string;
  /** Selected product facets. */
  products: string[];
  /** Selected content-type facets. */
  types: string[];
  /** Popup mode: whether the popup is showing. */
  open: boolean;
  /** Index of the active option (aria-activedescendant), -1 for none. */
  active: number;
  /** Inline mode: extra results asked for with "Show more". */
  more: number;
  readonly articleHref?: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The search itself, owned by the element so the first request never waits for a chunk. */
  readonly search: ResourceController<ArticleSearchResult>;
  /** The search field. */
  readonly input: HTMLInputElement | null;
  readonly effectiveMode: Mode;
  /** `page-size`, or the mode's default. */
  readonly pageBase: number;
  readonly limit: number;
  setQuery(q: string): void;
  clearQuery(): void;
  /** A recent search was chosen: search it again. */
  chooseRecent(q: string): void;
  /** Fires `confab-error`. */
  fail(error: ConfabError): void;
}
