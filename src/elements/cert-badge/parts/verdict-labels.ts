import { msg } from '@lit/localize';
import type { VerifyFailure } from '../../../contract/certifications.js';
import type { Ob3Check, ObCheck } from '../../../contract/openbadges.js';

// What <confab-cert-badge> says about a verification. Loaded with the verifier (see verification.ts).

/** The short name of a failure, for "Could not verify: …". */
export function reasonLabel(r: VerifyFailure): string {
  switch (r) {
    case 'expired': return msg('the badge has expired', { id: 'cert-badge-reason-expired' });
    case 'revoked': return msg('the badge was revoked', { id: 'cert-badge-reason-revoked' });
    case 'outside-policy': return msg('hosted outside the issuer’s policy', { id: 'cert-badge-reason-outside-policy' });
    case 'recipient-mismatch': return msg('the recipient does not match', { id: 'cert-badge-reason-recipient-mismatch' });
    case 'malformed': return msg('the badge data is malformed', { id: 'cert-badge-reason-malformed' });
    case 'unreachable': return msg('the issuer could not be reached', { id: 'cert-badge-reason-unreachable' });
    case 'not-found': return msg('the badge was not found', { id: 'cert-badge-reason-not-found' });
    case 'blocked-url': return msg('the address is not allowed', { id: 'cert-badge-reason-blocked-url' });
    case 'invalid-signature': return msg('the signature does not match', { id: 'cert-badge-reason-invalid-signature' });
    case 'unknown-key': return msg('signed with a key the issuer does not publish', { id: 'cert-badge-reason-unknown-key' });
  }
}

/** What the failure means for the reader, in a sentence. */
export function reasonSentence(r: VerifyFailure): string {
  switch (r) {
    case 'expired': return msg('The issuer no longer vouches for this certification because its validity period has ended.', { id: 'cert-badge-why-expired' });
    case 'revoked': return msg('The issuer has withdrawn this certification.', { id: 'cert-badge-why-revoked' });
    case 'outside-policy': return msg('The badge is published at an address its issuer does not allow, so it may not be genuine.', { id: 'cert-badge-why-outside-policy' });
    case 'recipient-mismatch': return msg('The badge was issued to someone other than the expected person.', { id: 'cert-badge-why-recipient-mismatch' });
    case 'malformed': return msg('The issuer published badge data that does not follow the Open Badges format.', { id: 'cert-badge-why-malformed' });
    case 'unreachable': return msg('Neither your browser nor the community server could reach the issuer. Try again later.', { id: 'cert-badge-why-unreachable' });
    case 'not-found': return msg('The issuer has no badge at this address; it may have been deleted.', { id: 'cert-badge-why-not-found' });
    case 'blocked-url': return msg('This badge address is not one that may be checked from here.', { id: 'cert-badge-why-blocked-url' });
    case 'invalid-signature': return msg('The credential was changed after its issuer signed it, or someone else signed it. It is not genuine.', { id: 'cert-badge-why-invalid-signature' });
    case 'unknown-key': return msg('The credential is signed with a key that its issuer does not publish, so nothing shows that the issuer signed it.', { id: 'cert-badge-why-unknown-key' });
  }
}

// Typed by OB_CHECKS and OB3_CHECKS: a check name without a label here does not compile.
const CHECKS: Record<ObCheck | Ob3Check, () => string> = {
  'assertion': () => msg('Badge assertion', { id: 'cert-badge-check-assertion' }),
  'hosted verification': () => msg('Hosted verification', { id: 'cert-badge-check-hosted' }),
  'assertion id': () => msg('Assertion address', { id: 'cert-badge-check-id' }),
  'not revoked': () => msg('Not revoked', { id: 'cert-badge-check-revocation' }),
  'badge class': () => msg('Badge class', { id: 'cert-badge-check-badge-class' }),
  'issuer': () => msg('Issuer profile', { id: 'cert-badge-check-issuer' }),
  'verification policy': () => msg('Issuer’s verification policy', { id: 'cert-badge-check-policy' }),
  'issue date': () => msg('Issue date', { id: 'cert-badge-check-issued' }),
  'not expired': () => msg('Not expired', { id: 'cert-badge-check-expiry' }),
  'recipient': () => msg('Recipient', { id: 'cert-badge-check-recipient' }),
  'fetched by the browser': () => msg('Fetched by your browser', { id: 'cert-badge-check-browser' }),
  'fetched by the community server': () => msg('Fetched by the community server', { id: 'cert-badge-check-server' }),
  'credential': () => msg('Credential', { id: 'cert-badge-check-credential' }),
  'JWT claims': () => msg('Signed claims', { id: 'cert-badge-check-claims' }),
  'signing key': () => msg('Issuer’s signing key', { id: 'cert-badge-check-key' }),
  'signature': () => msg('Signature', { id: 'cert-badge-check-signature' }),
  'valid from': () => msg('Valid from', { id: 'cert-badge-check-valid-from' }),
};

/** A check's name in the reader's language; names from other verifiers are shown as they come. */
export const checkLabel = (name: string): string => (Object.hasOwn(CHECKS, name) ? CHECKS[name as ObCheck | Ob3Check]() : name);
