import type { Certification, CertStatus, VerificationResult, VerifyCheck, VerifyFailure, ObCheck } from '../../contract/index.js';
import { ISSUER_BASE, ISSUER_NAME } from '../../demo-data/index.js';
import { badgeImageFor, DAY } from './fixtures.js';
import type { BadgeClassRecord, CertificationRecord, MemoryData } from './model.js';

/** Days before expiry from which a certification counts as `expiring`. */
export const EXPIRING_WITHIN_DAYS = 60;

export const assertionUrl = (id: string) => `${ISSUER_BASE}/ob/assertions/${id}`;
export const badgeClassUrl = (slug: string) => `${ISSUER_BASE}/ob/badges/${slug}`;

/** The status a badge card shows, derived as a verifier would from revocation and expiry. */
export function certStatus(c: Pick<Certification, 'revoked' | 'expires'>, now: number): CertStatus {
  if (c.revoked) return 'revoked';
  if (c.expires === null) return 'active';
  const left = Date.parse(c.expires) - now;
  if (left <= 0) return 'expired';
  return left <= EXPIRING_WITHIN_DAYS * DAY ? 'expiring' : 'active';
}

const badgeOf = (data: MemoryData, rec: CertificationRecord): BadgeClassRecord =>
  data.badges.find((b) => b.slug === rec.badge) ?? { slug: rec.badge, name: rec.badge, description: '', criteria: '', code: '?', colour: '#57606a' };

/** The identity an assertion's recipient hash is made from: the person's email, or the org's contact. */
export function recipientIdentity(data: MemoryData, rec: CertificationRecord): string {
  if (rec.recipient.kind === 'person') return data.people.find((p) => p.id === rec.recipient.id)?.email ?? '';
  return `partners@${rec.recipient.id.replace(/^org-/, '')}.example`;
}

function recipientName(data: MemoryData, rec: CertificationRecord): string {
  const list = rec.recipient.kind === 'person' ? data.people : data.orgs;
  return list.find((x) => x.id === rec.recipient.id)?.name ?? rec.recipient.id;
}

export function toCertification(data: MemoryData, rec: CertificationRecord): Certification {
  const badge = badgeOf(data, rec);
  return {
    id: rec.id,
    name: badge.name,
    description: badge.description,
    imageUrl: badgeImageFor(badge),
    issuerName: ISSUER_NAME,
    recipient: { kind: rec.recipient.kind, id: rec.recipient.id, name: recipientName(data, rec) },
    issuedOn: new Date(rec.issuedOn).toISOString(),
    expires: rec.expires === null ? null : new Date(rec.expires).toISOString(),
    revoked: rec.revoked,
    revocationReason: rec.revocationReason,
    assertionUrl: assertionUrl(rec.id),
    badgeClassUrl: badgeClassUrl(rec.badge),
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What a third-party verifier concludes from the hosted assertion of `rec`. */
export function verify(data: MemoryData, rec: CertificationRecord, now: number, identity?: string): VerificationResult {
  const cert = toCertification(data, rec);
  const expired = rec.expires !== null && rec.expires <= now;
  const recipientOk = identity === undefined || identity.trim().toLowerCase() === recipientIdentity(data, rec);
  // Named as the real verifier names its checks (OB_CHECKS), so the same labels show.
  const checks: (VerifyCheck & { name: ObCheck })[] = [
    { name: 'assertion', ok: true, detail: `Fetched the hosted assertion from ${new URL(ISSUER_BASE).host}.` },
    { name: 'issuer', ok: true, detail: `${ISSUER_NAME} issued it; the assertion is hosted on the issuer's origin.` },
    {
      name: 'recipient',
      ok: recipientOk,
      detail: identity === undefined ? 'No identity given to compare.' : recipientOk ? 'The recipient hash matches.' : 'The recipient hash does not match that identity.',
    },
    { name: 'not revoked', ok: !rec.revoked, detail: rec.revoked ? `Revoked: ${rec.revocationReason ?? 'no reason given'}` : 'Not revoked.' },
    {
      name: 'not expired',
      ok: !expired,
      detail: rec.expires === null ? 'Does not expire.' : expired ? `Expired on ${day(rec.expires)}.` : `Valid until ${day(rec.expires)}.`,
    },
  ];
  const reason: VerifyFailure | null = rec.revoked ? 'revoked' : expired ? 'expired' : recipientOk ? null : 'recipient-mismatch';
  const detail =
    reason === 'revoked' ? `The issuer revoked this badge. ${rec.revocationReason ?? ''}`.trim()
    : reason === 'expired' ? `This badge expired on ${day(rec.expires!)}.`
    : reason === 'recipient-mismatch' ? 'This badge was issued to someone else.'
    : null;
  return {
    verified: reason === null,
    reason,
    detail,
    assertionUrl: cert.assertionUrl,
    badgeName: cert.name,
    imageUrl: cert.imageUrl,
    issuerName: cert.issuerName,
    recipientName: cert.recipient.name,
    issuedOn: cert.issuedOn,
    expires: cert.expires,
    checks,
  };
}

/** A verification that failed before any assertion was read. */
export function failedVerification(url: string, reason: VerifyFailure, detail: string): VerificationResult {
  return {
    verified: false, reason, detail, assertionUrl: url,
    badgeName: null, imageUrl: null, issuerName: null, recipientName: null, issuedOn: null, expires: null,
    checks: [{ name: 'assertion', ok: false, detail }],
  };
}

/** Hosts a server-side verifier must never fetch (SSRF): loopback, private and link-local ranges. */
export function isBlockedUrl(url: URL): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return true;
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' ||
    /^(127|10)\./.test(h) || /^192\.168\./.test(h) || /^169\.254\./.test(h) || /^172\.(1[6-9]|2\d|3[01])\./.test(h) ||
    /^f[cd][0-9a-f]{2}:/i.test(h) || /^fe80:/i.test(h)
  );
}
