import type { VerificationResult } from '../../../contract/certifications.js';
import { safeImageUrl, type BadgeView } from '../badge-view.js';

// Only a hosted assertion's verification can produce this view, so it loads with the verifier.

/** A hosted assertion's badge, from what the verifier read. Null when it read too little to show. */
export function fromVerification(r: VerificationResult): BadgeView | null {
  if (!r.badgeName) return null;
  const revoked = r.reason === 'revoked' || r.checks.some((c) => c.name === 'not revoked' && !c.ok);
  return {
    key: r.assertionUrl,
    certId: null,
    name: r.badgeName,
    description: '',
    imageUrl: safeImageUrl(r.imageUrl),
    issuerName: r.issuerName ?? '',
    recipientId: null,
    recipientName: r.recipientName,
    issuedOn: r.issuedOn,
    expires: r.expires,
    revoked,
    revocationReason: revoked ? r.detail : null,
    assertionUrl: r.assertionUrl,
  };
}
