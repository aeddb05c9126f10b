import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Question } from '../../../contract/index.js';
import { DraftController } from '../../../core/drafts.js';
import { WriteController } from '../../../core/write.js';
import { emit } from '../../../core/events.js';
import { ConfabError } from '../../../core/errors.js';
import { composerStyles } from '../../../ui/composer.styles.js';
import { mentionStyles } from '../../../ui/mention-suggest.styles.js';
import { mentionChipStyles } from '../../../styles/mention-chip.js';
import { MentionSuggest, mentionCombobox, mentionListbox } from '../../../ui/mention-suggest.js';
import { pendingBadge } from '../../../ui/pending.js';
import { writeError } from './shared.js';
import { SimilarQuestions } from './similar.js';
import { partStyles } from './shared.styles.js';
import { similarStyles } from './similar.styles.js';
import type { AskHost, DraftField } from '../host.js';
import { ASK_FIELDS, askErrors, type AskErrors, type AskField, type AskInput } from './validate.js';

const DRAFT_FIELDS = ['title', 'body', 'category', 'tags'] as const satisfies readonly DraftField[];

/** Styles of what this part renders: the similar list and the pending asks. */
export const styles = [composerStyles, mentionStyles, mentionChipStyles, partStyles, similarStyles];

/**
 * The behaviour behind the ask form: similar questions, validation, drafts and the outbox (queued asks,
 * their replay, the "posted" notice). `<confab-qa-box>` renders the fields itself and loads this part
 * once its first data has arrived, or at the first touch of the form if that comes sooner, so none of
 * it is in the box's first load.
 */
export class AskForm implements ReactiveController {
  readonly similar: SimilarQuestions;
  /** @mention suggestions in the details field. */
  readonly mentions: MentionSuggest;
  /** A send that failed, or a queued ask the server refused later. */
  private error?: ConfabError;
  /** Fields the partner has left once (their errors show from then on) or all after a submit attempt. */
  private touched = new Set<AskField>();
  /** Fields blurred while a pointer was down, waiting for the click to finish. */
  private pressed?: Set<AskField>;
  /** A question the outbox posted after coming back online, offered to open. */
  private posted?: Question;
  /** Sends through the outbox; lists the asks waiting in it. */
  private readonly writes: WriteController<Question>;
  /** Every field of the form survives a reload, not only the text the partner typed at length. */
  private readonly drafts: Record<DraftField, DraftController>;
  private scope = '';

  constructor(private readonly host: AskHost) {
    this.similar = new SimilarQuestions(host, {
      backend: () => host.backendNow(),
      locale: () => host.localeNow(),
      onPick: (q) => host.openSimilar(q),
      onFresh: (similar) => host.similarArrived(similar.countSentence(), similar.items.length),
    });
    this.mentions = new MentionSuggest(host, { backend: () => host.backendNow() });
    this.writes = new WriteController<Question>(host, {
      method: 'askQuestion',
      backend: () => host.backendNow(),
      authAction: 'ask',
      onReplayed: (question) => this.replayed(question),
      onRefused: (failure) => (this.error = new ConfabError(failure.message, failure.status, failure.problem)),
    });
    this.drafts = Object.fromEntries(DRAFT_FIELDS.map((f) => [f, new DraftController(host, () => this.draftKey(f))])) as Record<
      DraftField,
      DraftController
    >;
    host.addController(this);
  }

  /**
   * What the box puts on and after its details textarea for @mention suggestions. Built here, in the
   * lazy part, so the box's first load carries neither the directive nor the popup.
   */
  mentionField(): { combobox: unknown; listbox: unknown } {
    return {
      combobox: mentionCombobox(this.mentions),
      listbox: mentionListbox(this.mentions, msg('People to mention', { id: 'composer-mentions' })),
    };
  }

  /** True while a question is being sent. */
  get sending(): boolean {
    return this.writes.sending;
  }

  /** Drafts belong to a backend, like queued asks: `<id>:askQuestion:<field>`, or null without a backend. */
  private draftKey(field: DraftField): string | null {
    const scope = this.writes.scope;
    return scope ? `${scope}:${field}` : null;
  }

  hostUpdate(): void {
    // Drafts belong to a backend: reload them when it changes (or first appears).
    if (this.writes.scope === this.scope) return;
    this.scope = this.writes.scope;
    if (this.scope) void this.restoreDrafts();
  }

  /** The title changed: look up similar questions (at once with `now`) and keep it as a draft (`save`). */
  setTitle(text: string, { now = false, save = true } = {}): void {
    this.similar.setTitle(text, now);
    if (save) this.drafts.title.update(text);
  }

  /** Keeps what the partner typed or chose in `field` as a draft. */
  saveDraft(field: Exclude<DraftField, 'title'>, text: string): void {
    this.drafts[field].update(text);
  }

  /** The problems of the fields the partner has touched, one localised sentence each. */
  errors(): AskErrors {
    if (!this.touched.size) return {};
    const all = askErrors(this.host.askInput);
    return Object.fromEntries(Object.entries(all).filter(([k]) => this.touched.has(k as AskField)));
  }

  touch(field: AskField): void {
    if (this.touched.has(field)) return;
    this.touched = new Set([...this.touched, field]);
    this.host.requestUpdate();
  }

  /** The partner left a field with text in it: show its problems. */
  blur(field: AskField): void {
    // A message appearing mid-click shifts the layout and the click lands nowhere (e.g. on Post).
    // While a pointer is down, show it once the click is over.
    if (this.pressed) this.pressed.add(field);
    else this.touch(field);
  }

  pointerDown(): void {
    if (this.pressed) return;
    const pressed = (this.pressed = new Set<AskField>());
    const release = () => {
      removeEventListener('pointerup', release, true);
      removeEventListener('pointercancel', release, true);
      // After the click that follows pointerup has been dispatched.
      setTimeout(() => {
        this.pressed = undefined;
        for (const f of pressed) this.touch(f);
      });
    };
    addEventListener('pointerup', release, true);
    addEventListener('pointercancel', release, true);
  }

  /**
   * Validates and sends the question through the outbox. Posted: the box opens it; queued (offline):
   * it is listed as pending and announced. Either way the fields, drafts and similar list are cleared.
   */
  async submit(): Promise<void> {
    if (!this.writes.scope || this.sending) return;
    if (this.host.signedIn === false) {
      emit(this.host, 'confab-auth-required', { action: 'ask' });
      return;
    }
    this.touched = new Set(ASK_FIELDS);
    const errors = askErrors(this.host.askInput);
    const first = ASK_FIELDS.find((f) => errors[f]);
    if (first) {
      this.host.focusField(first);
      this.host.requestUpdate();
      return;
    }
    this.error = undefined;
    this.posted = undefined;
    const outcome = await this.writes.send([this.host.askInput]);
    if (!outcome) return;
    if (outcome.status === 'failed') {
      this.error = outcome.error;
      this.host.reportError(outcome.error);
      this.host.requestUpdate();
      return;
    }
    this.host.resetForm();
    this.touched = new Set();
    this.similar.setTitle('', true);
    this.host.requestUpdate();
    await Promise.all(DRAFT_FIELDS.map((f) => this.drafts[f].clear()));
    if (outcome.status === 'queued') {
      this.host.announce(msg('You are offline. Your question is saved and will be posted when you are back online.', { id: 'qa-box-ask-queued' }));
      return;
    }
    const question = outcome.value;
    emit(this.host, 'confab-question-asked', { question });
    await this.host.showPosted(question);
  }

  private async restoreDrafts(): Promise<void> {
    const values = await Promise.all(DRAFT_FIELDS.map((f) => this.drafts[f].restore()));
    this.host.restoreDrafts(Object.fromEntries(DRAFT_FIELDS.map((f, i) => [f, values[i]])));
  }

  /** A queued question was sent by a replay (maybe after a reload): say so, offer to open it. */
  private replayed(question: Question | undefined): void {
    if (!question) return; // another tab sent it, and says so there
    this.posted = question;
    emit(this.host, 'confab-question-asked', { question });
    this.host.announce(msg('Your question was posted.', { id: 'qa-box-replayed' }));
  }

  /** The send error, the "posted" notice and the pending asks, above the form's actions. */
  render(): TemplateResult {
    return html`${this.error ? writeError(this.error) : nothing}
      ${this.posted ? this.renderPosted(this.posted) : nothing}
      ${this.writes.pending.map(
        (p) => html`<div class="pending-item" part="item pending-question">
          <strong>${(p.args[0] as AskInput | undefined)?.title ?? ''}</strong> ${pendingBadge()}
        </div>`,
      )}`;
  }

  private renderPosted(q: Question): TemplateResult {
    return html`<div class="notice" part="posted">
      <span>${msg(str`Your question “${q.title}” was posted.`, { id: 'qa-box-posted' })}</span>
      <button type="button" class="btn small" part="button open-posted" @click=${() => {
        this.posted = undefined;
        this.host.open(q.id);
      }}>${msg('View it', { id: 'qa-box-view-posted' })}</button>
    </div>`;
  }
}
