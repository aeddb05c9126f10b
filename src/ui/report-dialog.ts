/**
 * The "Report" action of the feed and the Q&A box (issue 14): a button on content that is not the
 * partner's own, and a small modal dialog (native `<dialog>`: focus stays inside, Escape closes)
 * asking for a reason and an optional note. Only lazily loaded parts import this module (the thread
 * panels, the question view), so no element's first load carries it; the feed's rows render their
 * own small eager button (forum-feed/thread-row.ts) that opens this dialog once the panels are here.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { ContentRef, FlagReason } from '../contract/index.js';
import { canReport } from '../backends/moderation.js';
import type { CommunityBackend } from '../backends/types.js';
import { emit } from '../core/events.js';
import { toConfabError, type ConfabError } from '../core/errors.js';
import { errorText } from './error-text.js';

/** What the dialog needs of the element that shows it. */
export interface ReportHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  backendNow(): CommunityBackend | undefined;
  /** Says `text` in the element's live region. */
  announce(text: string): void;
}

/** The reasons, in the order the dialog offers them (the contract's FLAG_REASONS). */
const REASONS = ['spam', 'off-topic', 'inappropriate', 'other'] as const satisfies readonly FlagReason[];

function reasonText(r: FlagReason): string {
  switch (r) {
    case 'spam': return msg('Spam or advertising', { id: 'report-reason-spam' });
    case 'off-topic': return msg('Off-topic', { id: 'report-reason-off-topic' });
    case 'inappropriate': return msg('Inappropriate or abusive', { id: 'report-reason-inappropriate' });
    case 'other': return msg('Something else', { id: 'report-reason-other' });
  }
}

const keyOf = (ref: ContentRef) => `${ref.kind}:${ref.id}`;

/** One element's report dialog: which item is being reported, the form's fields, what was reported. */
export class ReportController implements ReactiveController {
  target: ContentRef | undefined;
  reason: FlagReason = 'spam';
  note = '';
  sending = false;
  error: ConfabError | undefined;
  private readonly reported = new Set<string>();
  private opener: HTMLElement | null = null;
  /** Where focus goes back when the opener is gone ("Reported" took its place): its row, post or answer. */
  private openerItem: HTMLElement | null = null;

  constructor(private readonly host: ReportHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The "Report" button for `ref`, or "Reported" once sent; nothing where reports are not possible. */
  button(ref: ContentRef, authorId: string, meId: string | null): TemplateResult | typeof nothing {
    // Signed-out visitors and the author themself get no Report action; nor does a backend without reports.
    if (!meId || meId === authorId || !canReport(this.host.backendNow())) return nothing;
    if (this.reported.has(keyOf(ref))) return html`<span class="reported" part="reported">${msg('Reported', { id: 'report-done-label' })}</span>`;
    return html`<button type="button" class="btn ghost small report" part="button report" data-report=${keyOf(ref)}
      @click=${(e: Event) => this.open(ref, e.currentTarget as HTMLElement)}>${msg('Report', { id: 'report-button' })}</button>`;
  }

  /** Whether `ref` was reported from this page (the button shows "Reported" instead). */
  isReported(ref: ContentRef): boolean {
    return this.reported.has(keyOf(ref));
  }

  open(ref: ContentRef, opener: HTMLElement | null): void {
    this.target = ref;
    this.reason = 'spam';
    this.note = '';
    this.error = undefined;
    this.opener = opener;
    this.openerItem = opener?.parentElement?.closest<HTMLElement>('[tabindex]') ?? null;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.dialog()?.showModal());
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.report-dialog');
  }

  /** The dialog closed (Escape, Cancel, or sent): forget the target and give focus back. */
  private onClose = (): void => {
    this.target = undefined;
    this.host.requestUpdate();
    const opener = this.opener;
    const item = this.openerItem;
    void this.host.updateComplete.then(() => {
      // The button becomes "Reported" after a send: focus the item it was on, else the button.
      if (opener?.isConnected) opener.focus();
      else if (item?.isConnected) item.focus();
    });
  };

  private submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const target = this.target;
    const backend = this.host.backendNow();
    if (!target || !canReport(backend) || this.sending) return;
    this.sending = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const note = this.note.trim();
      await backend.createFlag({ target, reason: this.reason, ...(note ? { note } : {}) });
      this.reported.add(keyOf(target));
      emit(this.host, 'confab-reported', { target, reason: this.reason });
      this.host.announce(msg('Thank you. The moderators will review it.', { id: 'report-sent' }));
      this.sending = false;
      this.dialog()?.close();
    } catch (err) {
      const error = toConfabError(err);
      // Reported before (409): as good as sent, say so instead of an error.
      if (error.status === 409) {
        this.reported.add(keyOf(target));
        this.sending = false;
        this.host.announce(msg('You have already reported this.', { id: 'report-already' }));
        this.dialog()?.close();
        return;
      }
      this.error = error;
      this.sending = false;
      this.host.requestUpdate();
    }
  };

  /** The dialog, while an item is being reported. Render it once, anywhere in the element. */
  render(): TemplateResult | typeof nothing {
    if (!this.target) return nothing;
    const error = this.error ? errorText(this.error) : undefined;
    return html`<dialog class="report-dialog" part="report-dialog" aria-labelledby="report-title" @close=${this.onClose}>
      <form method="dialog" @submit=${this.submit}>
        <h2 id="report-title" class="report-title">${msg('Report to the moderators', { id: 'report-title' })}</h2>
        <fieldset class="report-reasons">
          <legend>${msg('What is wrong with it?', { id: 'report-reason-legend' })}</legend>
          ${REASONS.map((r) => html`<label class="report-reason"><input type="radio" name="reason" value=${r} .checked=${this.reason === r}
            @change=${() => (this.reason = r)} /> ${reasonText(r)}</label>`)}
        </fieldset>
        <label class="report-note-label" for="report-note">${msg('Note for the moderators (optional)', { id: 'report-note-label' })}</label>
        <textarea id="report-note" class="input" part="input" rows="3" maxlength="500" .value=${this.note}
          @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
        ${error ? html`<div class="notice error" part="error" role="alert"><strong>${error.title}</strong> ${error.detail}</div>` : nothing}
        <div class="report-actions">
          <button type="submit" class="btn primary small" part="button submit" ?disabled=${this.sending}>
            ${this.sending ? msg('Sending…', { id: 'report-sending' }) : msg('Send report', { id: 'report-send' })}
          </button>
          <button type="button" class="btn ghost small" part="button cancel" ?disabled=${this.sending} @click=${() => this.dialog()?.close()}>
            ${msg('Cancel', { id: 'report-cancel' })}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}
