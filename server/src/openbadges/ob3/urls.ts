// Where the OB 3.0 documents live, next to the 2.0 ones under /ob/ (which every verifier may fetch, CORS *).

/**
 * The did:web DID of a public base URL (https://w3c-ccg.github.io/did-method-web/): its host, with a
 * port written `%3A`, then its path segments. The browser's resolver (src/openbadges/ob3/did-web.ts)
 * maps it back; a server test holds the two together.
 */
export function didWebFor(baseUrl: string): string {
  const u = new URL(baseUrl);
  const segments = u.pathname.split('/').filter(Boolean).map((s) => encodeURIComponent(decodeURIComponent(s)));
  return ['did:web', u.host.replace(':', '%3A'), ...segments].join(':');
}

export const ob3Urls = (origin: string) => ({
  did: didWebFor(origin),
  credential: (id: string) => `${origin}/ob/v3/credentials/${encodeURIComponent(id)}`,
  statusList: `${origin}/ob/v3/status/revocation`,
  jwks: `${origin}/ob/v3/jwks.json`,
});
