import { html, nothing, svg, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { VerificationResult } from '../../../contract/certifications.js';
import type { BadgeView } from '../badge-view.js';
import type { ItemContext } from '../host.js';
import { iconCheck, wrap } from '../icons.js';
import { checkLabel, reasonLabel, reasonSentence } from './verdict-labels.js';

/** Marks a failed check; only verdicts show it. */
const iconCross = () => wrap(svg`<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" stroke="var(--_surface)" stroke-width="1.8" stroke-linecap="round"/>`);

/** "Verified: issued by X to Y on DATE" or "Could not verify: <reason>", with the checks on demand. */
export function verdict(b: BadgeView, r: VerificationResult, c: ItemContext, id: string): TemplateResult {
  const issuer = r.issuerName || b.issuerName;
  const to = r.recipientName || b.recipientName;
  const on = c.date(r.issuedOn ?? b.issuedOn);
  const title = r.verified
    ? to
      ? msg(str`Verified: issued by ${issuer} to ${to} on ${on}`, { id: 'cert-badge-verified-to' })
      : msg(str`Verified: issued by ${issuer} on ${on}`, { id: 'cert-badge-verified' })
    : msg(str`Could not verify: ${reasonLabel(r.reason ?? 'malformed')}`, { id: 'cert-badge-not-verified' });
  return html`<div part="verdict" class="verdict ${r.verified ? 'ok' : 'fail'}" data-verdict=${b.key} tabindex="-1"
    @keydown=${(e: KeyboardEvent) => {
      // Escape closes the open details and gives focus back to their toggle.
      if (e.key === 'Escape' && c.expanded) {
        e.stopPropagation();
        c.onToggle();
        (e.currentTarget as HTMLElement).querySelector<HTMLElement>('.toggle')?.focus();
      }
    }}>
    <p class="verdict-title">${r.verified ? iconCheck() : iconCross()}<span>${title}</span></p>
    ${r.verified ? nothing : html`<p class="verdict-why">${reasonSentence(r.reason ?? 'malformed')}</p>`}
    ${!r.verified && r.detail ? html`<p class="meta verdict-detail">${r.detail}</p>` : nothing}
    ${r.checks.length
      ? html`<button part="button details" class="btn small ghost toggle" aria-expanded=${c.expanded ? 'true' : 'false'}
            aria-controls="${id}-checks" @click=${c.onToggle}>
            ${c.expanded ? msg('Hide verification details', { id: 'cert-badge-hide-details' }) : msg('Show verification details', { id: 'cert-badge-show-details' })}
          </button>
          <ul part="checks" class="checks" id="${id}-checks" ?hidden=${!c.expanded}>
            ${r.checks.map((k) => html`<li class=${k.ok ? 'ok' : 'fail'}>
              ${k.ok ? iconCheck() : iconCross()}
              <span><span class="visually-hidden">${k.ok ? msg('Passed:', { id: 'cert-badge-check-passed' }) : msg('Failed:', { id: 'cert-badge-check-failed' })}</span>
                <strong>${checkLabel(k.name)}</strong> <span class="meta">${k.detail}</span></span>
            </li>`)}
          </ul>`
      : nothing}
  </div>`;
}

/** A hosted assertion that could not be read far enough to show a badge: the verdict is all there is. */
export function failurePanel(r: VerificationResult, running: boolean, retry: () => void): TemplateResult {
  const reason = r.reason ?? 'malformed';
  return html`<div class="state" part="error" role="alert">
    <strong>${msg(str`Could not verify: ${reasonLabel(reason)}`, { id: 'cert-badge-not-verified' })}</strong>
    <span>${reasonSentence(reason)}</span>
    ${r.detail ? html`<span class="meta verdict-detail">${r.detail}</span>` : nothing}
    <button class="btn" part="button retry" aria-disabled=${running ? 'true' : 'false'} @click=${() => !running && retry()}>${msg('Try again', { id: 'retry' })}</button>
  </div>`;
}
