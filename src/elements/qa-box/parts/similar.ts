import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { SimilarQuestion } from '../../../contract/index.js';
import type { CommunityBackend } from '../../../backends/types.js';
import { ResourceController } from '../../../core/resource.js';
import { emptyState, errorState, offlineNotice, skeleton } from '../../../ui/states.js';
import { Debounced } from './debounced.js';
import { answerCount, staleError } from './shared.js';

/** Similar questions are looked up once the title has this many characters (the contract's title minimum). */
const MIN_QUERY = 3;
/** What is sent to `similarQuestions`: collapsed whitespace, within the contract's 200 characters. */
const toQuery = (title: string): string => title.trim().replace(/\s+/g, ' ').slice(0, 200).trim();

/**
 * Up to `limit` similar questions, accepted first, then answered, then by similarity. The server
 * sorts this way too; sorting again keeps the promise with a backend that does not.
 */
export function rankSimilar(items: readonly SimilarQuestion[], limit = 5): SimilarQuestion[] {
  const rank = (q: SimilarQuestion) => (q.accepted ? 2 : q.answerCount > 0 ? 1 : 0);
  return [...items].sort((a, b) => rank(b) - rank(a) || b.similarity - a.similarity).slice(0, limit);
}

export interface SimilarOptions {
  backend: () => CommunityBackend | undefined;
  locale: () => string;
  /** The partner picked a question (click, or Enter on the active option). */
  onPick: (q: SimilarQuestion) => void;
  /** Questions arrived from the backend, after the `confab-load` the list fires. */
  onFresh?: (similar: SimilarQuestions) => void;
}

/**
 * The deflection list under the title field, as an ARIA combobox: the title `<input>` keeps focus and
 * points at the active option with `aria-activedescendant`. Requests are keyed on the debounced title,
 * so typing fast sends one and core's ResourceController aborts the ones no longer wanted.
 * Not a controller itself: the Debounced and ResourceController it creates are, on the same host.
 */
export class SimilarQuestions {
  /** The similar questions of the settled title. */
  readonly resource: ResourceController<SimilarQuestion[]>;
  private readonly query: Debounced;
  private active = -1;
  private open = true;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly o: SimilarOptions,
  ) {
    this.query = new Debounced(host, 250);
    this.resource = new ResourceController(host, {
      backend: o.backend,
      key: () => (this.query.value.length >= MIN_QUERY ? `similar:${this.query.value}` : null),
      fetch: (b, signal) => b.similarQuestions(this.query.value, { signal }),
      keepPrevious: true,
      what: 'similar-questions',
      onFresh: () => o.onFresh?.(this),
    });
  }

  /** The ranked questions of the title as typed now. */
  get items(): SimilarQuestion[] {
    return this.resource.value ? rankSimilar(this.resource.value) : [];
  }

  /** The title changed: look up after the debounce, or at once (`now`, e.g. a handoff prefill). */
  setTitle(title: string, now = false): void {
    this.open = true;
    this.active = -1;
    if (now) this.query.now(toQuery(title));
    else this.query.set(toQuery(title));
  }

  /** Attributes of the title field that make it the combobox. */
  get expanded(): boolean {
    return this.open && this.items.length > 0;
  }

  get activeId(): string | undefined {
    return this.expanded && this.active >= 0 && this.active < this.items.length ? `similar-${this.active}` : undefined;
  }

  /** Arrow keys move through the list, Enter opens the active question, Escape closes the list. */
  onKeydown(e: KeyboardEvent): void {
    const items = this.items;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      this.open = true;
      const n = items.length;
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active <= 0 ? n : this.active) - 1;
      this.host.requestUpdate();
    } else if (e.key === 'Enter') {
      // Enter in the title never posts a half-written question.
      e.preventDefault();
      const picked = this.open ? items[this.active] : undefined;
      if (picked) this.o.onPick(picked);
    } else if (e.key === 'Escape' && this.expanded) {
      e.preventDefault();
      this.open = false;
      this.active = -1;
      this.host.requestUpdate();
    }
  }

  /** "3 similar questions found." for the live region. */
  countSentence(): string {
    const n = this.items.length;
    const count = new Intl.NumberFormat(this.o.locale()).format(n);
    if (n === 0) return msg('No similar questions yet — ask away.', { id: 'qa-box-none-similar' });
    return n === 1 ? msg('1 similar question found.', { id: 'qa-box-one-similar' }) : msg(str`${count} similar questions found.`, { id: 'qa-box-n-similar' });
  }

  render(): TemplateResult {
    const res = this.resource;
    const retry = () => void res.refresh();
    const wanted = this.query.value.length >= MIN_QUERY;
    const items = this.open ? this.items : [];
    let state: TemplateResult | typeof nothing = nothing;
    if (!wanted) state = nothing;
    else if (res.status === 'error' && !res.value) state = errorState(res.error!, retry);
    else if (res.status === 'loading' && !res.value) state = skeleton(2);
    else if (res.value && !res.value.length) state = emptyState(msg('No similar questions yet — ask away.', { id: 'qa-box-none-similar' }));
    return html`<section class="similar" aria-labelledby="similar-heading" aria-busy=${res.status === 'loading' ? 'true' : 'false'} ?hidden=${!wanted}>
      <h3 id="similar-heading" class="subheading">${msg('Similar questions', { id: 'qa-box-similar-heading' })}</h3>
      ${res.offline ? offlineNotice(res.savedAt ?? null, this.o.locale(), retry, res.error) : nothing}
      ${res.status === 'error' && res.value ? staleError(res.error!, retry) : nothing}
      <ul id="similar-list" role="listbox" part="list" aria-labelledby="similar-heading" ?hidden=${!items.length}>
        ${items.map((q, i) => this.option(q, i))}
      </ul>
      ${state}
    </section>`;
  }

  private option(q: SimilarQuestion, i: number): TemplateResult {
    const active = i === this.active;
    return html`<li
      id="similar-${i}"
      role="option"
      part="item"
      class="option ${active ? 'active' : ''}"
      aria-selected=${active ? 'true' : 'false'}
      @mousedown=${(e: Event) => e.preventDefault() /* keep focus (and the caret) in the title */}
      @click=${() => this.o.onPick(q)}
      @mousemove=${() => {
        if (active) return;
        this.active = i;
        this.host.requestUpdate();
      }}
    >
      <span class="option-title" part="title" dir="auto">${q.title}</span>
      <span class="meta" part="meta">
        ${q.accepted
          ? html`<span class="badge success">${msg('Accepted answer', { id: 'qa-box-accepted' })}</span>`
          : answerCount(q.answerCount, this.o.locale())}
      </span>
      ${q.acceptedExcerpt ? html`<span class="excerpt clamp-2" part="excerpt" dir="auto">${q.acceptedExcerpt}</span>` : nothing}
    </li>`;
  }
}
