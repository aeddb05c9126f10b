import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Question } from '../../../contract/index.js';
import { DraftController } from '../../../core/drafts.js';
import { onOutboxChange, pending as outboxPending, startOutbox, submit as outboxSubmit, type OutboxChange, type OutboxEntry } from '../../../core/outbox.js';
import { persistentBackendId } from '../../../core/backend-id.js';
import { emit } from '../../../core/events.js';
import { AuthError, ConfabError, toConfabError } from '../../../core/errors.js';
import { composerStyles } from '../../../ui/composer.styles.js';
import { pendingBadge, writeError } from './shared.js';
import { SimilarQuestions } from './similar.js';
import { partStyles } from './shared.styles.js';
import { similarStyles } from './similar.styles.js';
import type { AskHost, DraftField } from '../host.js';
import { ASK_FIELDS, askErrors, type AskErrors, type AskField, type AskInput } from './validate.js';

const DRAFT_FIELDS = ['title', 'body', 'category', 'tags'] as const satisfies readonly DraftField[];

/** Styles of what this part renders: the similar list and the pending asks. */
export const styles = [composerStyles, partStyles, similarStyles];

/**
 * The behaviour behind the ask form: similar questions, validation, drafts and the outbox (queued asks,
 * their replay, the "posted" notice). `<confab-qa-box>` renders the fields itself and loads this part
 * once its first data has arrived, or at the first touch of the form if that comes sooner, so none of
 * it is in the box's first load.
 */
export class AskForm implements ReactiveController {
  readonly similar: SimilarQuestions;
  /** True while a question is being sent. */
  sending = false;
  /** A send that failed, or a queued ask the server refused later. */
  private error?: ConfabError;
  /** Fields the partner has left once (their errors show from then on) or all after a submit attempt. */
  private touched = new Set<AskField>();
  /** Fields blurred while a pointer was down, waiting for the click to finish. */
  private pressed?: Set<AskField>;
  /** A question the outbox posted after coming back online, offered to open. */
  private posted?: Question;
  private pendingAsks: OutboxEntry[] = [];
  /** Every field of the form survives a reload, not only the text the partner typed at length. */
  private readonly drafts: Record<DraftField, DraftController>;
  private scope = '';
  private unlisten?: () => void;

  constructor(private readonly host: AskHost) {
    this.similar = new SimilarQuestions(host, {
      backend: () => host.backendNow(),
      locale: () => host.localeNow(),
      onPick: (q) => host.openSimilar(q),
    });
    this.drafts = Object.fromEntries(DRAFT_FIELDS.map((f) => [f, new DraftController(host, () => this.draftKey(f))])) as Record<
      DraftField,
      DraftController
    >;
    host.addController(this);
  }

  /** Drafts and queued asks belong to a backend: `<id>:askQuestion`, or '' without a backend. */
  private get askScope(): string {
    const b = this.host.backendNow();
    return b ? `${persistentBackendId(b)}:askQuestion` : '';
  }

  private draftKey(field: DraftField): string | null {
    const scope = this.askScope;
    return scope ? `${scope}:${field}` : null;
  }

  hostConnected(): void {
    this.unlisten = onOutboxChange((change) => this.onOutbox(change));
  }

  hostDisconnected(): void {
    this.unlisten?.();
  }

  hostUpdate(): void {
    // Drafts and pending asks belong to a backend: reload them when it changes (or first appears).
    if (this.askScope === this.scope) return;
    this.scope = this.askScope;
    if (this.scope) void this.restoreDrafts();
    // Send what an earlier visit queued while offline (once per backend per page).
    const backend = this.host.backendNow();
    if (backend) startOutbox(backend);
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
    const backend = this.host.backendNow();
    if (!backend || this.sending) return;
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
    this.sending = true;
    this.error = undefined;
    this.posted = undefined;
    this.host.requestUpdate();
    try {
      const result = await outboxSubmit<Question>(backend, 'askQuestion', [this.host.askInput], { scope: this.askScope });
      this.host.resetForm();
      this.touched = new Set();
      this.similar.setTitle('', true);
      await Promise.all(DRAFT_FIELDS.map((f) => this.drafts[f].clear()));
      if (result.queued) {
        this.pendingAsks = [...this.pendingAsks.filter((p) => p.id !== result.entry.id), result.entry];
        this.host.announce(msg('You are offline. Your question is saved and will be posted when you are back online.', { id: 'qa-box-ask-queued' }));
        return;
      }
      const question = result.value;
      emit(this.host, 'confab-question-asked', { question });
      await this.host.showPosted(question);
    } catch (err) {
      const error = (this.error = toConfabError(err));
      this.host.reportError(error);
      if (error instanceof AuthError && error.status === 401) emit(this.host, 'confab-auth-required', { action: 'ask' });
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  private async restoreDrafts(): Promise<void> {
    const values = await Promise.all(DRAFT_FIELDS.map((f) => this.drafts[f].restore()));
    this.host.restoreDrafts(Object.fromEntries(DRAFT_FIELDS.map((f, i) => [f, values[i]])));
    await this.loadPendingAsks();
  }

  private async loadPendingAsks(): Promise<void> {
    const scope = this.askScope;
    if (!scope) return;
    this.pendingAsks = await outboxPending(scope).catch(() => [] as OutboxEntry[]);
    this.host.requestUpdate();
  }

  /** A queued question was sent by a replay (maybe after a reload) or refused: say so, offer to open it. */
  private onOutbox(change: OutboxChange): void {
    const entry = change.type === 'failed' ? change.failure.entry : change.type === 'dismissed' ? undefined : change.entry;
    if (entry && entry.scope !== this.askScope) return;
    if (change.type === 'sent' && change.value) {
      const question = change.value as Question;
      this.posted = question;
      emit(this.host, 'confab-question-asked', { question });
      this.host.announce(msg('Your question was posted.', { id: 'qa-box-replayed' }));
    } else if (change.type === 'failed') {
      this.error = new ConfabError(change.failure.message, change.failure.status, change.failure.problem);
    }
    this.host.requestUpdate();
    void this.loadPendingAsks();
  }

  /** The send error, the "posted" notice and the pending asks, above the form's actions. */
  render(): TemplateResult {
    return html`${this.error ? writeError(this.error) : nothing}
      ${this.posted ? this.renderPosted(this.posted) : nothing}
      ${this.pendingAsks.map(
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
