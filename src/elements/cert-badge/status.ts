import type { CertStatus } from '../../contract/certifications.js';

/** From this many days before expiry a badge shows "expiring soon", so partners renew in time. */
export const EXPIRING_WITHIN_DAYS = 60;
const DAY = 86_400_000;

/** The status a badge shows, judged as a verifier would: revocation first, then expiry. */
export function certStatus(revoked: boolean, expires: string | null, now = Date.now()): CertStatus {
  if (revoked) return 'revoked';
  if (!expires) return 'active';
  const left = Date.parse(expires) - now;
  if (Number.isNaN(left)) return 'active';
  if (left <= 0) return 'expired';
  return left <= EXPIRING_WITHIN_DAYS * DAY ? 'expiring' : 'active';
}

/** Whole days from now until `date` (negative when past). */
export function daysUntil(date: string, now = Date.now()): number {
  return Math.ceil((Date.parse(date) - now) / DAY);
}
