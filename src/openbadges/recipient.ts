import type { IdentityObject } from '../contract/openbadges.js';
import type { Hashes } from './hashes.js';

/**
 * Does `identity` (e.g. an email the host page knows) match an Open Badges 2.0 recipient?
 * Hashed recipients are `sha256$<hex>` or `md5$<hex>` of identity + salt; the hex compares in any case
 * (test_profile_with_salted_hashed_email_uppercase_hash).
 * Deliberate difference from the validator, which compares identities exactly: for `email` recipients
 * Confab also tries the lowercased address, and compares unhashed emails case-insensitively, because
 * issuers differ on whether they lowercase before hashing and people type their address both ways.
 */
export async function recipientMatches(recipient: IdentityObject, identity: string, hashes: Hashes): Promise<boolean> {
  const given = identity.trim();
  const isEmail = recipient.type === 'email';
  if (!recipient.hashed) {
    const value = recipient.identity.trim();
    return isEmail ? value.toLowerCase() === given.toLowerCase() : value === given;
  }
  const m = /^(sha256|md5)\$([0-9a-f]+)$/i.exec(recipient.identity.trim());
  if (!m) return false;
  const [, alg, hex] = m;
  const salt = recipient.salt ?? '';
  for (const candidate of new Set(isEmail ? [given, given.toLowerCase()] : [given])) {
    const digest = alg.toLowerCase() === 'md5' ? await hashes.md5(candidate + salt) : await hashes.sha256(candidate + salt);
    if (digest.toLowerCase() === hex.toLowerCase()) return true;
  }
  return false;
}
