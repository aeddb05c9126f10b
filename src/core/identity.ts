import { getIdentityEpoch, getOptions } from './config.js';

/**
 * Who the cache belongs to. Cached responses depend on the caller (`me`, tier-filtered articles), and
 * a portal on a shared computer signs partners in and out: partner B must never see partner A's
 * cached data, not even stale for one frame after a reload. So cache keys are partitioned by a hash
 * of the signed-in partner (the JWT's `iss`, `sub` and `org`), read through `getToken()`.
 *
 * Only a short hash is ever stored, never the token or a claim.
 */

let last: string | undefined;
// The identity epoch (config.ts) `last` was learnt in: after a sign-in change it no longer says who is
// signed in, so synchronous readers get undefined until getToken() has been asked again.
let lastEpoch = 0;
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
let askingEpoch = 0;

/**
 * The current partition, asking the configured `getToken()`. Resolves null when the token provider
 * fails: then nothing is read from or written to the persistent cache.
 */
export function currentIdentity(): Promise<string | null> {
  const epoch = getIdentityEpoch();
  // A question asked before the sign-in changed would answer for the previous partner: ask anew.
  if (asking && askingEpoch === epoch) return asking;
  askingEpoch = epoch;
  const p: Promise<string | null> = ask(epoch).finally(() => {
    if (asking === p) asking = undefined;
  });
  return (asking = p);
}

async function ask(epoch: number): Promise<string | null> {
  const getToken = getOptions().getToken;
  let id: string;
  try {
    id = identityOf(getToken ? await getToken() : null);
  } catch {
    return null;
  }
  // An answer that arrives after yet another sign-in change does not describe the current partner.
  if (epoch === getIdentityEpoch()) {
    last = id;
    lastEpoch = epoch;
  }
  return id;
}

/**
 * The partition seen last, for synchronous reads of the in-memory cache; undefined before the first
 * and after a sign-in change until getToken() has answered again.
 */
export function lastIdentity(): string | undefined {
  return lastEpoch === getIdentityEpoch() ? last : undefined;
}

/** The partition seen last, whatever happened since: to tell that the partner changed. */
export function previousIdentity(): string | undefined {
  return last;
}

/** Test hook. */
export function _resetIdentityForTests(): void {
  last = undefined;
  lastEpoch = 0;
  asking = undefined;
  askingEpoch = 0;
  memo.clear();
}
