/**
 * did:web (https://w3c-ccg.github.io/did-method-web/): `did:web:example.com` lives at
 * `https://example.com/.well-known/did.json`, `did:web:example.com:a:b` at `https://example.com/a/b/did.json`,
 * and a port is written `%3A` (`did:web:localhost%3A8787`).
 */

/** The address of a did:web DID's document, or null when the DID is not a well-formed did:web. */
export function didWebDocumentUrl(did: string): string | null {
  const m = /^did:web:([^#?/]+)$/.exec(did);
  if (!m) return null;
  const [host, ...path] = m[1].split(':').map((p) => decodeURIComponent(p));
  if (!host || path.some((p) => !p || p.includes('/'))) return null;
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

