/**
 * The lazily loaded half of `<confab-article-search>`: everything past the field. The popup and its
 * options, the inline results list, highlights, facet chips, keyboard moves through them, recent
 * searches in the popup, "Ask the community", the signed-in hint and the reader handoff. The element
 * loads it at the partner's first focus, pointer or keystroke in the field, well before the first
 * answer can arrive (the request itself waits for the typing debounce and never for this chunk).
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { ArticleHit, Me } from '../../../contract/index.js';
import { ResourceController } from '../../../core/resource.js';
import { emit } from '../../../core/events.js';
import { LazyPart, partLoader } from '../../../core/lazy-part.js';
import { emptyState, errorState, offlineNotice, skeleton } from '../../../ui/states.js';
import { markFirstContent, type SearchHost } from '../host.js';
import { AnchoredPopup } from './anchored-popup.js';
import { highlight } from './highlight.js';
import { facets } from './facets.js';
import { resultCount } from './labels.js';
import { articleMeta } from './meta.js';
import type { RecentSearches } from './recent-searches.js';
import { resultStyles } from './results.styles.js';

/** What this part renders: the popup and its options, facets, inline results. */
export const styles = [resultStyles];

/** The inline reader, loaded on first need: most searches never open one. */
const readerPart = partLoader(() => import('./reader.js'));

type Option = { kind: 'recent'; query: string } | { kind: 'article'; hit: ArticleHit };

export class SearchResults implements ReactiveController {
  /** Where focus returns when the reader closes. */
  private returnFocus: string | null = null;
  private readonly readerPart: LazyPart<typeof import('./reader.js'), import('./reader.js').ArticleReader>;

  // Asked only when the backend says signed-in partners would see more; never cached, since the
  // answer changes the moment the partner signs in.
  private me: ResourceController<Me>;

  constructor(
    private readonly host: SearchHost,
    /** The recent searches, once their part has arrived (it loads beside this one). */
    private readonly recent: () => RecentSearches | undefined,
  ) {
    host.addController(this);
    this.readerPart = new LazyPart(host, readerPart, { create: (m) => new m.ArticleReader(host) });
    this.me = new ResourceController<Me>(host, {
      backend: () => host.backendNow,
      key: () => (host.search.value?.moreForSignedIn && host.query ? 'me' : null),
      fetch: (b, signal) => b.me({ signal }),
      cache: false,
    });
    new AnchoredPopup(
      host,
      () => host.renderRoot.querySelector<HTMLElement>('.popup'),
      () => host.renderRoot.querySelector<HTMLElement>('.searchbox'),
      () => this.popupOpen,
    );
    host.requestUpdate();
  }

  // ----- options and keys -----

  private get options(): Option[] {
    const { query, search: r } = this.host;
    if (!query) {
      return this.host.text.trim() ? [] : (this.recent()?.items ?? []).map((q) => ({ kind: 'recent' as const, query: q }));
    }
    if (r.status === 'error' || !r.value) return [];
    return r.value.items.map((hit) => ({ kind: 'article' as const, hit }));
  }

  private get popupOpen(): boolean {
    const h = this.host;
    if (h.effectiveMode !== 'popup' || !h.open || this.reader?.id) return false;
    if (!h.query) return !h.text.trim() && (this.recent()?.items.length ?? 0) > 0;
    return h.search.status !== 'idle';
  }

  /** The combobox's popup is showing options (aria-expanded). */
  get expanded(): boolean {
    return this.popupOpen && this.options.length > 0;
  }

  onKeydown(e: KeyboardEvent): void {
    if (e.isComposing) return; // an IME is building a character; its keys are not ours
    const h = this.host;
    const inline = h.effectiveMode === 'inline';
    const options = inline ? [] : this.options;
    const expanded = this.popupOpen && options.length > 0;
    const n = options.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (e.altKey || inline) {
          if (inline && e.key === 'ArrowDown') this.focusResult(0, e);
          else if (!inline) h.open = e.key === 'ArrowDown';
          return;
        }
        e.preventDefault();
        if (!this.popupOpen) {
          h.open = true;
          return;
        }
        if (!n) return;
        const down = e.key === 'ArrowDown';
        h.active = h.active < 0 ? (down ? 0 : n - 1) : (h.active + (down ? 1 : -1) + n) % n;
        break;
      }
      case 'Home':
      case 'End':
        // With no active option these keys move the caret, as in any text field.
        if (!expanded || h.active < 0) return;
        e.preventDefault();
        h.active = e.key === 'Home' ? 0 : n - 1;
        break;
      case 'Enter':
        if (expanded && h.active >= 0) {
          e.preventDefault();
          // A click on the option: a link follows its href, everything else runs the click handler.
          this.optionEl(h.active)?.click();
        } else if (h.text.trim()) {
          h.setQuery(h.text.trim());
          void this.recent()?.add(h.text);
        }
        break;
      case 'Escape':
        if (this.popupOpen) {
          e.preventDefault();
          // Ours alone: a portal dialog around the search must not close along with the popup.
          e.stopPropagation();
          h.open = false;
          h.active = -1;
        } else if (h.text) {
          e.preventDefault();
          h.clearQuery();
        }
        break;
    }
  }

  private optionEl(i: number): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(`#option-${i}`);
  }

  /** Inline mode: arrow keys move between results, as in a list of links. */
  private focusResult(i: number, e?: KeyboardEvent): void {
    const links = [...this.host.renderRoot.querySelectorAll<HTMLElement>('.result-link')];
    if (!links.length) return;
    e?.preventDefault();
    links[(i + links.length) % links.length].focus();
  }

  private onResultsKeydown = (e: KeyboardEvent): void => {
    const links = [...this.host.renderRoot.querySelectorAll<HTMLElement>('.result-link')];
    const at = links.indexOf(e.composedPath()[0] as HTMLElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown') this.focusResult(at + 1, e);
    else if (e.key === 'ArrowUp') {
      if (at === 0) {
        e.preventDefault();
        this.host.input?.focus();
      } else this.focusResult(at - 1, e);
    } else if (e.key === 'Home') this.focusResult(0, e);
    else if (e.key === 'End') this.focusResult(-1, e);
  };

  /**
   * A click anywhere in the popup (an option, a chip, the padding) keeps focus in the field, as in
   * any combobox: the popup stays open and typing goes on. Only keyboard Tab moves focus into it.
   */
  private keepFocus = (e: MouseEvent): void => {
    if (this.host.shadowRoot?.activeElement === this.host.input) e.preventDefault();
  };

  /** Escape on a chip or button inside the popup closes it and returns to the field. */
  private onPopupKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this.host.input?.focus(); // first: focusing the field opens the popup, and it is to stay closed
    this.host.open = false;
    this.host.active = -1;
  };

  /** Escape anywhere in the reader but the comment box goes back to the results. */
  private onReaderKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || (e.composedPath()[0] as Element).localName === 'textarea') return;
    e.preventDefault();
    this.closeReader();
  };

  private choose(option: Option, e: Event): void {
    if (option.kind === 'recent') {
      e.preventDefault();
      this.host.chooseRecent(option.query);
      return;
    }
    void this.recent()?.add(this.host.query);
    if (this.hrefFor(option.hit.id)) return this.countClick(option.hit, e); // a link: the browser navigates
    void this.sendClick(option.hit);
    e.preventDefault();
    void this.openArticle(option.hit, (e.currentTarget as HTMLElement | null)?.id ?? null);
  }

  // ----- click-through (the search insights) -----

  /**
   * The search a click counts against: the last one the server recorded for the current query. A
   * facet or a further page is not recorded again (its `searchId` is null), yet a click there still
   * comes from that search.
   */
  private counted: { query: string; searchId: string } | null = null;

  /** Tells the backend which result of which search was opened; never in the partner's way (errors are dropped). */
  private sendClick(hit: ArticleHit): Promise<unknown> | null {
    const h = this.host;
    const b = h.backendNow;
    const searchId = this.counted?.query === h.query ? this.counted.searchId : null;
    const position = h.search.value?.items.findIndex((x) => x.id === hit.id) ?? -1;
    if (!b?.recordSearchClick || !searchId || position < 0) return null;
    return b.recordSearchClick({ searchId, articleId: hit.id, position }).catch(() => undefined);
  }

  /**
   * A link navigates away, which would cancel the request: a plain click waits for it (at most 300 ms)
   * and then follows the link. That is decided once the click has passed every listener (on window),
   * so a host that routes the click itself (`preventDefault()`) keeps it; a click for a new tab or
   * window leaves this page alone and does not wait.
   */
  private countClick(hit: ArticleHit, e: Event): void {
    const sent = this.sendClick(hit);
    const a = e.currentTarget as HTMLAnchorElement | null;
    const plain = e instanceof MouseEvent && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
    if (!sent || !a?.href || !plain || (a.target && a.target !== '_self')) return;
    const href = a.href;
    window.addEventListener('click', (last) => {
      if (last !== e || last.defaultPrevented) return;
      last.preventDefault();
      void Promise.race([sent, new Promise((r) => setTimeout(r, 300))]).then(() => location.assign(href));
    }, { once: true });
  }

  // ----- the reader -----

  private get reader() {
    return this.readerPart.value;
  }

  private async openArticle(hit: ArticleHit, from: string | null): Promise<void> {
    const h = this.host;
    if (!emit(h, 'confab-article-open', { id: hit.id }, { cancelable: true })) return;
    this.returnFocus = h.effectiveMode === 'inline' ? from : null;
    h.open = false;
    h.active = -1;
    const reader = await this.readerPart.load();
    if (!reader) {
      // The chunk could not load (offline, deploy in progress): say so instead of doing nothing; the
      // next open tries again.
      if (this.readerPart.error) h.fail(this.readerPart.error);
      return;
    }
    reader.open(hit.id, hit);
    await h.updateComplete;
    h.renderRoot.querySelector<HTMLElement>('#reader-title')?.focus();
  }

  private closeReader(): void {
    this.reader?.close();
    const back = this.returnFocus;
    this.returnFocus = null;
    void this.host.updateComplete.then(() => {
      const el = back ? this.host.renderRoot.querySelector<HTMLElement>(`#${back}`) : null;
      (el ?? this.host.input)?.focus();
    });
  }

  /** The article's URL from the `article-href` template, or null (no template, or not an http(s) URL). */
  private hrefFor(id: string): string | null {
    if (!this.host.articleHref) return null;
    const url = this.host.articleHref.replaceAll('{id}', encodeURIComponent(id));
    try {
      return /^https?:$/.test(new URL(url, location.href).protocol) ? url : null;
    } catch {
      return null;
    }
  }

  private ask(): void {
    emit(this.host, 'confab-ask', { query: this.host.query || this.host.text.trim() });
  }

  // ----- lifecycle -----

  hostUpdated(): void {
    const h = this.host;
    const searchId = h.search.value?.searchId;
    // Only a fresh answer's search: a cached one (shown while revalidating, or offline) may be days old,
    // and a click on it would be credited to that old search's click-through.
    if (searchId && h.search.status === 'ready' && !h.search.stale && h.query) this.counted = { query: h.query, searchId };
    if (h.search.status === 'ready' && h.search.value && h.query) {
      markFirstContent();
      // Results are on screen: fetch the reader while the partner reads them.
      if (!h.articleHref && h.search.value.items.length) this.readerPart.prefetch();
    }
    // Keep the active option in view as arrow keys move it through a scrolled popup.
    if (h.active >= 0) this.optionEl(h.active)?.scrollIntoView({ block: 'nearest' });
  }

  // ----- rendering -----

  /** What goes under the field: the reader, the inline results or the popup. */
  render(inline: boolean): TemplateResult | typeof nothing {
    const reader = this.reader?.id ? this.reader : undefined;
    if (reader) return html`<div @keydown=${this.onReaderKeydown}>${reader.render(() => this.closeReader())}</div>`;
    return inline ? this.renderInline() : this.renderPopup();
  }

  /** The polite live region's text: the result count. */
  announcement(): string {
    const r = this.host.search;
    if (!this.host.query || r.status !== 'ready' || !r.value) return '';
    return resultCount(r.value.total, this.host.localeNow, r.value.totalCapped);
  }

  private renderPopup(): TemplateResult {
    const h = this.host;
    const open = this.popupOpen;
    const options = open ? this.options : [];
    const recent = !h.query;
    return html`<div class="popup" popover="manual" ?hidden=${!open} @mousedown=${this.keepFocus} @keydown=${this.onPopupKeydown}>
      ${open && !recent ? this.renderStatus() : nothing}
      ${open && recent && options.length
        ? html`<div class="popup-head">
            <span id="recent-label" class="label">${msg('Recent searches', { id: 'article-search-recent' })}</span>
            <button class="btn ghost small" part="button" @click=${() => void this.recent()?.clear()}>${msg('Clear', { id: 'article-search-recent-clear' })}</button>
          </div>`
        : nothing}
      <div id="listbox" role="listbox" part="listbox" class="listbox" ?hidden=${!options.length}
        aria-label=${recent ? msg('Recent searches', { id: 'article-search-recent' }) : msg('Articles', { id: 'article-search-articles' })}
        aria-busy=${h.search.status === 'loading' ? 'true' : 'false'}>
        ${options.map((o, i) => this.renderOption(o, i))}
      </div>
      ${open && !recent ? this.renderAfterResults() : nothing}
    </div>`;
  }

  private renderOption(o: Option, i: number): TemplateResult {
    const selected = i === this.host.active ? 'true' : 'false';
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
      ${articleMeta(hit, this.host.localeNow)}`;
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
    const r = this.host.search;
    return html`${r.offline ? offlineNotice(r.savedAt ?? null, this.host.localeNow, () => void r.refresh(), r.error) : nothing}
      ${r.status !== 'error' ? facets(this.host, r.value) : nothing}
      ${r.status === 'loading' && !r.value ? skeleton(3) : nothing}`;
  }

  /** Error, no results, signed-out hint and the count line: everything below the results. */
  private renderAfterResults(): TemplateResult {
    const r = this.host.search;
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
            <button class="btn small" part="button signin" @click=${() => emit(this.host, 'confab-auth-required', { action: 'search' })}>
              ${msg('Sign in', { id: 'article-search-signin' })}</button>
          </div>`
        : nothing}
      ${value.items.length && this.host.effectiveMode === 'popup'
        ? html`<div class="count meta" aria-hidden="true">${resultCount(value.total, this.host.localeNow, value.totalCapped)}</div>`
        : nothing}`;
  }

  // ----- inline mode -----

  private renderInline(): TemplateResult | typeof nothing {
    const h = this.host;
    if (!h.query) return this.recent()?.chips((q) => h.chooseRecent(q)) ?? nothing;
    const r = h.search;
    const items = r.status === 'error' ? [] : (r.value?.items ?? []);
    const total = r.value?.total ?? 0;
    return html`${this.renderStatus()}
      ${items.length
        ? html`<div class="count meta" aria-hidden="true">${resultCount(total, h.localeNow, r.value?.totalCapped)}</div>
            <ol class="results" part="listbox" aria-label=${msg('Articles', { id: 'article-search-articles' })}
              aria-busy=${r.status === 'loading' ? 'true' : 'false'} @keydown=${this.onResultsKeydown}>
              ${items.map((hit, i) => this.renderResult(hit, i))}
            </ol>
            ${total > items.length && h.limit < 100
              ? html`<button class="btn more" part="button more" @click=${() => (h.more += h.pageBase)}>
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
          ? html`<a id="result-${i}" class="result-link" href=${href}
              @click=${(e: Event) => { void this.recent()?.add(this.host.query); this.countClick(hit, e); }}>${title}</a>`
          : html`<button id="result-${i}" class="result-link" type="button"
              @click=${(e: Event) => this.choose({ kind: 'article', hit }, e)}>${title}</button>`}
      </h3>
      <p class="snippet clamp-2" dir="auto">${highlight(hit.snippet, hit.highlights.snippet)}</p>
      ${articleMeta(hit, this.host.localeNow)}
    </li>`;
  }
}
