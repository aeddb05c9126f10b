import { html, nothing, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { ArticleSearchQuery, ArticleSearchResult } from '../../contract/index.js';
import type { CommunityBackend } from '../../backends/types.js';
import { ResourceController } from '../../core/resource.js';
import { recentSearchesKept } from '../../core/recent-searches-kept.js';
import type { ConfabError } from '../../core/errors.js';
import { persistentBackendId } from '../../core/backend-id.js';
import { LazyPart, partLoader } from '../../core/lazy-part.js';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { errorState, skeleton } from '../../ui/states.js';
import { checkEnum } from '../../ui/dev-warn.js';
import { ConfabElement } from '../confab-element.js';
import { styles } from './article-search.styles.js';
import { MODES, markFirstContent, type Mode, type SearchHost } from './host.js';
import { ShortcutController, shortcutLabel } from './shortcut.js';

export { MODES, type Mode };

/** Type-ahead waits this long after the last keystroke before it asks the backend. */
export const DEBOUNCE_MS = 120;

/** Recent searches (chips inline, options in the popup), and everything past the field (see parts/results.ts). */
const recentPart = partLoader(() => import('./parts/recent-searches.js'));
const resultsPart = partLoader(() => import('./parts/results.js'));

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Searches the knowledge base as the partner types: highlighted matches, product and content-type
 * facets, recent searches, keyboard-only use, and an inline reader with "Was this helpful?".
 *
 * In `mode="popup"` (default) the field is a WAI-ARIA 1.2 combobox with a listbox popup; in
 * `mode="inline"` the results are a list in the page, for a full search page.
 *
 * @tag confab-article-search
 * @summary Knowledge-base search with type-ahead, facets and an article reader.
 *
 * @csspart base - The themed wrapper.
 * @csspart input - The search field (and the feedback comment box).
 * @csspart listbox - The popup listbox, or the results list in inline mode.
 * @csspart option - One result (or recent search).
 * @csspart title - A result's title; the reader's heading.
 * @csspart mark - A highlighted match inside a title or snippet.
 * @csspart meta - Product, content type and last update.
 * @csspart chip - A facet filter chip.
 * @csspart button - Every button.
 * @csspart clear - The button that clears the search field (also `button`).
 * @csspart more - "Show more" under inline results (also `button`).
 * @csspart ask - "Ask the community" after a search without results (also `button`).
 * @csspart signin - The "Sign in" button inside `signin-hint` (also `button`).
 * @csspart back - The reader's "Back to results" button (also `button`).
 * @csspart retry - "Try again" on an error panel or the offline notice (also `button`).
 * @csspart empty - The "no results" panel.
 * @csspart error - The error panel.
 * @csspart skeleton - Loading placeholders.
 * @csspart offline-notice - The notice over cached results (or a cached article).
 * @csspart signin-hint - "Sign in to see more articles", with its `signin` button.
 * @csspart reader - The inline article reader.
 * @csspart body - The article body in the reader.
 * @csspart feedback - "Was this helpful?".
 *
 * @cssprop --confab-color-accent - Highlights, active option, pressed chips, focus rings.
 * @cssprop --confab-color-surface - Field, popup and reader background.
 * @cssprop --confab-color-text - Main text.
 * @cssprop --confab-color-muted - Snippets and meta lines.
 * @cssprop --confab-color-border - Field, popup and divider lines.
 * @cssprop --confab-radius - Corner radius.
 * @cssprop --confab-space - Spacing unit.
 * @cssprop --confab-search-popup-max-height - Tallest the popup grows before it scrolls. Default 480px.
 *
 * @fires confab-load - Results or an article arrived. `detail.what` is `'articles'` or `'article'`.
 * @fires confab-error - A search, article or feedback call failed. `detail.status` is the HTTP status (0: none).
 * @fires confab-ask - "Ask the community" was chosen after a search without results. `detail.query`.
 * @fires confab-article-open - An article is about to open in the inline reader. Cancelable: `preventDefault()` to route it yourself.
 * @fires confab-feedback - "Was this helpful?" was sent. `detail: { articleId, helpful }`.
 * @fires confab-auth-required - The signed-out hint's "Sign in" was pressed; `detail.action` is `'search'`.
 *
 * @example
 * <confab-article-search shortcut product="Gateway" article-href="/kb/{id}"></confab-article-search>
 */
export class ConfabArticleSearch extends ConfabElement implements SearchHost {
  static override styles = [tokens, controls, styles];

  // Internal reactive state: no attribute, and kept out of custom-elements.json's public API (@private).
  static override properties: PropertyDeclarations = {
    mode: { reflect: true },
    placeholder: {},
    articleHref: { attribute: 'article-href' },
    shortcut: { type: Boolean, reflect: true },
    product: {},
    pageSize: { attribute: 'page-size', type: Number },
    /** @private */
    text: { state: true, attribute: false },
    /** @private */
    query: { state: true, attribute: false },
    /** @private */
    products: { state: true, attribute: false },
    /** @private */
    types: { state: true, attribute: false },
    /** @private */
    open: { state: true, attribute: false },
    /** @private */
    active: { state: true, attribute: false },
    /** @private */
    more: { state: true, attribute: false },
  };

  /** `popup` (a combobox with a listbox under the field) or `inline` (a results list in the page). */
  mode: Mode = 'popup';
  /** Placeholder text of the field. Default: "Search the knowledge base". */
  placeholder?: string;
  /** URL template for articles, e.g. `/kb/{id}`: results become links. Without it articles open in the inline reader. */
  articleHref?: string;
  /** Opt in to Ctrl+K / Cmd+K from anywhere on the page focusing the field. */
  shortcut = false;
  /** A product facet to preselect, e.g. `Gateway`. */
  product?: string;
  /** Results per request (1–100). Default 8 in popup mode, 20 inline. */
  pageSize?: number;

  // The state below is shared with results.ts, the lazily loaded half of the element: hence @internal, not private.

  /** @internal What is in the field right now. */
  text = '';
  /** @internal The debounced, trimmed query the results are for. */
  query = '';
  /** @internal Selected product facets. */
  products: string[] = [];
  /** @internal Selected content-type facets. */
  types: string[] = [];
  /** @internal Popup mode: whether the popup is showing. */
  open = false;
  /** @internal Index of the active option (aria-activedescendant), -1 for none. */
  active = -1;
  /** @internal Inline mode: extra results asked for with "Show more". */
  more = 0;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private warnedNoBackend = false;

  /** @internal The search itself. Here, not in results.ts, so the first request never waits for a chunk. */
  readonly search = new ResourceController<ArticleSearchResult>(this, {
    backend: () => this.backend,
    key: () => this.searchKey(),
    fetch: (b, signal) => b.searchArticles(this.request(), { signal }),
    // Keep the last results on screen while the next query loads: no flicker as the partner types.
    keepPrevious: true,
    what: 'articles',
  });

  /** Recent searches: with the results, or at once in inline mode, which shows them under the field. */
  private readonly recentPart = new LazyPart(this, recentPart, {
    create: (m) => new m.RecentSearches(this, () => (this.backend ? persistentBackendId(this.backend) : 'none')),
  });

  /**
   * Results, facets, the popup, keyboard moves and the reader. The first view is the field alone, so
   * they load when the partner reaches for it: first focus, pointer or keystroke, which is well before
   * the first answer (the request waits DEBOUNCE_MS after typing anyway). A failure shows an error with
   * a retry where the results would be.
   */
  private readonly resultsPart = new LazyPart(this, resultsPart, {
    create: (m) => new m.SearchResults(this, () => this.recent),
    onError: (error) => this.fail(error),
  });

  private get recent() {
    return this.recentPart.value;
  }

  private get results() {
    return this.resultsPart.value;
  }

  constructor() {
    super();
    new ShortcutController(this, () => this.shortcut, () => {
      this.input?.focus();
      this.input?.select();
    });
  }

  /** @internal The search field. */
  get input(): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>('#input') ?? null;
  }
  /** @internal The backend, for the reader. */
  get backendNow(): CommunityBackend | undefined {
    return this.backend;
  }
  /** @internal The locale, for the reader. */
  get localeNow(): string {
    return this.locale;
  }

  /** Moves focus to the search field. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  // ----- lazily loaded parts -----

  /** Loads the results and the recent searches they offer (each once; again after a failure). */
  private prepare = (): void => {
    void this.recentPart.load();
    void this.resultsPart.load();
  };

  /** @internal Fires `confab-error` (for parts/results.ts). */
  fail(error: ConfabError): void {
    this.reportError(error);
  }

  // ----- the query -----

  /** @internal */
  get effectiveMode(): Mode {
    return checkEnum(this, 'mode', this.mode, MODES, 'popup');
  }

  /** @internal `page-size`, or the mode's default when it is missing or not a positive number. */
  get pageBase(): number {
    const n = Number(this.pageSize);
    return Number.isFinite(n) && n >= 1 ? Math.min(100, Math.floor(n)) : this.effectiveMode === 'inline' ? 20 : 8;
  }

  /** @internal The contract caps `limit` at 100. */
  get limit(): number {
    return Math.min(100, this.pageBase + this.more);
  }

  private request(): ArticleSearchQuery {
    return {
      q: this.query,
      ...(this.products.length ? { product: this.products } : {}),
      ...(this.types.length ? { contentType: this.types } : {}),
      limit: this.limit,
    };
  }

  /** Every argument of the request, so a change of any of them aborts the old one and caches apart. */
  private searchKey(): string | null {
    if (!this.query) return null;
    return `articles:${JSON.stringify([this.query, [...this.products].sort(), [...this.types].sort(), this.limit])}`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('product')) {
      const next = this.product ? [this.product] : [];
      if (!sameList(next, this.products)) this.products = next;
    }
  }

  private onInput(e: Event): void {
    this.prepare();
    this.text = (e.target as HTMLInputElement).value;
    this.open = true;
    clearTimeout(this.timer);
    const q = this.text.trim();
    // Emptying the field needs no wait: it shows recent searches at once.
    if (!q) this.setQuery('');
    else this.timer = setTimeout(() => this.setQuery(q), DEBOUNCE_MS);
  }

  /** @internal */
  setQuery(q: string): void {
    clearTimeout(this.timer);
    if (q && !this.backend && !this.warnedNoBackend) {
      // Otherwise typing does nothing and the vendor has no clue why.
      this.warnedNoBackend = true;
      console.warn(`[confab] <${this.localName}> has no backend: set data-api on the script tag, call configure(), or wrap it in <confab-provider>.`);
    }
    if (q !== this.query) {
      this.query = q;
      this.more = 0;
    }
    this.active = -1;
  }

  /** @internal */
  clearQuery(): void {
    this.text = '';
    this.setQuery('');
    this.input?.focus();
  }

  /** @internal A recent search was chosen: search it again. */
  chooseRecent(q: string): void {
    this.text = q;
    this.setQuery(q);
    void this.recent?.add(q);
    this.input?.focus();
  }

  /**
   * Keys in the field. Before results.ts has arrived (a keystroke within milliseconds of the first
   * focus) there are no options or results to move through: Enter searches, Escape clears.
   */
  private onKeydown(e: KeyboardEvent): void {
    if (this.results) return this.results.onKeydown(e);
    const text = this.text;
    if (e.isComposing || !text) return;
    if (e.key === 'Enter' && text.trim()) {
      this.setQuery(text.trim());
      // Keeping the search in "recent" is a nicety: without its chunk (offline) the search still runs.
      void this.recentPart.load().then((r) => r?.add(text));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.clearQuery();
    }
  }

  // ----- lifecycle -----

  protected override async firstUpdated(): Promise<void> {
    if (this.effectiveMode === 'popup') return markFirstContent();
    // Inline, recent searches show under the empty field without any interaction: part of the first
    // view, unless the browser has never kept one (no database yet), as on a partner's first visit.
    if (await recentSearchesKept()) void this.recentPart.load();
  }

  // ----- rendering -----

  protected override render(): TemplateResult {
    const inline = this.effectiveMode === 'inline';
    const r = this.results;
    return this.frame(
      html`<div class="search ${inline ? 'is-inline' : 'is-popup'}" @focusout=${this.onFocusOut}>
        ${this.renderField(inline)}
        ${r ? r.render(inline) : this.renderPending(inline)}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${r?.announcement() ?? ''}</div>
      </div>`,
    );
  }

  /** Before results.ts arrives: recent searches inline, the (empty) listbox the combobox controls, or a load error. */
  private renderPending(inline: boolean): TemplateResult | typeof nothing {
    if (this.resultsPart.error) return errorState(this.resultsPart.error, this.prepare);
    if (inline) return this.query ? skeleton(3) : (this.recent?.chips((q) => this.chooseRecent(q)) ?? nothing);
    return html`<div id="listbox" role="listbox" part="listbox" class="listbox" hidden
      aria-label=${msg('Recent searches', { id: 'article-search-recent' })}></div>`;
  }

  private renderField(inline: boolean): TemplateResult {
    const expanded = this.results?.expanded ?? false;
    const label = msg('Search the knowledge base', { id: 'article-search-label' });
    return html`<div class="field-row">
      <label for="input" class="visually-hidden">${label}</label>
      <div class="searchbox" @pointerenter=${this.prepare}>
        <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <input id="input" part="input" type=${inline ? 'search' : 'text'} role=${inline ? nothing : 'combobox'} autocomplete="off"
          spellcheck="false" enterkeyhint="search" aria-autocomplete=${inline ? nothing : 'list'}
          aria-expanded=${inline ? nothing : expanded ? 'true' : 'false'} aria-controls=${inline ? nothing : 'listbox'}
          aria-activedescendant=${expanded && this.active >= 0 ? `option-${this.active}` : nothing}
          aria-keyshortcuts=${this.shortcut ? 'Control+K Meta+K' : nothing}
          placeholder=${this.placeholder ?? label} .value=${this.text}
          @input=${this.onInput} @keydown=${this.onKeydown} @focus=${this.onFocus} @click=${this.onFocus} />
        ${this.text
          ? html`<button class="clear" part="button clear" type="button" aria-label=${msg('Clear search', { id: 'article-search-clear' })}
              @click=${() => this.clearQuery()}><span aria-hidden="true">×</span></button>`
          : this.shortcut
            ? html`<kbd class="kbd" aria-hidden="true">${shortcutLabel()}</kbd>`
            : nothing}
      </div>
    </div>`;
  }

  /** Focus left the element (before results.ts arrived, too): the popup is to stay closed. */
  private onFocusOut = (e: FocusEvent): void => {
    const to = e.relatedTarget as Node | null;
    if (to && (this.renderRoot.contains(to) || this.contains(to))) return;
    this.open = false;
    this.active = -1;
  };

  /** Focus or a click on the field: popup mode opens its popup (recent searches), and results.ts loads. */
  private onFocus = (): void => {
    this.prepare();
    this.open = true;
  };
}
