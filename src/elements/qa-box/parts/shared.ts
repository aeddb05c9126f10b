import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ConfabError } from '../../../core/errors.js';
import { errorText } from '../../../ui/error-text.js';

/** A write (ask, vote, accept) failed: what went wrong, as an alert next to the thing that failed. */
export function writeError(error: ConfabError): TemplateResult {
  const { title, detail } = errorText(error);
  return html`<div class="notice error" part="error" role="alert">
    <strong>${title}</strong>
    ${detail ? html`<span>${detail}</span>` : nothing}
  </div>`;
}

/** A refresh failed but the earlier data is still on screen: a one-line notice, not the full panel. */
export function staleError(error: ConfabError, retry: () => void): TemplateResult {
  const { title, detail } = errorText(error);
  return html`<div class="notice error" part="error" role="alert">
    <span><strong>${title}</strong> ${detail}</span>
    <button type="button" class="btn small" part="button retry" @click=${retry}>${msg('Try again', { id: 'retry' })}</button>
  </div>`;
}

/** "1 answer" / "3 answers", the number in `locale`. */
export function answerCount(n: number, locale: string): string {
  const count = new Intl.NumberFormat(locale).format(n);
  return n === 1 ? msg('1 answer', { id: 'qa-box-one-answer' }) : msg(str`${count} answers`, { id: 'qa-box-n-answers' });
}
