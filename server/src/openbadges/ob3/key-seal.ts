// The issuer's private keys as ob3_keys stores them: sealed (AES-256-GCM) under a key derived from
// CONFAB_KEY_SECRET when it is set, so that a copy of the database (a backup, a replica, a leaked dump)
// is not enough to sign credentials in the issuer's name; plain JSON without it (the demo, and
// databases from before the secret was set, which keys.ts seals on their next start).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** A stored key that cannot be read: no secret, another secret, or a damaged row. A configuration fault, not a request's. */
export class KeySealError extends Error {
  override name = 'KeySealError';
}

// A fixed salt and a purpose label: the same secret used for anything else derives another key.
const keyFrom = (secret: string) => Buffer.from(hkdfSync('sha256', secret, 'confab-ob3-keys', 'ob3_keys.private_jwk v1', 32));

/** `sealed:v1:<iv>.<ciphertext>.<tag>` (base64url parts) of `plain`. */
export function seal(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** The plain text of a stored key: sealed ones need the secret they were sealed with. */
export function unseal(stored: string, secret: string | undefined): string {
  if (!isSealed(stored)) return stored;
  if (!secret) throw new KeySealError('The Open Badges signing keys in ob3_keys are sealed: set CONFAB_KEY_SECRET to the secret they were sealed with.');
  const parts = stored.slice(PREFIX.length).split('.');
  const [iv, body, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
  // Exactly what seal() writes: anything else is damage, not a wrong secret, and says so.
  if (parts.length !== 3 || !parts.every((p) => /^[\w-]+$/.test(p)) || iv.length !== 12 || tag.length !== 16) {
    throw new KeySealError('A sealed Open Badges signing key in ob3_keys is damaged (not sealed:v1:<iv>.<ciphertext>.<tag>).');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), iv, { authTagLength: 16 });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell a wrong key from changed bytes: both fail the tag.
    throw new KeySealError('The Open Badges signing keys in ob3_keys could not be unsealed with CONFAB_KEY_SECRET: it is not the secret they were sealed with, or the row is damaged.');
  }
}
