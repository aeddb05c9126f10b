import { msg, str } from '@lit/localize';
import type { CertStatus } from '../../contract/certifications.js';

// The status words of <confab-cert-badge>. Verification wording lives in verdict-labels.ts, which loads
// with the verifier, so a page that never verifies never downloads it.

export function statusLabel(s: CertStatus): string {
  switch (s) {
    case 'active': return msg('Active', { id: 'cert-badge-status-active' });
    case 'expiring': return msg('Expiring soon', { id: 'cert-badge-status-expiring' });
    case 'expired': return msg('Expired', { id: 'cert-badge-status-expired' });
    case 'revoked': return msg('Revoked', { id: 'cert-badge-status-revoked' });
  }
}

/** The sentence a screen reader hears for the status: the label alone would lean on colour and icon. */
export function statusSentence(s: CertStatus, expires: string, inDays: string, reason: string | null): string {
  switch (s) {
    case 'active':
      return expires
        ? msg(str`Status: active, valid until ${expires}.`, { id: 'cert-badge-sr-active-until' })
        : msg('Status: active, does not expire.', { id: 'cert-badge-sr-active' });
    case 'expiring': return msg(str`Status: expiring soon, expires ${inDays}, on ${expires}.`, { id: 'cert-badge-sr-expiring' });
    case 'expired': return msg(str`Status: expired on ${expires}.`, { id: 'cert-badge-sr-expired' });
    case 'revoked':
      return reason
        ? msg(str`Status: revoked by the issuer. Reason: ${reason}`, { id: 'cert-badge-sr-revoked-reason' })
        : msg('Status: revoked by the issuer.', { id: 'cert-badge-sr-revoked' });
  }
}
