import { getOptions } from './config.js';

/**
 * Who the cache belongs to. Cached responses depend on the caller (`me`, tier-filtered articles), and
 * a portal on a shared computer signs partners in and out: partner B must never see partner A's
 * cached data, not even stale for one frame after a reload. So cache keys are partitioned by a hash
 * of the signed-in partner (the JWT's `iss`, `sub` and `org`), read through `getToken()`.
 *
 * Only a short hash is ever stored, never the token or a claim.
 */

let last: string | undefined;
const memo = new Map<string, string>();

// FNV-1a, 52 bits: a partition label, not a secret. Sync and available outside secure contexts.
function hash(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return (h >> 12n).toString(36);
}

function claimsOf(token: string): string {
  try {
    const part = token.split('.')[1];
    if (!part) return `opaque:${token}`;
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const c = JSON.parse(json) as { iss?: unknown; sub?: unknown; org?: unknown };
    // Stable across token refreshes for the same partner, different between partners.
    return JSON.stringify([c.iss ?? null, c.sub ?? null, c.org ?? null]);
  } catch {
    return `opaque:${token}`;
  }
}

/** The partition for `token`: 'anon' without one. */
export function identityOf(token: string | null | undefined): string {
  if (!token) return 'anon';
  let id = memo.get(token);
  if (!id) {
    id = `u${hash(claimsOf(token))}`;
    if (memo.size > 20) memo.clear();
    memo.set(token, id);
  }
  return id;
}

// N elements mounting together ask once: the portal's getToken may be more than a getter.
let asking: Promise<string | null> | undefined;

/**
 * The current partition, asking the configured `getToken()`. Resolves null when the token provider
 * fails: then nothing is read from or written to the persistent cache.
 */
export function currentIdentity(): Promise<string | null> {
  return (asking ??= ask().finally(() => (asking = undefined)));
}

async function ask(): Promise<string | null> {
  const getToken = getOptions().getToken;
  let id: string;
  try {
    id = identityOf(getToken ? await getToken() : null);
  } catch {
    return null;
  }
  last = id;
  return id;
}

/** The partition seen last, for synchronous reads of the in-memory cache; undefined before the first. */
export function lastIdentity(): string | undefined {
  return last;
}

/** Test hook. */
export function _resetIdentityForTests(): void {
  last = undefined;
  asking = undefined;
  memo.clear();
}
