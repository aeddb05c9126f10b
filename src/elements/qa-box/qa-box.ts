import { html, nothing, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Me, Question, SimilarQuestion } from '../../contract/index.js';
import { ResourceController } from '../../core/resource.js';
import { LazyPart, partLoader } from '../../core/lazy-part.js';
import { emit } from '../../core/events.js';
import { tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { fields } from '../../styles/fields.js';
import { errorState, skeleton } from '../../ui/states.js';
import { ConfabElement } from '../confab-element.js';
import { qaBoxStyles } from './qa-box.styles.js';
import { listenForAsk } from './handoff.js';
import { DEFAULT_CATEGORIES, parseTags, splitList } from './categories.js';
import { backButton } from './back-button.js';
import { categoryAndTags, detailsField, signedOutNotice, submitRow, titleField } from './ask-fields.js';
import type { AskErrors, AskField, AskInput } from './parts/validate.js';
import type { AskForm } from './parts/ask-form.js';
import type { AnswerTarget, AskHost, DraftField, QuestionHost } from './host.js';

/** The ask form's behaviour, the question view and the details preview: each a lazy part (parts/). */
const askPart = partLoader(() => import('./parts/ask-form.js'));
const viewPart = partLoader(() => import('./parts/question-view.js'));
const previewPart = partLoader(() => import('./parts/preview.js'));
const followPart = partLoader(() => import('./parts/category-follow.js'));

/**
 * Peer Q&A with deflection. While a partner types a question title it shows similar questions that
 * already have accepted answers; picking one opens it inline, and "This answered my question" records a
 * deflection. Otherwise the partner asks (title, Markdown details with preview, category, tags), and
 * the question opens with its answers, votes and an answer box.
 *
 * @tag confab-qa-box
 * @summary Ask the community, see similar answered questions first, answer, vote and accept.
 *
 * @csspart follow - "Follow" of the box's category and of the open question (also `button`; `aria-pressed` while following).
 * @csspart base - The themed wrapper around everything.
 * @csspart header - The title row of each view.
 * @csspart form - The ask form.
 * @csspart input - Text fields and the category select.
 * @csspart list - The list of similar questions and the list of answers.
 * @csspart item - A similar question or an answer (answers also carry `answer`; queued writes `pending-question` / `pending-answer`).
 * @csspart answer - One answer (also `item`).
 * @csspart pending-question - A question waiting in the outbox (also `item`).
 * @csspart pending-answer - An answer waiting in the outbox (also `item`).
 * @csspart question - The open question: title, meta, votes and body.
 * @csspart tab - The Write / Preview tabs of the details field.
 * @csspart preview - The Markdown preview of the answer box.
 * @csspart title - A question's title.
 * @csspart meta - Author, time, counts.
 * @csspart body - A rendered Markdown body (also the details preview).
 * @csspart excerpt - The accepted answer's excerpt under a similar question.
 * @csspart chip - A tag or category chip.
 * @csspart button - Every button (plus a specific name: `back`, `submit`, `sign-in`, `vote-up`, `vote-down`, `accept`, `deflect`, `more`, `open-posted`, `retry`).
 * @csspart back - "Back to asking", out of an open question (also `button`).
 * @csspart submit - The button that posts a question or an answer (also `button`).
 * @csspart sign-in - The "Sign in" button of the signed-out notice and the answer box (also `button`).
 * @csspart vote-up - The up-vote button (also `button`).
 * @csspart vote-down - The down-vote button (also `button`).
 * @csspart accept - "Accept answer", shown to the asker (also `button`).
 * @csspart deflect - "This answered my question" (also `button`).
 * @csspart more - "Show more answers" (also `button`).
 * @csspart open-posted - Opens a question that was queued offline and has now been posted (also `button`).
 * @csspart retry - "Try again" on an error panel or the offline notice (also `button`).
 * @csspart deflection - The "Does this answer your question?" bar.
 * @csspart signed-out - The "Sign in to ask" notice.
 * @csspart posted - The notice that a question queued offline was posted.
 * @csspart offline-notice - "Offline: showing what was saved …" above cached data.
 * @csspart votes - The vote control of a question or an answer.
 * @csspart score - The score between the vote buttons.
 * @csspart accepted - The "Accepted answer" mark.
 * @csspart csat - "Did this solve your problem?", asked of the asker of an accepted question.
 * @csspart csat-send - Its "Send" button (also `button`).
 * @csspart csat-change - "Change" after answering (also `button`).
 * @csspart avatar - An author's picture or initials.
 * @csspart empty - The empty state.
 * @csspart error - Error panels and field messages.
 * @csspart skeleton - Loading placeholders.
 * @csspart composer - The answer box.
 * @csspart pending - The "pending" badge of a write waiting in the outbox.
 * @csspart report - "Report" on content that is not the partner's own (also `button`).
 * @csspart reported - "Reported", in place of the button once sent.
 * @csspart report-dialog - The report dialog (reason and note).
 * @csspart cancel - Closes the report dialog (also `button`).
 * @csspart mod-notice - "Awaiting review" / "Hidden by a moderator" on the author's own content.
 * @csspart mentions - The people suggested as you type `@` in a body (a listbox; see `src/ui/mention-suggest.ts`).
 * @csspart mention-option - One suggested person.
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
 * @fires confab-reported - The partner reported a question or an answer: `{ target, reason }`.
 *
 * @example
 * <confab-qa-box category="technical" categories="technical,deal-registration,marketing"></confab-qa-box>
 */
export class ConfabQaBox extends ConfabElement implements AskHost, QuestionHost {
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

  /** The "Follow" button of the box's category (notifications of new questions there): a lazy part. */
  private readonly followPart = new LazyPart(this, followPart, { create: (m) => new m.CategoryFollow(this) });

  /** @internal The signed-in partner's id, null when signed out, undefined while unknown. */
  get partnerId(): string | null | undefined {
    const me = this.meNow();
    return me ? (me.authenticated ? me.id : null) : undefined;
  }

  private readonly me = new ResourceController<Me>(this, {
    backend: () => this.backend,
    key: () => 'me',
    fetch: (b, signal) => b.me({ signal }),
    // Cached only in the partition of the partner a token names (core/identity.ts), never the shared
    // anonymous one (no getToken: a provider swapping clients, a cookie session), so it is never another
    // partner's: a returning partner's form shows who they are at once, and the answer to the token now
    // replaces the cached one. Uncached, the first view waited for this request.
    cache: 'partner',
    // "Nobody is signed in" names no one: where getToken gave no token it is cached in the shared anonymous
    // partition, so a signed-out return shows its state at once (core/resource.ts `namesNobody`).
    namesNobody: (me) => !me.authenticated,
  });
  private unlistenAsk?: () => void;
  private marked = false;
  /** Where focus goes once rendered: a selector, or an answer another element pointed at (`openItem`). */
  private focusAfterRender?: string | AnswerTarget;
  /**
   * The ask form's behaviour (similar questions, validation, drafts, outbox): loaded when the first data
   * has arrived (drafts, queued asks, outbox replay) or at the first touch of the form, whichever comes first.
   */
  private readonly askPart = new LazyPart(this, askPart, { create: (m) => new m.AskForm(this) });
  /** The question view (votes, answers, composer): loaded when a question opens, or earlier when similar ones appear. */
  private readonly viewPart = new LazyPart(this, viewPart, { create: (m) => new m.QuestionView(this) });
  /** The Markdown directive of the details preview, loaded when Preview is first chosen. */
  private readonly previewPart = new LazyPart(this, previewPart, { create: (m) => m.markdown });

  private get ask() {
    return this.askPart.value;
  }

  private get view() {
    return this.viewPart.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unlistenAsk = listenForAsk(this, (q) => this.prefill(q));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlistenAsk?.();
  }

  // ----- derived state -----

  /** @internal True signed in, false signed out, undefined while unknown (or unreachable: then writes go to the outbox). */
  get signedIn(): boolean | undefined {
    return this.me.status === 'ready' ? this.me.value!.authenticated : undefined;
  }

  private get categoryList(): string[] {
    const given = splitList(this.categories);
    const list = given.length ? given : [...DEFAULT_CATEGORIES];
    // A preselected category the list lacks is still offered rather than silently replaced.
    return this.category && !list.includes(this.category) ? [this.category, ...list] : list;
  }

  /** @internal */
  get askInput(): AskInput {
    return { title: this.titleText, body: this.body, category: this.chosenCategory, tags: parseTags(this.tagsText) };
  }

  // ----- lifecycle -----

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('category') || changed.has('categories') || !this.chosenCategory) {
      const list = this.categoryList;
      if (changed.has('category') || !list.includes(this.chosenCategory)) this.chosenCategory = this.category || list[0]!;
    }
    if (this.question) this.viewPart.prefetch();
    if (this.category && this.partnerId && typeof this.backend?.setFollow === 'function') this.followPart.prefetch();
    // Once the first data is in: what an earlier visit left (drafts, queued asks) and the outbox replay.
    if (this.me.status === 'ready' || this.me.status === 'error') this.askPart.prefetch();
    // The view switched under the partner's focus (e.g. the host set `question`): keep focus in the box.
    if (changed.has('question') && this.hasUpdated && !this.focusAfterRender && this.shadowRoot?.activeElement) {
      this.focusAfterRender = this.question ? '#question-title' : '#title';
    }
  }

  protected override updated(): void {
    if (!this.marked && (this.question ? this.view?.detail.status === 'ready' : this.me.status !== 'loading')) {
      this.marked = true;
      performance.mark('confab:qa-box:first-content');
    }
    const target = this.focusAfterRender;
    if (!target) return;
    // An answer another element pointed at: the question view lands on it; until its chunk is here, focus waits on Back.
    if (typeof target !== 'string' && this.view) {
      if (this.view.landOn(target)) this.focusAfterRender = undefined;
      return;
    }
    const el = typeof target === 'string' ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (el || !this.question || (this.view && this.view.detail.status !== 'loading')) this.focusAfterRender = undefined;
    // While the question loads, hold focus on Back rather than letting it fall to the page.
    const hold = el ?? (this.question ? this.renderRoot.querySelector<HTMLElement>('[part~=back]') : null);
    if (hold && this.shadowRoot!.activeElement !== hold) hold.focus();
  }

  /** @internal */
  announce(text: string): void {
    // Clear first so the same sentence twice is still spoken; after this update, not inside it.
    void Promise.resolve()
      .then(() => {
        this.announcement = '';
        return this.updateComplete;
      })
      .then(() => (this.announcement = text));
  }

  // ----- the host contract (host.ts), for the lazy parts -----

  /** @internal */
  backendNow() {
    return this.backend;
  }

  /** @internal */
  localeNow(): string {
    return this.locale;
  }

  /** @internal */
  get openQuestionId(): string | null {
    return this.question || null;
  }

  /** @internal Only a question picked from the similar ones can deflect, and only with what was typed. */
  get openedFrom(): string {
    return this.picked && this.picked.id === this.question ? this.picked.query : '';
  }

  private signedInName(): string | undefined {
    const me = this.meNow();
    return me?.authenticated ? me.name : undefined;
  }

  /** @internal */
  meNow(): Me | undefined {
    // A failed read (a rejected token) keeps the cached value on screen elsewhere; who is signed in must not.
    return this.me.status === 'error' ? undefined : this.me.value;
  }

  /** @internal */
  restoreDrafts({ title, body, category, tags }: Partial<Record<DraftField, string>>): void {
    // Typing (or a handoff) may have started before IndexedDB answered: never overwrite it.
    if (title && !this.titleText) this.setTitle(title, false);
    if (body && !this.body) this.body = body;
    if (tags && !this.tagsText) this.tagsText = tags;
    // Only a category this box still offers, and never over the page's own preset.
    if (category && !this.category && this.categoryList.includes(category)) this.chosenCategory = category;
  }

  /** @internal */
  focusField(field: AskField): void {
    this.bodyTab = 'write';
    this.focusAfterRender = `#${field}`;
  }

  /** @internal Similar questions arrived (after their `confab-load`). */
  similarArrived(sentence: string, count: number): void {
    this.announce(sentence);
    // One of these may be opened next: fetch the question view's chunk now, not on the click.
    if (count) this.viewPart.prefetch();
  }

  /** @internal */
  async showPosted(question: Question): Promise<void> {
    this.open(question.id);
    const view = await this.viewPart.load();
    await this.updateComplete;
    view?.show(question);
  }

  // ----- ask form -----

  /** Runs `use` with the ask form's behaviour: now if it is loaded, else once it is. */
  private withAsk(use: (ask: AskForm) => void): void {
    if (this.ask) use(this.ask);
    else void this.askPart.load().then((ask) => ask && use(ask));
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

  /** @internal */
  openSimilar(q: SimilarQuestion): void {
    this.picked = { id: q.id, query: this.titleText.trim() };
    this.open(q.id);
  }

  /**
   * Opens what another element points at (a notification, say) when it is a question, landing on
   * answer `anchor` when given; false for any other kind. See `elements/notifications/open-target.ts`.
   */
  openItem(kind: string, id: string, anchor?: string | null): boolean {
    if (kind !== 'question') return false;
    // Already open: fetch it again, since what is on screen may predate the answer pointed at.
    const reload = anchor && this.question === id && this.view;
    this.open(id);
    if (anchor) this.focusAfterRender = { answer: anchor, loadsBefore: this.view?.loadsRendered ?? 0 };
    if (reload) void this.view!.detail.refresh();
    return true;
  }

  /** @internal */
  open(id: string): void {
    this.question = id;
    this.focusAfterRender = '#question-title';
  }

  /** @internal */
  back(): void {
    this.question = undefined;
    this.focusAfterRender = '#title';
  }

  /** @internal After a send: the fields empty again (the ask form cleared the drafts and the similar list). */
  resetForm(): void {
    this.titleText = this.body = this.tagsText = '';
    this.bodyTab = 'write';
  }

  /** Shows the details tab `which`; the preview's Markdown renderer and styles load when it is first chosen. */
  private showTab(which: 'write' | 'preview'): void {
    this.bodyTab = which;
    if (which === 'preview') void this.previewPart.load();
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
      <div class="ask-head">
        <h2 id="ask-heading" class="heading" part="header">${msg('Ask the community', { id: 'qa-box-heading' })}</h2>
        ${this.category && this.followPart.value ? this.followPart.value.render() : nothing}
      </div>
      ${this.signedIn === false ? signedOutNotice(() => emit(this, 'confab-auth-required', { action: 'ask' })) : nothing}
      ${titleField({
        text: this.titleText,
        placeholder: this.placeholder,
        errors,
        similar,
        input: (text) => this.setTitle(text),
        blur: () => this.onBlur('title', this.titleText),
      })}
      ${similar ? similar.render() : nothing}
      ${detailsField({
        body: this.body,
        tab: this.bodyTab,
        errors,
        preview: this.previewPart.value,
        input: (body) => {
          this.body = body;
          this.withAsk((ask) => ask.saveDraft('body', body));
        },
        blur: () => this.onBlur('body', this.body),
        mentions: ask?.mentionField(),
        showTab: (which, focus) => {
          this.showTab(which);
          if (focus) this.focusAfterRender = `#tab-${which}`;
        },
      })}
      ${categoryAndTags({
        categories: this.categoryList,
        category: this.chosenCategory,
        tagsText: this.tagsText,
        errors,
        chooseCategory: (category) => {
          this.chosenCategory = category;
          this.withAsk((a) => a.saveDraft('category', category));
        },
        inputTags: (text) => {
          this.tagsText = text;
          this.withAsk((a) => (a.touch('tags'), a.saveDraft('tags', text)));
        },
      })}
      ${this.ask
        ? this.ask.render()
        : this.askPart.status === 'error' && this.askPart.error
          ? errorState(this.askPart.error, this.askPart.retry)
          : nothing}
      ${submitRow(this.signedInName(), !!ask?.sending, this.signedIn)}
    </form>`;
  }

  private renderQuestionView(): TemplateResult {
    if (this.view) return this.view.render();
    return html`<div class="question-view">
      ${backButton(() => this.back())}
      ${this.viewPart.status === 'error' && this.viewPart.error
        ? errorState(this.viewPart.error, this.viewPart.retry)
        : html`<div aria-busy="true">${skeleton(3)}</div>`}
    </div>`;
  }
}
