import type { ObIssuer } from '../contract/openbadges.js';
import { list } from './rules.js';

/**
 * Does the assertion `id` lie within the issuer's hosted verification policy? As the validator's
 * hosted_id_in_verification_scope:
 * - `startsWith` given: the id must start with one of the prefixes;
 * - and always: the id's authority must be one of `allowedOrigins`, which defaults to the authority of
 *   the issuer's own id.
 * Deliberate difference: the validator compares authorities as exact strings; Confab compares host
 * names case-insensitively (RFC 3986 §3.2.2) and drops a default port, as `URL.host` does.
 * This is what stops anyone from hosting an "assertion" for a well-known issuer on their own server.
 */
export function withinPolicy(assertionId: string, issuer: ObIssuer): { ok: boolean; detail: string } {
  let id: URL;
  let issuerId: URL;
  try {
    id = new URL(assertionId);
    issuerId = new URL(issuer.id);
  } catch {
    return { ok: false, detail: `assertion id ${assertionId} or issuer id ${issuer.id} is not a URL` };
  }
  const prefixes = list(issuer.verification?.startsWith);
  if (prefixes.length && !prefixes.some((p) => assertionId.startsWith(p))) {
    return { ok: false, detail: `${assertionId} does not start with ${prefixes.join(' or ')}` };
  }
  const declared = list(issuer.verification?.allowedOrigins);
  const origins = (declared.length ? declared : [issuerId.host]).map((o) => o.toLowerCase());
  const ok = origins.includes(id.host.toLowerCase());
  const rule = declared.length ? `allowed origins: ${origins.join(', ')}` : `the issuer's own host ${issuerId.host}`;
  return { ok, detail: `${id.host} checked against ${rule}${prefixes.length ? `; starts with ${prefixes.join(' or ')}` : ''}` };
}
