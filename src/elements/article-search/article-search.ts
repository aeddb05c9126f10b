import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import type { ArticleHit, ArticleSearchQuery, ArticleSearchResult, FacetCount, Me } from '../../contract/index.js';
import type { CommunityBackend } from '../../backends/types.js';
import { ResourceController } from '../../core/resource.js';
import { emit } from '../../core/events.js';
import { toConfabError } from '../../core/errors.js';
import { persistentBackendId } from '../../core/backend-id.js';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { fields } from '../../styles/fields.js';
import { prose } from '../../styles/prose.js';
import { emptyState, errorState, offlineNotice, skeleton } from '../../ui/states.js';
import { checkEnum } from '../../ui/dev-warn.js';
import { ConfabElement } from '../confab-element.js';
import { styles } from './article-search.styles.js';
import { highlight } from './highlight.js';
import { contentTypeLabel, facetChipLabel, resultCount } from './labels.js';
import { articleMeta } from './meta.js';
import type { ArticleReader } from './reader.js';
import { RecentSearches } from './recent-searches.js';
import { ShortcutController, shortcutLabel } from './shortcut.js';
import { AnchoredPopup } from './anchored-popup.js';

/** Where results appear: a listbox popup under the field, or a results list in the page. */
export const MODES = ['popup', 'inline'] as const;
export type Mode = (typeof MODES)[number];

/** Type-ahead waits this long after the last keystroke before it asks the backend. */
export const DEBOUNCE_MS = 120;

type Option = { kind: 'recent'; query: string } | { kind: 'article'; hit: ArticleHit };

// A page-wide "first content" mark: set once, by whichever search element gets there first.
let marked = false;
function markFirstContent(): void {
  if (marked) return;
  marked = true;
  performance.mark('confab:article-search:first-content');
}

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
export class ConfabArticleSearch extends ConfabElement {
  static override styles = [tokens, controls, fields, prose, styles];

  /** `popup` (a combobox with a listbox under the field) or `inline` (a results list in the page). */
  @property({ reflect: true }) mode: Mode = 'popup';
  /** Placeholder text of the field. Default: "Search the knowledge base". */
  @property() placeholder?: string;
  /** URL template for articles, e.g. `/kb/{id}`: results become links. Without it articles open in the inline reader. */
  @property({ attribute: 'article-href' }) articleHref?: string;
  /** Opt in to Ctrl+K / Cmd+K from anywhere on the page focusing the field. */
  @property({ type: Boolean, reflect: true }) shortcut = false;
  /** A product facet to preselect, e.g. `Gateway`. */
  @property() product?: string;
  /** Results per request (1–100). Default 8 in popup mode, 20 inline. */
  @property({ attribute: 'page-size', type: Number }) pageSize?: number;

  /** What is in the field right now. */
  @state() private text = '';
  /** The debounced, trimmed query the results are for. */
  @state() private query = '';
  @state() private products: string[] = [];
  @state() private types: string[] = [];
  /** Popup mode: whether the popup is showing. */
  @state() private open = false;
  /** Index of the active option (aria-activedescendant), -1 for none. */
  @state() private active = -1;
  /** Inline mode: extra results asked for with "Show more". */
  @state() private more = 0;

  @query('#input') private input!: HTMLInputElement;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private warnedNoBackend = false;
  private reported = new WeakSet<object>();
  /** Where focus returns when the reader closes. */
  private returnFocus: string | null = null;

  private search = new ResourceController<ArticleSearchResult>(this, {
    backend: () => this.backend,
    key: () => this.searchKey(),
    fetch: (b, signal) => b.searchArticles(this.request(), { signal }),
    // Keep the last results on screen while the next query loads: no flicker as the partner types.
    keepPrevious: true,
  });

  // Asked only when the backend says signed-in partners would see more; never cached, since the
  // answer changes the moment the partner signs in.
  private me = new ResourceController<Me>(this, {
    backend: () => this.backend,
    key: () => (this.search.value?.moreForSignedIn && this.query ? 'me' : null),
    fetch: (b, signal) => b.me({ signal }),
    cache: false,
  });

  private recent = new RecentSearches(this, () => (this.backend ? persistentBackendId(this.backend) : 'none'));
  /** The inline reader, loaded on first need: most searches never open one, so it is not in the first load. */
  private reader: ArticleReader | undefined;
  private readerLoad: Promise<ArticleReader> | undefined;

  constructor() {
    super();
    new AnchoredPopup(
      this,
      () => this.renderRoot.querySelector<HTMLElement>('.popup'),
      () => this.renderRoot.querySelector<HTMLElement>('.searchbox'),
      () => this.popupOpen,
    );
    new ShortcutController(this, () => this.shortcut, () => {
      this.input?.focus();
      this.input?.select();
    });
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

  // ----- the query -----

  private get effectiveMode(): Mode {
    return checkEnum(this, 'mode', this.mode, MODES, 'popup');
  }

  /** `page-size`, or the mode's default when it is missing or not a positive number. */
  private get pageBase(): number {
    const n = Number(this.pageSize);
    return Number.isFinite(n) && n >= 1 ? Math.min(100, Math.floor(n)) : this.effectiveMode === 'inline' ? 20 : 8;
  }

  /** The contract caps `limit` at 100. */
  private get limit(): number {
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
    this.text = (e.target as HTMLInputElement).value;
    this.open = true;
    clearTimeout(this.timer);
    const q = this.text.trim();
    // Emptying the field needs no wait: it shows recent searches at once.
    if (!q) this.setQuery('');
    else this.timer = setTimeout(() => this.setQuery(q), DEBOUNCE_MS);
  }

  private setQuery(q: string): void {
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

  private clearQuery(): void {
    this.text = '';
    this.setQuery('');
    this.input?.focus();
  }

  private toggleFacet(kind: 'product' | 'contentType', value: string): void {
    const list = kind === 'product' ? this.products : this.types;
    const next = list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
    if (kind === 'product') this.products = next;
    else this.types = next;
    this.active = -1;
    this.more = 0;
  }

  // ----- options and keys -----

  private get options(): Option[] {
    if (!this.query) {
      return this.text.trim() ? [] : this.recent.items.map((q) => ({ kind: 'recent' as const, query: q }));
    }
    const r = this.search;
    if (r.status === 'error' || !r.value) return [];
    return r.value.items.map((hit) => ({ kind: 'article' as const, hit }));
  }

  private get popupOpen(): boolean {
    if (this.effectiveMode !== 'popup' || !this.open || this.reader?.id) return false;
    if (!this.query) return !this.text.trim() && this.recent.items.length > 0;
    return this.search.status !== 'idle';
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.isComposing) return; // an IME is building a character; its keys are not ours
    const inline = this.effectiveMode === 'inline';
    const options = inline ? [] : this.options;
    const expanded = this.popupOpen && options.length > 0;
    const n = options.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (e.altKey || inline) {
          if (inline && e.key === 'ArrowDown') this.focusResult(0, e);
          else if (!inline) this.open = e.key === 'ArrowDown';
          return;
        }
        e.preventDefault();
        if (!this.popupOpen) {
          this.open = true;
          return;
        }
        if (!n) return;
        const down = e.key === 'ArrowDown';
        this.active = this.active < 0 ? (down ? 0 : n - 1) : (this.active + (down ? 1 : -1) + n) % n;
        break;
      }
      case 'Home':
      case 'End':
        // With no active option these keys move the caret, as in any text field.
        if (!expanded || this.active < 0) return;
        e.preventDefault();
        this.active = e.key === 'Home' ? 0 : n - 1;
        break;
      case 'Enter':
        if (expanded && this.active >= 0) {
          e.preventDefault();
          // A click on the option: a link follows its href, everything else runs the click handler.
          this.optionEl(this.active)?.click();
        } else if (this.text.trim()) {
          this.setQuery(this.text.trim());
          void this.recent.add(this.text);
        }
        break;
      case 'Escape':
        if (this.popupOpen) {
          e.preventDefault();
          // Ours alone: a portal dialog around the search must not close along with the popup.
          e.stopPropagation();
          this.open = false;
          this.active = -1;
        } else if (this.text) {
          e.preventDefault();
          this.clearQuery();
        }
        break;
    }
  }

  private optionEl(i: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#option-${i}`);
  }

  /** Inline mode: arrow keys move between results, as in a list of links. */
  private focusResult(i: number, e?: KeyboardEvent): void {
    const links = [...this.renderRoot.querySelectorAll<HTMLElement>('.result-link')];
    if (!links.length) return;
    e?.preventDefault();
    links[(i + links.length) % links.length].focus();
  }

  private onResultsKeydown(e: KeyboardEvent): void {
    const links = [...this.renderRoot.querySelectorAll<HTMLElement>('.result-link')];
    const at = links.indexOf(e.composedPath()[0] as HTMLElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown') this.focusResult(at + 1, e);
    else if (e.key === 'ArrowUp') {
      if (at === 0) {
        e.preventDefault();
        this.input.focus();
      } else this.focusResult(at - 1, e);
    } else if (e.key === 'Home') this.focusResult(0, e);
    else if (e.key === 'End') this.focusResult(-1, e);
  }

  /**
   * A click anywhere in the popup (an option, a chip, the padding) keeps focus in the field, as in
   * any combobox: the popup stays open and typing goes on. Only keyboard Tab moves focus into it.
   */
  private keepFocus = (e: MouseEvent): void => {
    if (this.shadowRoot?.activeElement === this.input) e.preventDefault();
  };

  /** Escape on a chip or button inside the popup closes it and returns to the field. */
  private onPopupKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this.input.focus(); // first: focusing the field opens the popup, and it is to stay closed
    this.open = false;
    this.active = -1;
  };

  /** Escape anywhere in the reader but the comment box goes back to the results. */
  private onReaderKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || (e.composedPath()[0] as Element).localName === 'textarea') return;
    e.preventDefault();
    this.closeReader();
  };

  private onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to && (this.renderRoot.contains(to) || this.contains(to))) return;
    this.open = false;
    this.active = -1;
  }

  private choose(option: Option, e: Event): void {
    if (option.kind === 'recent') {
      e.preventDefault();
      this.text = option.query;
      this.setQuery(option.query);
      void this.recent.add(option.query);
      this.input?.focus();
      return;
    }
    void this.recent.add(this.query);
    if (this.hrefFor(option.hit.id)) return; // a link: the browser navigates
    e.preventDefault();
    void this.openArticle(option.hit, (e.currentTarget as HTMLElement | null)?.id ?? null);
  }

  /** Loads the reader module (once) and adopts its styles. */
  private loadReader(): Promise<ArticleReader> {
    this.readerLoad ??= Promise.all([import('./reader.js'), import('./reader.styles.js')]).then(([m, s]) => {
      this.adoptPartStyles([s.readerStyles]);
      return (this.reader = new m.ArticleReader(this));
    });
    return this.readerLoad;
  }

  private async openArticle(hit: ArticleHit, from: string | null): Promise<void> {
    if (!emit(this, 'confab-article-open', { id: hit.id }, { cancelable: true })) return;
    this.returnFocus = this.effectiveMode === 'inline' ? from : null;
    this.open = false;
    this.active = -1;
    let reader: ArticleReader;
    try {
      reader = await this.loadReader();
    } catch (e) {
      // The chunk could not load (offline, deploy in progress): say so instead of doing nothing.
      this.readerLoad = undefined;
      this.reportError(toConfabError(e));
      return;
    }
    reader.open(hit.id, hit);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#reader-title')?.focus();
  }

  private closeReader(): void {
    this.reader?.close();
    const back = this.returnFocus;
    this.returnFocus = null;
    void this.updateComplete.then(() => {
      const el = back ? this.renderRoot.querySelector<HTMLElement>(`#${back}`) : null;
      (el ?? this.input)?.focus();
    });
  }

  /** The article's URL from the `article-href` template, or null (no template, or not an http(s) URL). */
  private hrefFor(id: string): string | null {
    if (!this.articleHref) return null;
    const url = this.articleHref.replaceAll('{id}', encodeURIComponent(id));
    try {
      return /^https?:$/.test(new URL(url, location.href).protocol) ? url : null;
    } catch {
      return null;
    }
  }

  private ask(): void {
    emit(this, 'confab-ask', { query: this.query || this.text.trim() });
  }

  // ----- lifecycle -----

  protected override firstUpdated(): void {
    if (this.effectiveMode === 'popup') markFirstContent();
  }

  protected override updated(): void {
    this.track(this.search, 'articles');
    if (this.reader) this.track(this.reader.article, 'article');
    if (this.search.status === 'ready' && this.search.value && this.query) {
      markFirstContent();
      // Results are on screen and the first load is done: fetch the reader while the partner reads them.
      if (!this.articleHref && this.search.value.items.length) void this.loadReader().catch(() => (this.readerLoad = undefined));
    }
    // Keep the active option in view as arrow keys move it through a scrolled popup.
    if (this.active >= 0) this.optionEl(this.active)?.scrollIntoView({ block: 'nearest' });
  }

  /** A `confab-load` for each fresh value, a `confab-error` for each new failure. */
  private track(r: ResourceController<object>, what: string): void {
    if (r.status === 'ready' && !r.stale && r.value && !this.reported.has(r.value)) {
      this.reported.add(r.value);
      emit(this, 'confab-load', { what });
    }
    if (r.error && !this.reported.has(r.error)) {
      this.reported.add(r.error);
      this.reportError(r.error);
    }
  }

  // ----- rendering -----

  protected override render(): TemplateResult {
    const inline = this.effectiveMode === 'inline';
    const reader = this.reader?.id ? this.reader : undefined;
    return this.frame(
      html`<div class="search ${inline ? 'is-inline' : 'is-popup'}" @focusout=${this.onFocusOut}>
        ${this.renderField(inline)}
        ${reader ? html`<div @keydown=${this.onReaderKeydown}>${reader.render(() => this.closeReader())}</div>` : inline ? this.renderInline() : this.renderPopup()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement()}</div>
      </div>`,
    );
  }

  private announcement(): string {
    const r = this.search;
    if (!this.query || r.status !== 'ready' || !r.value) return '';
    return resultCount(r.value.total, this.locale);
  }

  private renderField(inline: boolean): TemplateResult {
    const expanded = this.popupOpen && this.options.length > 0;
    const label = msg('Search the knowledge base', { id: 'article-search-label' });
    return html`<div class="field-row">
      <label for="input" class="visually-hidden">${label}</label>
      <div class="searchbox">
        <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        ${inline
          ? html`<input id="input" part="input" type="search" autocomplete="off" spellcheck="false" enterkeyhint="search"
              placeholder=${this.placeholder ?? label} aria-keyshortcuts=${this.shortcut ? 'Control+K Meta+K' : nothing}
              .value=${this.text} @input=${this.onInput} @keydown=${this.onKeydown} />`
          : html`<input id="input" part="input" type="text" role="combobox" autocomplete="off" spellcheck="false" enterkeyhint="search"
              aria-autocomplete="list" aria-expanded=${expanded ? 'true' : 'false'} aria-controls="listbox"
              aria-activedescendant=${expanded && this.active >= 0 ? `option-${this.active}` : nothing}
              aria-keyshortcuts=${this.shortcut ? 'Control+K Meta+K' : nothing}
              placeholder=${this.placeholder ?? label} .value=${this.text}
              @input=${this.onInput} @keydown=${this.onKeydown} @focus=${() => (this.open = true)} @click=${() => (this.open = true)} />`}
        ${this.text
          ? html`<button class="clear" part="button clear" type="button" aria-label=${msg('Clear search', { id: 'article-search-clear' })}
              @click=${() => this.clearQuery()}><span aria-hidden="true">×</span></button>`
          : this.shortcut
            ? html`<kbd class="kbd" aria-hidden="true">${shortcutLabel()}</kbd>`
            : nothing}
      </div>
    </div>`;
  }

  private renderPopup(): TemplateResult {
    const open = this.popupOpen;
    const options = open ? this.options : [];
    const recent = !this.query;
    return html`<div class="popup" popover="manual" ?hidden=${!open} @mousedown=${this.keepFocus} @keydown=${this.onPopupKeydown}>
      ${open && !recent ? this.renderStatus() : nothing}
      ${open && recent && options.length
        ? html`<div class="popup-head">
            <span id="recent-label" class="label">${msg('Recent searches', { id: 'article-search-recent' })}</span>
            <button class="btn ghost small" part="button" @click=${() => void this.recent.clear()}>${msg('Clear', { id: 'article-search-recent-clear' })}</button>
          </div>`
        : nothing}
      <div id="listbox" role="listbox" part="listbox" class="listbox" ?hidden=${!options.length}
        aria-label=${recent ? msg('Recent searches', { id: 'article-search-recent' }) : msg('Articles', { id: 'article-search-articles' })}
        aria-busy=${this.search.status === 'loading' ? 'true' : 'false'}>
        ${options.map((o, i) => this.renderOption(o, i))}
      </div>
      ${open && !recent ? this.renderAfterResults() : nothing}
    </div>`;
  }

  private renderOption(o: Option, i: number): TemplateResult {
    const selected = i === this.active ? 'true' : 'false';
    if (o.kind === 'recent') {
      return html`<div id="option-${i}" role="option" part="option" class="option recent" aria-selected=${selected}
        @click=${(e: Event) => this.choose(o, e)}>
        <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path d="M10 6v4l3 2" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
        <span>${o.query}</span>
      </div>`;
    }
    const hit = o.hit;
    const body = html`<span class="title" part="title" dir="auto">${highlight(hit.title, hit.highlights.title)}</span>
      <span class="snippet clamp-2" dir="auto">${highlight(hit.snippet, hit.highlights.snippet)}</span>
      ${articleMeta(hit, this.locale)}`;
    const href = this.hrefFor(hit.id);
    // Options stay out of the Tab order: in a combobox focus stays in the field (aria-activedescendant).
    return href
      ? html`<a id="option-${i}" role="option" part="option" class="option" aria-selected=${selected} tabindex="-1" href=${href}
          @click=${(e: Event) => this.choose(o, e)}>${body}</a>`
      : html`<div id="option-${i}" role="option" part="option" class="option" aria-selected=${selected}
          @click=${(e: Event) => this.choose(o, e)}>${body}</div>`;
  }

  /** Offline notice, facets and the first-load skeleton: everything above the results. */
  private renderStatus(): TemplateResult {
    const r = this.search;
    return html`${r.offline ? offlineNotice(r.savedAt ?? null, this.locale, () => void r.refresh()) : nothing}
      ${r.status !== 'error' ? this.renderFacets(r.value) : nothing}
      ${r.status === 'loading' && !r.value ? skeleton(3) : nothing}`;
  }

  /** Error, no results, signed-out hint and the count line: everything below the results. */
  private renderAfterResults(): TemplateResult {
    const r = this.search;
    if (r.status === 'error' && r.error) return errorState(r.error, () => void r.refresh());
    const value = r.value;
    if (!value) return html``;
    const signedOut = value.moreForSignedIn && this.me.value?.authenticated === false;
    return html`${value.items.length === 0
        ? emptyState(
            msg('No articles match your search.', { id: 'article-search-empty' }),
            msg('Try other words, remove a filter, or ask the community.', { id: 'article-search-empty-detail' }),
            html`<button class="btn primary" part="button ask" @click=${() => this.ask()}>
              ${msg('Ask the community', { id: 'article-search-ask' })}</button>`,
          )
        : nothing}
      ${signedOut
        ? html`<div class="notice signin" part="signin-hint">
            <span>${msg('Sign in to see more articles.', { id: 'article-search-signin-hint' })}</span>
            <button class="btn small" part="button signin" @click=${() => emit(this, 'confab-auth-required', { action: 'search' })}>
              ${msg('Sign in', { id: 'article-search-signin' })}</button>
          </div>`
        : nothing}
      ${value.items.length && this.effectiveMode === 'popup'
        ? html`<div class="count meta" aria-hidden="true">${resultCount(value.total, this.locale)}</div>`
        : nothing}`;
  }

  private renderFacets(value: ArticleSearchResult | undefined): TemplateResult | typeof nothing {
    const groups: Array<['product' | 'contentType', FacetCount[], string[], string]> = [
      ['product', value?.facets.product ?? [], this.products, msg('Product', { id: 'article-search-facet-product' })],
      ['contentType', value?.facets.contentType ?? [], this.types, msg('Content type', { id: 'article-search-facet-type' })],
    ];
    const rows = groups
      .map(([kind, counts, selected, label]) => {
        // A selected filter stays visible (and removable) even when the server no longer counts it.
        const all = [...counts, ...selected.filter((s) => !counts.some((c) => c.value === s)).map((value) => ({ value, count: 0 }))];
        if (!all.length) return null;
        return html`<div class="facet" role="group" aria-label=${label}>
          <span class="facet-label" aria-hidden="true">${label}</span>
          ${all.map((f) => {
            const name = kind === 'contentType' ? contentTypeLabel(f.value) : f.value;
            // The spoken name is a sentence ("Gateway, 2 articles"); an aria-label would not contain the
            // visible "Gateway 2" in every language, so the visible text is hidden from the name instead.
            return html`<button class="chip" part="chip" type="button" aria-pressed=${selected.includes(f.value) ? 'true' : 'false'}
              @click=${() => this.toggleFacet(kind, f.value)}>
              <span class="chip-text" aria-hidden="true">${name} <span class="count">${new Intl.NumberFormat(this.locale).format(f.count)}</span></span>
              <span class="visually-hidden">${facetChipLabel(name, f.count, this.locale)}</span>
            </button>`;
          })}
        </div>`;
      })
      .filter(Boolean);
    return rows.length ? html`<div class="facets">${rows}</div>` : nothing;
  }

  // ----- inline mode -----

  private renderInline(): TemplateResult | typeof nothing {
    if (!this.query) return this.renderInlineRecent();
    const r = this.search;
    const items = r.status === 'error' ? [] : (r.value?.items ?? []);
    const total = r.value?.total ?? 0;
    return html`${this.renderStatus()}
      ${items.length
        ? html`<div class="count meta" aria-hidden="true">${resultCount(total, this.locale)}</div>
            <ol class="results" part="listbox" aria-label=${msg('Articles', { id: 'article-search-articles' })}
              aria-busy=${r.status === 'loading' ? 'true' : 'false'} @keydown=${this.onResultsKeydown}>
              ${items.map((hit, i) => this.renderResult(hit, i))}
            </ol>
            ${total > items.length && this.limit < 100
              ? html`<button class="btn more" part="button more" @click=${() => (this.more += this.pageBase)}>
                  ${msg('Show more results', { id: 'article-search-more' })}</button>`
              : nothing}`
        : nothing}
      ${this.renderAfterResults()}`;
  }

  private renderResult(hit: ArticleHit, i: number): TemplateResult {
    const href = this.hrefFor(hit.id);
    const title = highlight(hit.title, hit.highlights.title);
    return html`<li class="result" part="option">
      <h3 class="title" part="title" dir="auto">
        ${href
          ? html`<a id="result-${i}" class="result-link" href=${href} @click=${() => void this.recent.add(this.query)}>${title}</a>`
          : html`<button id="result-${i}" class="result-link" type="button"
              @click=${(e: Event) => this.choose({ kind: 'article', hit }, e)}>${title}</button>`}
      </h3>
      <p class="snippet clamp-2" dir="auto">${highlight(hit.snippet, hit.highlights.snippet)}</p>
      ${articleMeta(hit, this.locale)}
    </li>`;
  }

  private renderInlineRecent(): TemplateResult | typeof nothing {
    const items = this.recent.items;
    if (!items.length) return nothing;
    return html`<div class="recent-inline" role="group" aria-labelledby="recent-label">
      <span id="recent-label" class="label">${msg('Recent searches', { id: 'article-search-recent' })}</span>
      ${items.map(
        (q) => html`<button class="chip" part="chip" type="button" @click=${(e: Event) => this.choose({ kind: 'recent', query: q }, e)}>${q}</button>`,
      )}
      <button class="btn ghost small" part="button" @click=${() => void this.recent.clear()}>
        ${msg('Clear', { id: 'article-search-recent-clear' })}</button>
    </div>`;
  }
}
