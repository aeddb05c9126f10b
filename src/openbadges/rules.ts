// Small value rules of Open Badges 2.0, as the 1EdTech validator applies them
// (openbadges/verifier/tasks/validation.py: PrimitiveValueValidator, identity_object_property_dependencies).

import type { IdentityObject } from '../contract/openbadges.js';

export const list = <T>(x: T | T[] | undefined | null): T[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

/**
 * Does a JSON-LD `type` contain `want`? Compact (`Assertion`), prefixed (`obi:Assertion`) or full IRI
 * (`https://w3id.org/openbadges#Assertion`). The validator compacts first and then compares exactly, so
 * `A` is not `Assertion` (test_type_must_contain_one).
 */
export const typeIs = (t: unknown, ...want: string[]): boolean =>
  list(t as string | string[]).some(
    (x) => typeof x === 'string' && want.some((w) => x === w || x === `obi:${w}` || x === `https://w3id.org/openbadges#${w}`),
  );

export const typeText = (t: unknown) => list(t as string | string[]).join(', ') || '(none)';

/** ISO 8601 date-time WITH a time zone: the validator refuses `1977-06-10T12:00:00` (no zone). */
export function isDateTime(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(s);
  if (!m) return false;
  // Date.parse wants +hh:mm; the validator also accepts +hhmm and +hh.
  const zone = m[2] === 'Z' ? 'Z' : m[2].length === 3 ? `${m[2]}:00` : m[2].length === 5 ? `${m[2].slice(0, 3)}:${m[2].slice(3)}` : m[2];
  return !Number.isNaN(Date.parse(m[1] + zone));
}

/** Milliseconds of an `isDateTime` string. */
export function timeOf(s: string): number {
  const m = /^(.*?)([+-]\d{2})(\d{2})?$/.exec(s);
  if (!m || s.endsWith('Z')) return Date.parse(s);
  return Date.parse(`${m[1]}${m[2]}:${m[3] ?? '00'}`);
}

export const isHttpUrl = (s: unknown): s is string => {
  if (typeof s !== 'string') return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * `allowedOrigins` entries are URL authorities, not URLs (test_bad_allowed_origins). Deliberately wider
 * than the validator, which takes only `name.tld`: Confab also takes a port, `localhost` and IPv4
 * addresses, so that intranet issuers and local test issuers can state a policy.
 */
export const isUrlAuthority = (s: unknown): boolean =>
  typeof s === 'string' && /^(?=.{4,253}(?::\d+)?$)((?!-)[a-zA-Z0-9-]{0,62}[a-zA-Z0-9]\.)+[a-zA-Z]{2,63}(?::\d{1,5})?$|^localhost(?::\d{1,5})?$|^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$/i.test(s);

const HASHED = /^(md5\$[0-9a-f]{32}|sha256\$[0-9a-f]{64})$/i;

/**
 * What is wrong with a recipient IdentityObject, or null. The validator's rules: `hashed: true` needs a
 * known hash style; an identity that looks hashed must say so; an unhashed email must look like one.
 */
export function identityProblem(r: IdentityObject): string | null {
  if (!['id', 'email', 'url', 'telephone'].includes(r.type)) return `recipient type ${r.type} is not id, email, url or telephone`;
  const looksHashed = HASHED.test(r.identity);
  if (r.hashed && !looksHashed) return 'recipient is marked hashed but is not an md5$ or sha256$ hash';
  if (!r.hashed && looksHashed) return 'recipient looks hashed but is marked unhashed';
  if (!r.hashed && r.type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(r.identity)) return 'recipient email is not an email address';
  return null;
}
