// Secrets as the database stores them: sealed (AES-256-GCM) under a key derived from
// CONFAB_KEY_SECRET when it is set, so that a copy of the database (a backup, a replica, a leaked dump)
// is not enough to use them; plain without it (the demo, and databases from before the secret was set,
// whose rows sealed-rows.ts seals on their next start). Each sealed column has its own key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

/** A column of secrets, one per row keyed by a text `id`: where it is, and what its rows are called in messages. */
export interface SealedColumn {
  /** SQL names, constants of the code (never input). */
  table: string;
  column: string;
  /** What one row holds and several hold, e.g. 'Open Badges signing key(s)': the messages name them. */
  one: string;
  many: string;
  /** HKDF salt; the info is `table.column v1`, so the same secret gives each column another key. */
  salt: string;
  /** The pg_advisory_xact_lock that serialises writers of the column between processes (see migrate.ts for 7262001). */
  lock: number;
  /** Throws a KeySealError when a plain value (stored plain, or unsealed) is not what the column holds. */
  check?: (plain: string, id: string) => void;
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** A stored secret that cannot be read: no secret, another secret, or a damaged row. A configuration fault, not a request's. */
export class KeySealError extends Error {
  override name = 'KeySealError';
}

/** A row no secret can open: not what seal() writes, or not what the column holds once unsealed. */
export class DamagedRowError extends KeySealError {
  override name = 'DamagedRowError';
}

/**
 * 12 hex digits that tell two secrets apart and reveal nothing of either, for the start's log: what
 * `printf 'confab key fingerprint' | openssl dgst -sha256 -hmac "$CONFAB_KEY_SECRET"` begins with.
 */
export const fingerprint = (secret: string) => createHmac('sha256', secret).update('confab key fingerprint').digest('hex').slice(0, 12);

const keyFrom = (secret: string, col: SealedColumn) => Buffer.from(hkdfSync('sha256', secret, col.salt, `${col.table}.${col.column} v1`, 32));

/** `sealed:v1:<iv>.<ciphertext>.<tag>` (base64url parts) of `plain`. */
export function seal(plain: string, secret: string, col: SealedColumn): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret, col), iv, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** What a new row stores: sealed with the secret, plain without it (as before sealing existed). */
export const toStored = (plain: string, secret: string | undefined, col: SealedColumn) => (secret ? seal(plain, secret, col) : plain);

/** The plain text of a stored value: sealed ones need the secret they were sealed with. */
export function unseal(stored: string, secret: string | undefined, col: SealedColumn): string {
  if (!isSealed(stored)) return stored;
  const where = `${col.many} in ${col.table}`;
  if (!secret) throw new KeySealError(`The ${where} are sealed: set CONFAB_KEY_SECRET to the secret they were sealed with.`);
  const parts = stored.slice(PREFIX.length).split('.');
  const [iv, body, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
  // Exactly what seal() writes: anything else is damage, not a wrong secret, and says so.
  if (parts.length !== 3 || !parts.every((p) => /^[\w-]+$/.test(p)) || iv.length !== 12 || tag.length !== 16) {
    throw new DamagedRowError(`A sealed ${col.one} in ${col.table} is damaged (not sealed:v1:<iv>.<ciphertext>.<tag>).`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret, col), iv, { authTagLength: 16 });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell a wrong key from changed bytes: both fail the tag.
    throw new KeySealError(`The ${where} could not be unsealed with CONFAB_KEY_SECRET: it is not the secret they were sealed with, or the row is damaged.`);
  }
}
