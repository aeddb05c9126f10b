/**
 * The lazily loaded part of `<confab-mod-queue>`: the form that asks a moderator for the reason of an
 * action (and, to suspend, until when), sends it, and reports what went through. Bulk actions send
 * one request per item and keep the items that failed selected, so nothing is silently skipped.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { fields } from '../../../styles/fields.js';
import { toConfabError, type ConfabError } from '../../../core/errors.js';
import { errorText } from '../../../ui/error-text.js';
import type { ModerationActionRequest, QueueItem } from '../../../contract/index.js';
import { actionLabel } from '../labels.js';
import type { ActionRequest, ModQueueHost } from '../host.js';
import { formStyles } from './action-form.styles.js';

export const styles = [fields, formStyles];

const DAY = 86_400_000;
/** A suspension's default length, a week: the moderator changes the date when it should differ. */
const DEFAULT_SUSPENSION_DAYS = 7;

/** `yyyy-mm-dd` of a date, for `<input type="date">`. */
const dateValue = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class ActionForm implements ReactiveController {
  request: ActionRequest | undefined;
  reason = '';
  until = '';
  sending = false;
  error: ConfabError | undefined;
  /** The control to focus again when the form closes without sending. */
  private opener: string | null = null;

  constructor(private readonly host: ModQueueHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Opens the form for `request`, focusing its reason field; `opener` is the selector to return to. */
  open(request: ActionRequest, opener: string | null): void {
    this.request = request;
    this.reason = '';
    this.until = dateValue(Date.now() + DEFAULT_SUSPENSION_DAYS * DAY);
    this.error = undefined;
    this.opener = opener;
    this.host.requestUpdate();
    this.host.focusAfterUpdate('#mq-reason');
  }

  /** Closes without sending; focus goes back to the button that opened it. */
  cancel(): void {
    if (this.sending) return;
    this.request = undefined;
    this.host.requestUpdate();
    this.host.focusAfterUpdate(this.opener);
  }

  /** True when the form belongs to the row of `item` (single-item actions render inside their row). */
  isFor(item: QueueItem): boolean {
    const r = this.request;
    return !!r && !r.bulk && r.items.length === 1 && r.items[0] === item;
  }

  private requestFor(item: QueueItem): ModerationActionRequest {
    const { action } = this.request!;
    const reason = this.reason.trim() || undefined;
    if (action === 'suspend' || action === 'unsuspend') {
      // The end of the chosen day, in the moderator's own time zone.
      const until = action === 'suspend' ? new Date(`${this.until}T23:59:59`).toISOString() : undefined;
      return { target: { kind: 'person', id: item.author.id }, action, ...(until ? { until } : {}), ...(reason ? { reason } : {}) };
    }
    return { target: item.target, action, ...(reason ? { reason } : {}) };
  }

  private submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const request = this.request;
    const api = this.host.moderationNow();
    if (!request || !api || this.sending) return;
    if (request.action === 'suspend' && !(new Date(`${this.until}T23:59:59`).getTime() > Date.now())) {
      this.error = undefined;
      this.host.announce(msg('Choose a date in the future.', { id: 'mod-queue-until-future' }));
      this.host.focusAfterUpdate('#mq-until');
      return;
    }
    this.sending = true;
    this.error = undefined;
    this.host.requestUpdate();
    const done: QueueItem[] = [];
    let failure: ConfabError | undefined;
    for (const item of request.items) {
      try {
        await api.moderationAction(this.requestFor(item));
        done.push(item);
      } catch (err) {
        failure = toConfabError(err);
      }
    }
    this.sending = false;
    if (failure) {
      this.error = failure;
      this.host.reportError(failure);
      // What went through leaves the request; the form stays open for what did not.
      this.request = { ...request, items: request.items.filter((i) => !done.includes(i)) };
    } else this.request = undefined;
    if (done.length) this.host.actionsDone(request, done);
    this.host.requestUpdate();
  };

  /** The form, labelled by what it will do. */
  render(): TemplateResult | typeof nothing {
    const r = this.request;
    if (!r) return nothing;
    const n = new Intl.NumberFormat(this.host.localeNow()).format(r.items.length);
    const title = r.bulk
      ? msg(str`${actionLabel(r.action)}: ${n} selected`, { id: 'mod-queue-form-bulk-title' })
      : actionLabel(r.action);
    const error = this.error ? errorText(this.error) : undefined;
    return html`<form class="action-form" part="action-form" aria-labelledby="mq-form-title" @submit=${this.submit}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.preventDefault(), e.stopPropagation(), this.cancel())}>
      <h4 id="mq-form-title" class="form-title">${title}</h4>
      <div class="field">
        <label for="mq-reason">${msg('Reason (kept in the audit log)', { id: 'mod-queue-reason-label' })}</label>
        <textarea id="mq-reason" class="input" part="input" rows="2" maxlength="500" .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      ${r.action === 'suspend'
        ? html`<div class="field">
            <label for="mq-until">${msg('Suspended until', { id: 'mod-queue-until-label' })}</label>
            <input id="mq-until" class="input" part="input" type="date" required min=${dateValue(Date.now() + DAY)} .value=${this.until}
              @input=${(e: Event) => (this.until = (e.target as HTMLInputElement).value)} />
            <span class="hint">${msg(str`Suspends ${r.items.map((i) => i.author.name).join(', ')}: every write is refused until then.`, { id: 'mod-queue-until-hint' })}</span>
          </div>`
        : nothing}
      ${error
        ? html`<div class="form-error" part="error" role="alert"><strong>${error.title}</strong>${error.detail ? html` <span>${error.detail}</span>` : nothing}</div>`
        : nothing}
      <div class="form-actions">
        <button type="submit" class="btn small primary" part="button submit" ?disabled=${this.sending}>
          ${this.sending ? msg('Sending…', { id: 'mod-queue-sending' }) : msg(str`Confirm: ${actionLabel(r.action)}`, { id: 'mod-queue-confirm' })}
        </button>
        <button type="button" class="btn small ghost" part="button cancel" ?disabled=${this.sending} @click=${() => this.cancel()}>
          ${msg('Cancel', { id: 'mod-queue-cancel' })}
        </button>
      </div>
    </form>`;
  }
}
