import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CsatAnswer, CsatStatus, QuestionWithAnswers } from '../../../contract/index.js';
import type { CommunityBackend } from '../../../backends/types.js';
import { ResourceController } from '../../../core/resource.js';
import { toConfabError } from '../../../core/errors.js';
import type { QuestionHost } from '../host.js';

type CsatBackend = CommunityBackend & Required<Pick<CommunityBackend, 'getCsat' | 'answerCsat'>>;
const canAsk = (b: CommunityBackend | undefined): b is CsatBackend => typeof b?.getCsat === 'function' && typeof b.answerCsat === 'function';

/** The five points of the scale, worst first. */
const SCORES = [1, 2, 3, 4, 5] as const;

function scoreLabel(score: number): string {
  switch (score) {
    case 1: return msg('Not at all', { id: 'qa-box-csat-1' });
    case 2: return msg('Barely', { id: 'qa-box-csat-2' });
    case 3: return msg('Partly', { id: 'qa-box-csat-3' });
    case 4: return msg('Mostly', { id: 'qa-box-csat-4' });
    default: return msg('Completely', { id: 'qa-box-csat-5' });
  }
}

/**
 * "Did this solve your problem?": asked of the asker once their question has an accepted answer, on a
 * five-point scale with an optional comment, and sent through the backend's CSAT capability. Part of
 * the question view's chunk; a backend without the capability is simply never asked.
 */
export class CsatPrompt {
  private readonly status: ResourceController<CsatStatus>;
  private score = 0;
  private comment = '';
  private sending = false;
  private failed = '';
  private changing = false;

  constructor(private readonly host: QuestionHost, private readonly question: () => QuestionWithAnswers | undefined) {
    this.status = new ResourceController(host, {
      backend: () => {
        const b = host.backendNow();
        return canAsk(b) ? b : undefined;
      },
      key: () => (this.eligibleHere() ? `csat:${host.openQuestionId}` : null),
      fetch: (b, signal) => (b as CsatBackend).getCsat(host.openQuestionId!, { signal }),
      // One person's answer about one question: not worth a copy in IndexedDB.
      cache: false,
    });
  }

  /** Only the signed-in asker of an accepted question is asked; the server decides the rest. */
  private eligibleHere(): boolean {
    const me = this.host.meNow();
    const q = this.question()?.question;
    return !!q && !!me?.authenticated && me.id === q.author.id && !!q.acceptedAnswerId && canAsk(this.host.backendNow());
  }

  /** A different question opened: forget what was being typed. */
  reset(): void {
    this.score = 0;
    this.comment = '';
    this.failed = '';
    this.changing = false;
  }

  private async send(e: Event): Promise<void> {
    e.preventDefault();
    const b = this.host.backendNow();
    const id = this.host.openQuestionId;
    if (!canAsk(b) || !id || !this.score || this.sending) return;
    this.sending = true;
    this.failed = '';
    this.host.requestUpdate();
    try {
      const answer = await b.answerCsat(id, { score: this.score, ...(this.comment.trim() ? { comment: this.comment.trim() } : {}) });
      this.status.mutate({ eligible: true, answer });
      this.changing = false;
      this.host.announce(msg('Thank you for your feedback.', { id: 'qa-box-csat-thanks' }));
    } catch (err) {
      const error = toConfabError(err);
      this.failed = error.message;
      this.host.reportError(error);
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  render(): TemplateResult | typeof nothing {
    const s = this.status.value;
    if (!this.eligibleHere() || !s?.eligible) return nothing;
    if (s.answer && !this.changing) return this.answered(s.answer);
    return html`<form class="csat notice" part="csat" @submit=${(e: Event) => this.send(e)}>
      <fieldset>
        <legend>${msg('Did this solve your problem?', { id: 'qa-box-csat-question' })}</legend>
        <div class="csat-scale">
          ${SCORES.map((n) => html`<label class="csat-point">
            <input type="radio" name="csat" .value=${String(n)} .checked=${this.score === n}
              @change=${() => { this.score = n; this.host.requestUpdate(); }} />
            <span class="csat-number" aria-hidden="true">${n}</span>
            <span class="csat-label">${scoreLabel(n)}</span>
          </label>`)}
        </div>
      </fieldset>
      <label class="csat-comment">${msg('Anything to add? (optional)', { id: 'qa-box-csat-comment' })}
        <textarea rows="2" maxlength="2000" .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      ${this.failed ? html`<p class="csat-error" role="alert">${msg(str`Not sent: ${this.failed}`, { id: 'qa-box-csat-failed' })}</p>` : nothing}
      <button type="submit" class="btn small primary" part="button csat-send" aria-disabled=${!this.score || this.sending ? 'true' : 'false'}>
        ${this.sending ? msg('Sending…', { id: 'qa-box-csat-sending' }) : msg('Send', { id: 'qa-box-csat-send' })}
      </button>
    </form>`;
  }

  private answered(a: CsatAnswer): TemplateResult {
    return html`<div class="csat notice" part="csat">
      <span role="status">${msg(str`Thanks! You rated this answer ${a.score} of 5 (${scoreLabel(a.score)}).`, { id: 'qa-box-csat-answered' })}</span>
      <button type="button" class="btn small ghost" part="button csat-change" @click=${() => { this.changing = true; this.score = a.score; this.comment = a.comment ?? ''; this.host.requestUpdate(); }}>
        ${msg('Change', { id: 'qa-box-csat-change' })}
      </button>
    </div>`;
  }
}

