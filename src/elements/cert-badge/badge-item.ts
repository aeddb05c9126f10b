import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BadgeView } from './badge-view.js';
import type { ItemContext } from './host.js';
import { statusLabel, statusSentence } from './labels.js';
import { statusIcon } from './icons.js';
import { downloadName, linkedInUrl } from './share.js';
import { errorState } from '../../ui/states.js';

// The download link opens in a new tab: browsers ignore `download` on another origin's image and
// navigate to it instead, which would take the partner away from the portal.

/** An image that does not load leaves the neutral placeholder rather than a broken-image icon. */
function brokenImage(e: Event): void {
  const img = e.target as HTMLImageElement;
  img.removeAttribute('src');
  img.classList.add('placeholder');
}

/** A visually hidden tail that tells apart the many "Verify" buttons of a list for screen readers. */
const forBadge = (name: string) => html`<span class="visually-hidden">: ${name}</span>`;

export function badgeItem(b: BadgeView, c: ItemContext): TemplateResult {
  const id = `cb-${c.index}`;
  const expires = b.expires ? c.date(b.expires) : '';
  return html`<li part="item" class="item ${c.status}">
    <article class="badge" aria-labelledby="${id}-title">
      ${b.imageUrl
        ? html`<img part="image" class="image" src=${b.imageUrl} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${brokenImage} />`
        : html`<span part="image" class="image placeholder" aria-hidden="true"></span>`}
      <div class="body">
        <h3 part="title" class="title" id="${id}-title">${b.name}</h3>
        ${b.issuerName ? html`<p part="meta" class="meta issuer">${b.issuerName}</p>` : nothing}
        <p part="meta" class="meta dates">
          ${b.issuedOn ? html`<span>${msg(str`Issued ${c.date(b.issuedOn)}`, { id: 'cert-badge-issued' })}</span>` : nothing}
          <span>${!b.expires
            ? msg('No expiry', { id: 'cert-badge-no-expiry' })
            : c.status === 'expired'
              ? msg(str`Expired ${expires}`, { id: 'cert-badge-expired-on' })
              : msg(str`Expires ${expires}`, { id: 'cert-badge-expires-on' })}</span>
        </p>
        <p part="status" class="status ${c.status}">
          ${statusIcon(c.status)}<span aria-hidden="true">${statusLabel(c.status)}</span><span class="visually-hidden"
            >${statusSentence(c.status, expires, b.expires ? c.inDays(b.expires) : '', b.revocationReason)}</span>
        </p>
        ${b.description ? html`<p class="description">${b.description}</p>` : nothing}
        ${c.verification?.shown && c.verification.result ? c.verdict?.(b, c.verification.result, c, id) ?? nothing : nothing}
        <div class="actions" part="actions">
          ${c.verifyButton || (c.verification?.result && !c.verification.result.verified) ? verifyButton(b, c) : nothing}
          <button part="button copy" class="btn small" @click=${c.onCopy} @pointerenter=${c.onCopyIntent} @focus=${c.onCopyIntent}>
            ${c.copied ? msg('Link copied', { id: 'cert-badge-copied' }) : msg('Copy link', { id: 'cert-badge-copy' })}${forBadge(b.name)}
          </button>
          ${c.linkedIn && c.status !== 'revoked'
            ? html`<a part="button linkedin" class="btn small" href=${linkedInUrl(b)} target="_blank" rel="noopener noreferrer"
                >${msg('Add to LinkedIn', { id: 'cert-badge-linkedin' })}${forBadge(b.name)}<span class="visually-hidden"
                  >(${msg('opens in a new tab', { id: 'cert-badge-new-tab' })})</span></a>`
            : nothing}
          ${b.imageUrl
            ? html`<a part="button download" class="btn small" href=${b.imageUrl} download=${downloadName(b)} target="_blank" rel="noopener noreferrer"
                >${msg('Download image', { id: 'cert-badge-download' })}${forBadge(b.name)}</a>`
            : nothing}
        </div>
        ${c.verification?.error && !c.verification.running ? errorState(c.verification.error, c.onVerify) : nothing}
        ${c.copyFallback ?? nothing}
      </div>
    </article>
  </li>`;
}

function verifyButton(b: BadgeView, c: ItemContext): TemplateResult {
  const running = !!c.verification?.running;
  return html`<button part="button verify" class="btn small primary" aria-disabled=${running ? 'true' : 'false'}
    @click=${() => !running && c.onVerify()} @pointerenter=${c.onVerifyIntent} @focus=${c.onVerifyIntent}>
    ${running
      ? msg('Verifying…', { id: 'cert-badge-verifying' })
      : c.verification?.result ? msg('Verify again', { id: 'cert-badge-verify-again' }) : msg('Verify', { id: 'cert-badge-verify' })}${forBadge(b.name)}
  </button>`;
}

