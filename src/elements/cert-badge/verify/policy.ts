import type { ObIssuer } from '../../../contract/openbadges.js';

const list = (x: string | string[] | undefined): string[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

/**
 * Does the assertion `id` lie within the issuer's hosted verification policy?
 * - `allowedOrigins`: the id's host must be one of them (with or without its port);
 * - `startsWith`: the id must start with one of the prefixes;
 * - both given: both must hold. Neither: the id's origin must equal the issuer id's origin.
 * This is what stops anyone from hosting an "assertion" for a well-known issuer on their own server.
 */
export function withinPolicy(assertionId: string, issuer: ObIssuer): { ok: boolean; detail: string } {
  let id: URL;
  try {
    id = new URL(assertionId);
  } catch {
    return { ok: false, detail: `assertion id ${assertionId} is not a URL` };
  }
  const origins = list(issuer.verification?.allowedOrigins);
  const prefixes = list(issuer.verification?.startsWith);
  if (origins.length || prefixes.length) {
    const originOk = !origins.length || origins.some((o) => o.toLowerCase() === id.host || o.toLowerCase() === id.hostname);
    const prefixOk = !prefixes.length || prefixes.some((p) => assertionId.startsWith(p));
    const rules = [origins.length ? `allowed origins: ${origins.join(', ')}` : '', prefixes.length ? `starts with: ${prefixes.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    return { ok: originOk && prefixOk, detail: `${id.host} checked against ${rules}` };
  }
  let issuerOrigin: string;
  try {
    issuerOrigin = new URL(issuer.id).origin;
  } catch {
    return { ok: false, detail: `issuer id ${issuer.id} is not a URL` };
  }
  return { ok: issuerOrigin === id.origin, detail: `${id.origin} checked against the issuer's origin ${issuerOrigin}` };
}
