import { html, nothing, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Me, SimilarQuestion } from '../../contract/index.js';
import { ResourceController } from '../../core/resource.js';
import type { markdown } from '../../core/markdown-directive.js';
import { emit } from '../../core/events.js';
import { toConfabError, type ConfabError } from '../../core/errors.js';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { fields } from '../../styles/fields.js';
import { errorState, skeleton } from '../../ui/states.js';
import { ConfabElement } from '../confab-element.js';
import { qaBoxStyles } from './qa-box.styles.js';
import { listenForAsk } from './handoff.js';
import { DEFAULT_CATEGORIES, humanize, parseTags, splitList } from './categories.js';
import { backButton } from './back-button.js';
import type { AskErrors, AskField, AskInput } from './parts/validate.js';
import type { AskForm } from './parts/ask-form.js';
import type { QuestionView } from './parts/question-view.js';

/**
 * Peer Q&A with deflection. While a partner types a question title it shows similar questions that
 * already have accepted answers; picking one opens it inline, and "This answered my question" records a
 * deflection. Otherwise the partner asks (title, Markdown details with preview, category, tags), and
 * the question opens with its answers, votes and an answer box.
 *
 * @tag confab-qa-box
 * @summary Ask the community, see similar answered questions first, answer, vote and accept.
 *
 * @csspart base - The themed wrapper around everything.
 * @csspart header - The title row of each view.
 * @csspart form - The ask form.
 * @csspart input - Text fields and the category select.
 * @csspart list - The list of similar questions and the list of answers.
 * @csspart item - A similar question or an answer (answers also carry `answer`; queued writes `pending-question` / `pending-answer`).
 * @csspart question - The open question: title, meta, votes and body.
 * @csspart tab - The Write / Preview tabs of the details field.
 * @csspart title - A question's title.
 * @csspart meta - Author, time, counts.
 * @csspart body - A rendered Markdown body (also the details preview).
 * @csspart excerpt - The accepted answer's excerpt under a similar question.
 * @csspart chip - A tag or category chip.
 * @csspart button - Every button (plus a specific name: `back`, `submit`, `sign-in`, `vote-up`, `vote-down`, `accept`, `deflect`, `more`, `open-posted`, `retry`).
 * @csspart deflection - The "Does this answer your question?" bar.
 * @csspart signed-out - The "Sign in to ask" notice.
 * @csspart posted - The notice that a question queued offline was posted.
 * @csspart offline-notice - "Offline: showing what was saved …" above cached data.
 * @csspart votes - The vote control of a question or an answer.
 * @csspart score - The score between the vote buttons.
 * @csspart accepted - The "Accepted answer" mark.
 * @csspart avatar - An author's picture or initials.
 * @csspart empty - The empty state.
 * @csspart error - Error panels and field messages.
 * @csspart skeleton - Loading placeholders.
 * @csspart composer - The answer box.
 * @csspart pending - The "pending" badge of a write waiting in the outbox.
 *
 * @cssprop --confab-color-accent - Links, primary buttons, focus rings, the active similar question.
 * @cssprop --confab-color-success - The "Accepted answer" marks.
 * @cssprop --confab-color-surface - Background.
 * @cssprop --confab-color-text - Main text.
 * @cssprop --confab-color-muted - Meta lines and hints.
 * @cssprop --confab-color-border - Dividers and field borders.
 * @cssprop --confab-color-danger - Validation and error messages.
 * @cssprop --confab-radius - Corner radius.
 * @cssprop --confab-space - Spacing unit.
 * @cssprop --confab-font - Font family.
 * @cssprop --confab-font-size - Base font size.
 *
 * @fires confab-load - Similar questions (`what: 'similar-questions'`) or a question (`'question'`) arrived.
 * @fires confab-error - A fetch or a write failed; `detail.status` is the HTTP status (0: no response).
 * @fires confab-deflected - "This answered my question": `{ questionId, query }`.
 * @fires confab-question-asked - A question was posted: `{ question }`.
 * @fires confab-answer-accepted - The asker accepted an answer: `{ questionId, answerId }`.
 * @fires confab-auth-required - A signed-out partner tried to ask, answer or vote: `{ action }`.
 *
 * @example
 * <confab-qa-box category="technical" categories="technical,deal-registration,marketing"></confab-qa-box>
 */
export class ConfabQaBox extends ConfabElement {
  // The similar list, the pending asks, the preview and the question view add theirs when they load.
  static override styles = [tokens, controls, fields, qaBoxStyles];

  // Internal reactive state: no attribute, and kept out of custom-elements.json's public API (@private).
  static override properties: PropertyDeclarations = {
    category: { reflect: true },
    categories: {},
    placeholder: {},
    question: { reflect: true },
    /** @private */
    titleText: { state: true, attribute: false },
    /** @private */
    body: { state: true, attribute: false },
    /** @private */
    tagsText: { state: true, attribute: false },
    /** @private */
    chosenCategory: { state: true, attribute: false },
    /** @private */
    bodyTab: { state: true, attribute: false },
    /** @private */
    announcement: { state: true, attribute: false },
    /** @private */
    picked: { state: true, attribute: false },
    /** @private */
    viewError: { state: true, attribute: false },
    /** @private */
    askLoadError: { state: true, attribute: false },
  };

  /** The category the ask form preselects. */
  category?: string;
  /** Comma-separated categories for the ask form's select. Default: deal-registration, technical, marketing, partner-program. */
  categories?: string;
  /** Placeholder of the title field. Default: "e.g. How do I register a multi-year deal?". */
  placeholder?: string;
  /** The id of the open question. Set it to open a question directly; empty shows the ask form. */
  question?: string;

  private titleText = '';
  private body = '';
  private tagsText = '';
  private chosenCategory = '';
  private bodyTab: 'write' | 'preview' = 'write';
  private announcement = '';
  /** The title typed when a similar question was opened: what a deflection records. */
  private picked?: { id: string; query: string };
  /** The chunk with the question view failed to load (offline before it was ever fetched). */
  private viewError?: ConfabError;
  /** The chunk with the ask form's behaviour failed to load. */
  private askLoadError?: ConfabError;

  private readonly me = new ResourceController<Me>(this, {
    backend: () => this.backend,
    key: () => 'me',
    fetch: (b, signal) => b.me({ signal }),
    // Who is signed in must come from the token now, never from another partner's cached answer.
    cache: false,
  });
  private unlistenAsk?: () => void;
  private seen = new Map<string, { status: string; stale: boolean; error?: ConfabError }>();
  private marked = false;
  private focusAfterRender?: string;
  /** The question view, loaded on demand (see `questionView()`). */
  private view?: QuestionView;
  private viewLoading?: Promise<QuestionView>;
  /** The ask form's behaviour (similar questions, validation, drafts, outbox), loaded on demand (see `askForm()`). */
  private ask?: AskForm;
  private askLoading?: Promise<AskForm>;
  /** The Markdown directive of the details preview, loaded when Preview is first chosen. */
  private md?: typeof markdown;
  private mdLoading?: Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unlistenAsk = listenForAsk(this, (q) => this.prefill(q));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlistenAsk?.();
  }

  // ----- derived state -----

  /** True signed in, false signed out, undefined while unknown (or unreachable: then writes go to the outbox). */
  private get signedIn(): boolean | undefined {
    return this.me.status === 'ready' ? this.me.value!.authenticated : undefined;
  }

  private get categoryList(): string[] {
    const given = splitList(this.categories);
    const list = given.length ? given : [...DEFAULT_CATEGORIES];
    // A preselected category the list lacks is still offered rather than silently replaced.
    return this.category && !list.includes(this.category) ? [this.category, ...list] : list;
  }

  private get input(): AskInput {
    return { title: this.titleText, body: this.body, category: this.chosenCategory, tags: parseTags(this.tagsText) };
  }

  // ----- lifecycle -----

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('category') || changed.has('categories') || !this.chosenCategory) {
      const list = this.categoryList;
      if (changed.has('category') || !list.includes(this.chosenCategory)) this.chosenCategory = this.category || list[0]!;
    }
    if (this.question && !this.view) void this.questionView().catch(() => {});
    // Once the first data is in: what an earlier visit left (drafts, queued asks) and the outbox replay.
    if (!this.ask && (this.me.status === 'ready' || this.me.status === 'error')) this.withAsk(() => {});
    // The view switched under the partner's focus (e.g. the host set `question`): keep focus in the box.
    if (changed.has('question') && this.hasUpdated && !this.focusAfterRender && this.shadowRoot?.activeElement) {
      this.focusAfterRender = this.question ? '#question-title' : '#title';
    }
  }

  protected override updated(): void {
    const similar = this.ask?.similar;
    if (similar) {
      this.reportTransitions('similar-questions', similar.resource, () => {
        this.announce(similar.countSentence());
        // One of these may be opened next: fetch the question view's chunk now, not on the click.
        if (similar.items.length) void this.questionView().catch(() => {});
      });
    }
    if (this.view) this.reportTransitions('question', this.view.detail);
    if (!this.marked && (this.question ? this.view?.detail.status === 'ready' : this.me.status !== 'loading')) {
      this.marked = true;
      performance.mark('confab:qa-box:first-content');
    }
    if (this.focusAfterRender) {
      const el = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      if (el || !this.question || (this.view && this.view.detail.status !== 'loading')) this.focusAfterRender = undefined;
      // While the question loads, hold focus on Back rather than letting it fall to the page.
      const hold = el ?? (this.question ? this.renderRoot.querySelector<HTMLElement>('[part~=back]') : null);
      if (hold && this.shadowRoot!.activeElement !== hold) hold.focus();
    }
  }

  /**
   * A `confab-load` / `confab-error` pair around each resource's fetches: load when fresh data replaces
   * a loading, stale or failed state (a local `mutate()` after a vote is not a load), error once per failure.
   */
  private reportTransitions(what: string, res: ResourceController<unknown>, onLoad?: () => void): void {
    const prev = this.seen.get(what);
    this.seen.set(what, { status: res.status, stale: res.stale, error: res.error });
    const fresh = res.status === 'ready' && !res.stale;
    if (fresh && (!prev || prev.status !== 'ready' || prev.stale)) {
      emit(this, 'confab-load', { what });
      onLoad?.();
    } else if (res.error && res.error !== prev?.error) this.reportError(res.error);
  }

  private announce(text: string): void {
    // Clear first so the same sentence twice is still spoken; after this update, not inside it.
    void Promise.resolve()
      .then(() => {
        this.announcement = '';
        return this.updateComplete;
      })
      .then(() => (this.announcement = text));
  }

  // ----- ask form -----

  /**
   * Loads the ask form's behaviour in its own chunk, once: when the first data has arrived (drafts,
   * queued asks, outbox replay) or at the first touch of the form, whichever comes first.
   */
  private askForm(): Promise<AskForm> {
    this.askLoading ??= import('./parts/ask-form.js').then(
      ({ AskForm }) => {
        this.askLoadError = undefined;
        this.adoptPartStyles(AskForm.styles);
        this.ask = new AskForm(this, {
          backend: () => this.backend,
          locale: () => this.locale,
          onPick: (q) => this.openSimilar(q),
          onRestore: ({ title, body, category, tags }) => {
            // Typing (or a handoff) may have started before IndexedDB answered: never overwrite it.
            if (title && !this.titleText) this.setTitle(title, false);
            if (body && !this.body) this.body = body;
            if (tags && !this.tagsText) this.tagsText = tags;
            // Only a category this box still offers, and never over the page's own preset.
            if (category && !this.category && this.categoryList.includes(category)) this.chosenCategory = category;
          },
          open: (id) => this.open(id),
          announce: (text) => this.announce(text),
          input: () => this.input,
          signedIn: () => this.signedIn,
          focusField: (field) => {
            this.bodyTab = 'write';
            this.focusAfterRender = `#${field}`;
          },
          reset: () => this.resetForm(),
          show: async (question) => {
            this.open(question.id);
            const view = await this.questionView();
            await this.updateComplete;
            view.show(question);
          },
          reportError: (error) => this.reportError(error),
        });
        this.requestUpdate();
        return this.ask;
      },
      (e: unknown) => {
        this.askLoading = undefined;
        this.askLoadError = toConfabError(e);
        throw this.askLoadError;
      },
    );
    return this.askLoading;
  }

  /** Runs `use` with the ask form's behaviour: now if it is loaded, else once it is. */
  private withAsk(use: (ask: AskForm) => void): void {
    if (this.ask) use(this.ask);
    else void this.askForm().then(use, () => {});
  }

  private setTitle(text: string, save = true): void {
    this.titleText = text;
    this.withAsk((ask) => ask.setTitle(text, { save }));
  }

  /** The `confab-ask` handoff: a search found nothing, so offer to ask it here. */
  private prefill(query: string): void {
    this.question = undefined;
    this.titleText = query;
    this.withAsk((ask) => ask.setTitle(query, { now: true }));
    this.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    this.focusAfterRender = '#title';
  }

  /** Leaving a field with text in it shows its problems. Not when it blurs because a question opened. */
  private onBlur(field: AskField, value: string): void {
    if (value && !this.question) this.withAsk((ask) => ask.blur(field));
  }

  private openSimilar(q: SimilarQuestion): void {
    this.picked = { id: q.id, query: this.titleText.trim() };
    this.open(q.id);
  }

  private open(id: string): void {
    this.question = id;
    this.focusAfterRender = '#question-title';
  }

  private back(): void {
    this.question = undefined;
    this.focusAfterRender = '#title';
  }

  /** After a send: the fields empty again (the ask form cleared the drafts and the similar list). */
  private resetForm(): void {
    this.titleText = this.body = this.tagsText = '';
    this.bodyTab = 'write';
  }

  /** Shows the details tab `which`; the preview's Markdown renderer and styles load when it is first chosen. */
  private showTab(which: 'write' | 'preview'): void {
    this.bodyTab = which;
    if (which === 'preview') this.mdLoading ??= this.loadPreview();
  }

  private async loadPreview(): Promise<void> {
    try {
      const [{ markdown }, { prose }] = await Promise.all([import('../../core/markdown-directive.js'), import('../../styles/prose.js')]);
      this.adoptPartStyles([prose]);
      this.md = markdown;
      this.requestUpdate();
    } catch {
      // Offline before it was ever fetched: the plain text stays, as the directive itself does.
      this.mdLoading = undefined;
    }
  }

  /**
   * Loads the question view (votes, answers, the composer) in its own chunk, once. Asked for when a
   * question opens and, earlier, when similar questions appear, so it is usually there by the click.
   */
  private questionView(): Promise<QuestionView> {
    this.viewLoading ??= import('./parts/question-view.js').then(
      ({ QuestionView }) => {
        this.adoptPartStyles(QuestionView.styles);
        this.view = new QuestionView(this, {
          backend: () => this.backend,
          questionId: () => this.question || null,
          me: () => this.me.value,
          signedIn: () => this.signedIn,
          locale: () => this.locale,
          // Only a question picked from the similar ones can deflect, and only with what was typed.
          openedFrom: () => (this.picked && this.picked.id === this.question ? this.picked.query : ''),
          announce: (text) => this.announce(text),
          back: () => this.back(),
        });
        this.requestUpdate();
        return this.view;
      },
      (e: unknown) => {
        this.viewLoading = undefined;
        this.viewError = toConfabError(e);
        throw this.viewError;
      },
    );
    return this.viewLoading;
  }

  // ----- rendering -----

  protected override render(): TemplateResult {
    return this.frame(
      html`${this.question ? this.renderQuestionView() : this.renderAsk()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`,
      msg('Questions and answers', { id: 'qa-box-label' }),
    );
  }

  private renderAsk(): TemplateResult {
    const ask = this.ask;
    const similar = ask?.similar;
    const errors: AskErrors = ask?.errors() ?? {};
    const describe = (f: AskField, hint?: string) => [hint, errors[f] ? `${f}-error` : ''].filter(Boolean).join(' ') || undefined;
    // Plain `.value` bindings, no `live()`: each field writes its state on every input, so the value last
    // rendered is always the field's own, and a reset or a prefill to a different text is applied.
    // Submitting, blurring and the first focus all need the ask form's behaviour: load it at the first touch.
    return html`<form
      part="form"
      class="ask"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        this.withAsk((a) => void a.submit());
      }}
      @pointerdown=${() => (ask ? ask.pointerDown() : this.withAsk(() => {}))}
      @focusin=${() => this.withAsk(() => {})}
      aria-labelledby="ask-heading"
    >
      <h2 id="ask-heading" class="heading" part="header">${msg('Ask the community', { id: 'qa-box-heading' })}</h2>
      ${this.signedIn === false
        ? html`<p class="notice" part="signed-out">
            <span>${msg('Sign in to ask. You can still look for similar questions.', { id: 'qa-box-signin-hint' })}</span>
            <button type="button" class="btn small" part="button sign-in" @click=${() => emit(this, 'confab-auth-required', { action: 'ask' })}>
              ${msg('Sign in', { id: 'qa-box-signin' })}
            </button>
          </p>`
        : nothing}
      <div class="field">
        <label for="title">${msg('Your question', { id: 'qa-box-title-label' })}</label>
        <input
          id="title"
          class="input"
          part="input"
          type="text"
          role="combobox"
          dir="auto"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${similar?.expanded ? 'true' : 'false'}
          aria-controls="similar-list"
          aria-activedescendant=${similar?.activeId ?? nothing}
          aria-invalid=${errors.title ? 'true' : 'false'}
          aria-describedby=${describe('title', 'title-hint') ?? nothing}
          placeholder=${this.placeholder ?? msg('e.g. How do I register a multi-year deal?', { id: 'qa-box-placeholder' })}
          .value=${this.titleText}
          @input=${(e: Event) => this.setTitle((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            // Enter in the title never posts a half-written question, even before the list has loaded.
            if (similar) similar.onKeydown(e);
            else if (e.key === 'Enter') e.preventDefault();
          }}
          @blur=${() => this.onBlur('title', this.titleText)}
        />
        <span class="hint" id="title-hint">${msg('We look for similar questions as you type. Use the arrow keys to pick one.', { id: 'qa-box-title-hint' })}</span>
        ${this.fieldError('title', errors)}
      </div>
      ${similar ? similar.render() : nothing}
      <div class="field">
        <div class="label-row">
          <label for="body" id="body-label">${msg('Details', { id: 'qa-box-body-label' })}</label>
          <div class="tabs" role="tablist" aria-label=${msg('Details', { id: 'qa-box-body-label' })}>
            ${this.tabButton('write', msg('Write', { id: 'qa-box-write' }))} ${this.tabButton('preview', msg('Preview', { id: 'qa-box-preview' }))}
          </div>
        </div>
        <div id="body-panel" role="tabpanel" aria-labelledby=${this.bodyTab === 'write' ? 'tab-write' : 'tab-preview'}>
          <textarea
            id="body"
            class="input"
            part="input"
            dir="auto"
            ?hidden=${this.bodyTab !== 'write'}
            aria-invalid=${errors.body ? 'true' : 'false'}
            aria-describedby=${describe('body', 'body-hint') ?? nothing}
            .value=${this.body}
            @input=${(e: Event) => {
              const body = (this.body = (e.target as HTMLTextAreaElement).value);
              this.withAsk((ask) => ask.saveDraft('body', body));
            }}
            @blur=${() => this.onBlur('body', this.body)}
          ></textarea>
          ${this.bodyTab === 'preview'
            ? html`<div class="preview prose" part="body" tabindex="0" dir="auto">
                ${this.body.trim() ? (this.md ? this.md(this.body) : this.body) : html`<span class="hint">${msg('Nothing to preview yet.', { id: 'qa-box-nothing-preview' })}</span>`}
              </div>`
            : nothing}
        </div>
        <span class="hint" id="body-hint">${msg('Markdown supported. Say what you tried and what happened.', { id: 'qa-box-body-hint' })}</span>
        ${this.fieldError('body', errors)}
      </div>
      <div class="pair">
        <div class="field">
          <label for="category">${msg('Category', { id: 'qa-box-category-label' })}</label>
          <select
            id="category"
            class="input"
            part="input"
            aria-invalid=${errors.category ? 'true' : 'false'}
            aria-describedby=${describe('category') ?? nothing}
            @change=${(e: Event) => {
              this.chosenCategory = (e.target as HTMLSelectElement).value;
              this.withAsk((a) => a.saveDraft('category', this.chosenCategory));
            }}
          >
            ${this.categoryList.map((c) => html`<option value=${c} ?selected=${c === this.chosenCategory}>${humanize(c)}</option>`)}
          </select>
          ${this.fieldError('category', errors)}
        </div>
        <div class="field">
          <label for="tags">${msg('Tags', { id: 'qa-box-tags-label' })}</label>
          <input
            id="tags"
            class="input"
            part="input"
            type="text"
            autocomplete="off"
            aria-invalid=${errors.tags ? 'true' : 'false'}
            aria-describedby=${describe('tags', 'tags-hint') ?? nothing}
            .value=${this.tagsText}
            @input=${(e: Event) => {
              this.tagsText = (e.target as HTMLInputElement).value;
              this.withAsk((a) => (a.touch('tags'), a.saveDraft('tags', this.tagsText)));
            }}
          />
          <span class="hint" id="tags-hint">${msg('Up to 5, separated by commas.', { id: 'qa-box-tags-hint' })}</span>
          ${parseTags(this.tagsText).length
            ? html`<ul class="chips" aria-label=${msg('Tags', { id: 'qa-box-tags-label' })}>
                ${parseTags(this.tagsText).map((t) => html`<li class="chip" part="chip">${t}</li>`)}
              </ul>`
            : nothing}
          ${this.fieldError('tags', errors)}
        </div>
      </div>
      ${this.ask
        ? this.ask.render()
        : this.askLoadError
          ? errorState(this.askLoadError, () => this.withAsk(() => {}))
          : nothing}
      <div class="actions">
        ${this.me.value?.authenticated
          ? html`<span class="hint" part="meta">${msg(str`Posting as ${this.me.value.name}`, { id: 'qa-box-posting-as' })}</span>`
          : nothing}
        <button type="submit" class="btn primary" part="button submit" ?disabled=${!!ask?.sending}>
          ${ask?.sending ? msg('Posting…', { id: 'qa-box-posting' }) : this.signedIn === false ? msg('Sign in to ask', { id: 'qa-box-signin-to-ask' }) : msg('Post your question', { id: 'qa-box-submit' })}
        </button>
      </div>
    </form>`;
  }

  private tabButton(which: 'write' | 'preview', text: string): TemplateResult {
    const selected = this.bodyTab === which;
    return html`<button
      type="button"
      role="tab"
      part="tab"
      id="tab-${which}"
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls="body-panel"
      tabindex=${selected ? '0' : '-1'}
      @click=${() => this.showTab(which)}
      @keydown=${(e: KeyboardEvent) => {
        if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
        e.preventDefault();
        this.showTab(this.bodyTab === 'write' ? 'preview' : 'write');
        this.focusAfterRender = `#tab-${this.bodyTab}`;
      }}
    >${text}</button>`;
  }

  private fieldError(field: AskField, errors: AskErrors): TemplateResult | typeof nothing {
    return errors[field] ? html`<span class="field-error" part="error" id="${field}-error">${errors[field]}</span>` : nothing;
  }

  private renderQuestionView(): TemplateResult {
    if (this.view) return this.view.render();
    const retry = () => {
      this.viewError = undefined;
      void this.questionView().catch(() => {});
    };
    return html`<div class="question-view">
      ${backButton(() => this.back())}
      ${this.viewError ? errorState(this.viewError, retry) : html`<div aria-busy="true">${skeleton(3)}</div>`}
    </div>`;
  }
}
