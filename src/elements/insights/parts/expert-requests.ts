import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { EXPERTS_PER_REQUEST, type ExpertRequest } from '../../../contract/expert-requests.js';
import { categoryLabel } from '../../../contract/categories.js';
import type { UnansweredQuestion } from '../../../contract/insights.js';
import { canNotifyExperts } from '../../../backends/insights.js';
import { toConfabError, type ConfabError } from '../../../core/errors.js';
import { errorText } from '../../../ui/error-text.js';
import type { InsightsHost } from '../host.js';

/**
 * "Notify experts" in the unanswered queue (issue 15): per question a button, then a confirm step,
 * a busy state, and the outcome ("Notified 3 experts") or an error with "Try again". Focus stays on
 * the row's control through every step; each outcome is also said in the element's live region.
 * Part of the panels part, so no first load carries it.
 */
type Row =
  | { phase: 'confirm' }
  | { phase: 'busy' }
  | { phase: 'done'; result: ExpertRequest }
  | { phase: 'error'; error: ConfabError };

/** Each element's rows, by question id (a row without an entry shows the "Notify experts" button). */
const rowsOf = new WeakMap<InsightsHost, Map<string, Row>>();

function rows(host: InsightsHost): Map<string, Row> {
  let m = rowsOf.get(host);
  if (!m) rowsOf.set(host, (m = new Map()));
  return m;
}

/** Whether the queue offers "Notify experts" at all: only when the backend can. */
export const offersExperts = (host: InsightsHost): boolean => canNotifyExperts(host.backend);

/** Moves focus to the row's control of `role` once the row has rendered its new step. */
async function focusRow(host: InsightsHost, id: string, role: string): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(`[data-experts="${CSS.escape(id)}"] [data-role="${role}"]`)?.focus();
}

function set(host: InsightsHost, id: string, row: Row | undefined, focus?: string): void {
  if (row) rows(host).set(id, row);
  else rows(host).delete(id);
  host.requestUpdate();
  if (focus) void focusRow(host, id, focus);
}

/** The outcome in words: "Notified 3 experts", "Experts were already notified (3)", … */
export function outcomeText(r: ExpertRequest, locale: string): string {
  const n = new Intl.NumberFormat(locale).format(r.notified);
  if (r.repeated) return msg(str`Experts were already notified in the last 24 hours (${n})`, { id: 'insights-experts-repeated' });
  if (r.notified === 0) return msg('No experts found for this category', { id: 'insights-experts-none' });
  return r.notified === 1 ? msg('Notified 1 expert', { id: 'insights-experts-one' }) : msg(str`Notified ${n} experts`, { id: 'insights-experts-many' });
}

async function send(host: InsightsHost, q: UnansweredQuestion): Promise<void> {
  const b = host.backend;
  if (!canNotifyExperts(b) || rows(host).get(q.id)?.phase === 'busy') return;
  // Focus stays on the confirm button (now "Notifying…"), also when this is a retry: the retry
  // button the focus was on is replaced by the busy template.
  set(host, q.id, { phase: 'busy' }, 'confirm');
  try {
    const result = await b.notifyExperts(q.id);
    set(host, q.id, { phase: 'done', result }, 'outcome');
    host.announce(`${outcomeText(result, host.locale)}: ${q.title}`);
  } catch (e) {
    const error = toConfabError(e);
    set(host, q.id, { phase: 'error', error }, error.status === 409 ? 'outcome' : 'retry');
    host.announce(failureText(error));
  }
}

function failureText(error: ConfabError): string {
  return error.status === 409
    ? msg('This question has an answer now.', { id: 'insights-experts-answered' })
    : msg(str`Could not notify experts: ${errorText(error).title}`, { id: 'insights-experts-failed' });
}

/** The queue's "Experts" cell of question `q`. */
export function expertsCell(host: InsightsHost, q: UnansweredQuestion): TemplateResult {
  const row = rows(host).get(q.id);
  const about = html`<span class="visually-hidden">: ${q.title}</span>`;
  let body: TemplateResult;
  if (!row) {
    body = html`<button type="button" class="btn small" part="button notify-experts" data-role="start" @click=${() => set(host, q.id, { phase: 'confirm' }, 'confirm')}>
      ${msg('Notify experts', { id: 'insights-experts-button' })}${about}
    </button>`;
  } else if (row.phase === 'confirm' || row.phase === 'busy') {
    const busy = row.phase === 'busy';
    const cancel = () => !busy && set(host, q.id, undefined, 'start');
    body = html`<div class="experts-confirm" role="group" aria-label=${msg('Notify experts', { id: 'insights-experts-button' })} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && cancel()}>
      <span class="experts-question">${msg(str`Ask up to ${new Intl.NumberFormat(host.locale).format(EXPERTS_PER_REQUEST)} experts of “${q.categoryLabel ?? categoryLabel(q.category)}” to answer?`, { id: 'insights-experts-confirm' })}</span>
      <button type="button" class="btn small primary" part="button notify-experts-confirm" data-role="confirm" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void send(host, q)}>
        ${busy ? msg('Notifying…', { id: 'insights-experts-busy' }) : msg('Notify', { id: 'insights-experts-confirm-button' })}${about}
      </button>
      <button type="button" class="btn small ghost" part="button" ?hidden=${busy} @click=${cancel}>${msg('Cancel', { id: 'insights-experts-cancel' })}</button>
    </div>`;
  } else if (row.phase === 'done') {
    body = html`<span class="experts-done" data-role="outcome" tabindex="-1">${outcomeText(row.result, host.locale)}</span>`;
  } else if (row.error.status === 409) {
    body = html`<span class="experts-done" data-role="outcome" tabindex="-1">${failureText(row.error)}</span>`;
  } else {
    body = html`<span class="experts-error">${failureText(row.error)}</span>
      <button type="button" class="btn small" part="button retry" data-role="retry" @click=${() => void send(host, q)}>${msg('Try again', { id: 'insights-experts-retry' })}${about}</button>`;
  }
  return html`<td class="experts" data-experts=${q.id}>${body}</td>`;
}

/** The queue's column heading, or nothing when the backend cannot notify experts. */
export const expertsHeading = (host: InsightsHost) =>
  offersExperts(host) ? html`<th scope="col">${msg('Experts', { id: 'insights-col-experts' })}</th>` : nothing;
