import * as v from 'valibot';
import { Id, Timestamp } from './common.js';

export const CERT_STATUSES = ['active', 'expiring', 'expired', 'revoked'] as const;
export type CertStatus = (typeof CERT_STATUSES)[number];

/** A certification as the community backend records it, linked to its Open Badges 2.0 assertion and 3.0 credential. */
export const Certification = v.object({
  id: Id,
  name: v.string(),
  description: v.string(),
  imageUrl: v.string(),
  issuerName: v.string(),
  recipient: v.object({ kind: v.picklist(['person', 'org']), id: Id, name: v.string() }),
  issuedOn: Timestamp,
  expires: v.nullable(Timestamp),
  revoked: v.boolean(),
  revocationReason: v.nullable(v.string()),
  /** The hosted assertion a third-party verifier fetches. */
  assertionUrl: v.string(),
  badgeClassUrl: v.string(),
  /**
   * The same certification as a signed Open Badges 3.0 credential (a VC-JWT served as text/plain).
   * Optional: a backend that issues only Open Badges 2.0 leaves it out.
   */
  credentialUrl: v.optional(v.string()),
});
export type Certification = v.InferOutput<typeof Certification>;
export const CertificationList = v.object({ items: v.array(Certification) });

export const CertificationQuery = v.union([
  v.object({ person: Id }),
  v.object({ org: Id }),
]);
export type CertificationQuery = { person: string } | { org: string };

/** Why a verification failed; each has its own message in the UI. */
export const VERIFY_FAILURES = [
  'expired',
  'revoked',
  'outside-policy',
  'recipient-mismatch',
  'malformed',
  'unreachable',
  'not-found',
  'blocked-url',
  /** Open Badges 3.0: the signature does not match the credential (altered, or signed by someone else). */
  'invalid-signature',
  /** Open Badges 3.0: the credential names a signing key its issuer does not publish. */
  'unknown-key',
] as const;
export const VerifyFailure = v.picklist(VERIFY_FAILURES);
export type VerifyFailure = v.InferOutput<typeof VerifyFailure>;

export const VerifyCheck = v.object({ name: v.string(), ok: v.boolean(), detail: v.string() });
export type VerifyCheck = v.InferOutput<typeof VerifyCheck>;

/** Outcome of verifying a hosted assertion, by the browser or by the server on its behalf. */
export const VerificationResult = v.object({
  verified: v.boolean(),
  reason: v.nullable(VerifyFailure),
  /** Human-readable explanation of `reason`, from the verifier. */
  detail: v.nullable(v.string()),
  assertionUrl: v.string(),
  badgeName: v.nullable(v.string()),
  imageUrl: v.nullable(v.string()),
  issuerName: v.nullable(v.string()),
  recipientName: v.nullable(v.string()),
  issuedOn: v.nullable(v.string()),
  expires: v.nullable(v.string()),
  checks: v.array(VerifyCheck),
});
export type VerificationResult = v.InferOutput<typeof VerificationResult>;

/** Plain identity (an email, a DID) to check the recipient against. */
const VerifyIdentity = v.optional(v.pipe(v.string(), v.maxLength(320)));

/**
 * Ask the server to verify a badge the browser could not fetch (no CORS): an Open Badges 2.0 hosted
 * assertion by its `url`, or an Open Badges 3.0 `credential` by its URL or as the VC-JWT itself.
 */
export const VerifyRequest = v.union([
  v.object({
    url: v.pipe(v.string(), v.url('must be a URL'), v.maxLength(2048)),
    identity: VerifyIdentity,
  }),
  v.object({
    credential: v.pipe(v.string(), v.trim(), v.minLength(1, 'must be a URL or a VC-JWT'), v.maxLength(65_536)),
    identity: VerifyIdentity,
  }),
]);
export type VerifyRequest = v.InferInput<typeof VerifyRequest>;
