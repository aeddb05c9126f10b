/**
 * did:web (https://w3c-ccg.github.io/did-method-web/): `did:web:example.com` lives at
 * `https://example.com/.well-known/did.json`, `did:web:example.com:a:b` at `https://example.com/a/b/did.json`,
 * and a port is written `%3A` (`did:web:localhost%3A8787`).
 */

/** A host name or IPv4 address, with an optional port. */
const HOST = /^[A-Za-z0-9.-]+(:\d+)?$/;
/** A bracketed IPv6 address, with an optional port. */
const IPV6_HOST = /^\[[0-9A-Fa-f:.]+\](:\d+)?$/;

/** The address of a did:web DID's document, or null when the DID is not a well-formed did:web. */
export function didWebDocumentUrl(did: string): string | null {
  const m = /^did:web:([^#?/]+)$/.exec(did);
  if (!m) return null;
  let host: string;
  let path: string[];
  try {
    [host, ...path] = m[1].split(':').map((p) => decodeURIComponent(p));
  } catch {
    return null; // a malformed %-escape: not a did:web, rather than an address that cannot be reached
  }
  if (!host || path.some((p) => !p || p.includes('/'))) return null;
  // The decoded host must be a host (and port), nothing else: `did:web:victim.example%40evil.example`
  // decodes to `victim.example@evil.example`, which a URL parser reads as userinfo at evil.example.
  if (!HOST.test(host) && !IPV6_HOST.test(host)) return null;
  // A did:web is always https; plain http is accepted only for this machine, where a developer runs
  // the reference server without TLS.
  const scheme = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host) ? 'http' : 'https';
  let url: URL;
  try {
    url = new URL(`${scheme}://${host}`);
  } catch {
    return null;
  }
  return path.length ? `${url.origin}/${path.map(encodeURIComponent).join('/')}/did.json` : `${url.origin}/.well-known/did.json`;
}

