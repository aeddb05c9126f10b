// JWT auth via jose: HS256 secret (CONFAB_JWT_SECRET) or a JWKS URL (CONFAB_JWKS_URL, RS256/ES256).
// Demo mode: no key configured and NODE_ENV !== 'production' -> a fixed dev secret and demo tokens.
import { SignJWT, jwtVerify, createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLES, TIERS, type Role, type Tier } from '../../src/contract/index.js';
import { startConfigFromEnv, type StartConfig } from './config.js';

export interface User {
  id: string;
  name: string;
  org: { id: string; name: string } | null;
  tier: Tier | null;
  roles: Role[];
  /** The token's `email` claim, only when `email_verified` is not false: the one address mail goes to. */
  email?: string | null;
  /** The token's `locale` claim (BCP 47), for mail. */
  locale?: string | null;
}

export interface Auth {
  readonly demo: boolean;
  verify(token: string): Promise<User>;
  /** Only in demo mode (and tests): signs a token for the given claims. */
  sign?(user: {
    id: string;
    name: string;
    org?: string | null;
    orgName?: string | null;
    tier?: string | null;
    roles?: string[];
    email?: string | null;
    emailVerified?: boolean;
    locale?: string | null;
  }): Promise<string>;
}

/**
 * The identity provider's key set could not be had (unreachable, timed out, not a 200, not a key set):
 * the token may be fine, so the caller gets a 503, not a 401 that would sign the partner out.
 */
export class KeySetUnavailableError extends Error {
  override name = 'KeySetUnavailableError';
}

/**
 * A string that can be stored as JSON in PostgreSQL: a lone UTF-16 surrogate (`\ud800`) becomes
 * U+FFFD. JSON.stringify writes a lone one as `\ud800`, which jsonb refuses (live-tickets.ts stores the
 * user so). Applied after any cut, since a cut can split a pair.
 */
const wellFormed = (s: string): string => (s as string & { toWellFormed(): string }).toWellFormed();

export const DEMO_SECRET = 'confab-demo-secret-do-not-use-in-production';

export function claimsToUser(p: JWTPayload): User {
  if (typeof p.sub !== 'string' || !p.sub) throw new Error('token has no sub');
  // Custom claims are `unknown` (JWTPayload's index signature): each is checked before use.
  const rawOrg = p.org;
  let org: User['org'] = null;
  if (typeof rawOrg === 'string' && rawOrg) org = { id: wellFormed(rawOrg), name: wellFormed(typeof p.orgName === 'string' ? p.orgName : rawOrg) };
  else if (rawOrg && typeof rawOrg === 'object' && 'id' in rawOrg && typeof rawOrg.id === 'string')
    org = { id: wellFormed(rawOrg.id), name: wellFormed('name' in rawOrg && typeof rawOrg.name === 'string' ? rawOrg.name : rawOrg.id) };
  const tier = (TIERS as readonly unknown[]).includes(p.tier) ? (p.tier as Tier) : null;
  const roles = Array.isArray(p.roles)
    ? (p.roles as unknown[]).filter((r): r is Role => (ROLES as readonly unknown[]).includes(r))
    : [];
  const name = typeof p.name === 'string' && p.name ? p.name : p.sub;
  // An unverified address is never mailed: someone could have typed another person's address.
  const email = typeof p.email === 'string' && p.email_verified !== false && /^[^\s@<>,;]+@[^\s@<>,;]+$/.test(p.email) && p.email.length <= 254 ? p.email : null;
  const locale = typeof p.locale === 'string' && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(p.locale) ? p.locale : null;
  return { id: wellFormed(p.sub.slice(0, 128)), name: wellFormed(String(name).slice(0, 200)), org, tier, roles, email: email && wellFormed(email), locale };
}

export function hs256Auth(secret: string, demo = false): Auth {
  const key = new TextEncoder().encode(secret);
  return {
    demo,
    async verify(token) {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
      return claimsToUser(payload);
    },
    async sign(u) {
      return new SignJWT({
        name: u.name,
        org: u.org ?? undefined,
        orgName: u.orgName ?? undefined,
        tier: u.tier ?? undefined,
        roles: u.roles ?? [],
        email: u.email ?? undefined,
        email_verified: u.email ? (u.emailVerified ?? true) : undefined,
        locale: u.locale ?? undefined,
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(u.id)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(key);
    },
  };
}

/**
 * Errors of the key lookup that say nothing about the token's key set being reachable: no key with the
 * token's `kid` (after jose fetched the set again), several, or a key that cannot be used. These stay 401s.
 */
const TOKEN_KEY_ERRORS = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JWKInvalid, errors.JOSENotSupported, errors.JOSEAlgNotAllowed];

export function jwksAuth(url: string): Auth {
  const jwks = createRemoteJWKSet(new URL(url));
  // Only the key lookup is wrapped, so a bad signature, an expired token or a claim that fails stays a
  // 401. What fails there otherwise is the key set itself: JWKSTimeout, JWKSInvalid, jose's plain
  // JOSEError for a status other than 200 or a body that is not JSON, and fetch's own TypeError for a
  // host that refuses or cannot be resolved.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (e) {
      if (TOKEN_KEY_ERRORS.some((E) => e instanceof E)) throw e;
      throw new KeySetUnavailableError(`The key set at ${url} could not be loaded: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  };
  return {
    demo: false,
    async verify(token) {
      const { payload } = await jwtVerify(token, getKey, { algorithms: ['RS256', 'ES256'] });
      return claimsToUser(payload);
    },
  };
}

/** Picks the auth mode from the token keys; throws a clear message in production without a key. */
export function authFor(keys: Pick<StartConfig, 'jwksUrl' | 'jwtSecret' | 'production'>): Auth {
  if (keys.jwksUrl) return jwksAuth(keys.jwksUrl);
  if (keys.jwtSecret) return hs256Auth(keys.jwtSecret);
  if (keys.production) {
    throw new Error(
      'Confab server: refusing to start in production without a token key. Set CONFAB_JWT_SECRET (HS256) or CONFAB_JWKS_URL (RS256/ES256).',
    );
  }
  return hs256Auth(DEMO_SECRET, true);
}

/** The auth mode the environment asks for (see config.ts for the variables). */
export const authFromEnv = (env?: NodeJS.ProcessEnv): Auth => authFor(startConfigFromEnv(env));
