import type { IdentityObject } from '../../../contract/openbadges.js';
import { md5 } from './md5.js';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Does `identity` (e.g. an email the host page knows) match an Open Badges 2.0 recipient?
 * Hashed recipients are `sha256$<hex>` or `md5$<hex>` of identity + salt. Issuers differ on whether
 * they lowercase the email before hashing, so both the given and the lowercased form are tried.
 * Unhashed recipients compare case-insensitively (emails are, in practice).
 */
export async function recipientMatches(recipient: IdentityObject, identity: string): Promise<boolean> {
  const given = identity.trim();
  if (!recipient.hashed) return recipient.identity.trim().toLowerCase() === given.toLowerCase();
  const m = /^(sha256|md5)\$([0-9a-f]+)$/i.exec(recipient.identity.trim());
  if (!m) return false;
  const [, alg, hex] = m;
  const salt = recipient.salt ?? '';
  for (const candidate of new Set([given, given.toLowerCase()])) {
    const digest = alg.toLowerCase() === 'md5' ? md5(candidate + salt) : await sha256(candidate + salt);
    if (digest === hex.toLowerCase()) return true;
  }
  return false;
}

/** Whether `recipientMatches` can decide for this recipient (a known hash algorithm, or plain). */
export function recipientHashKnown(recipient: IdentityObject): boolean {
  return !recipient.hashed || /^(sha256|md5)\$[0-9a-f]+$/i.test(recipient.identity.trim());
}
