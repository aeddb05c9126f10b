import * as v from 'valibot';
import { calculateJwkThumbprint, type JWK, type ProtectedHeaderParameters } from 'jose';
import { DidDocument } from '../../contract/openbadges3.js';
import type { VerifyFailure } from '../../contract/certifications.js';
import { didWebDocumentUrl } from './did-web.js';
import { Ob3FetchError, parseJson, type FetchText } from './fetcher.js';

/** The public key that verifies a credential, and where it was found. */
export interface ResolvedKey {
  jwk: JWK;
  /** Where the key came from, for the verdict's checks. */
  source: string;
}

/** Why no key could be used: the reason the verdict gives, and a sentence for the reader. */
export interface KeyProblem {
  reason: VerifyFailure;
  detail: string;
}

const DID_ACCEPT = 'application/did+json, application/did+ld+json, application/json';
const JWKS_ACCEPT = 'application/jwk-set+json, application/jwk+json, application/json';

const withoutFragment = (u: string) => u.split('#')[0];
const fragmentOf = (u: string) => (u.includes('#') ? u.slice(u.indexOf('#') + 1) : '');

function originOf(u: string): string | null {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The origin a did:web or an http(s) issuer id speaks for; null for other DID methods. */
function issuerOrigin(issuerId: string): string | null {
  if (issuerId.startsWith('did:web:')) {
    const doc = didWebDocumentUrl(issuerId.split('#')[0]);
    return doc ? originOf(doc) : null;
  }
  return originOf(issuerId);
}

/** A JWK without private parts: a published key that carries `d` is refused, not used. */
function publicJwk(x: unknown): JWK | null {
  if (!x || typeof x !== 'object' || typeof (x as JWK).kty !== 'string') return null;
  if ('d' in (x as object)) return null;
  return x as JWK;
}

async function fetchJson(fetchText: FetchText, url: string, accept: string, signal?: AbortSignal): Promise<{ json: unknown } | KeyProblem> {
  try {
    const r = await fetchText(url, { accept, signal });
    if (r.status < 200 || r.status > 299) return { reason: 'unreachable', detail: `${url} answered HTTP ${r.status}` };
    const json = parseJson(r.body);
    if (json === undefined) return { reason: 'malformed', detail: `${url} is not JSON` };
    return { json };
  } catch (e) {
    if (e instanceof Ob3FetchError) return { reason: e.kind, detail: `${url}: ${e.message}` };
    throw e;
  }
}

/** The keys a did:web document lists as the DID's own assertion keys (all its keys when it lists none). */
async function didWebKeys(did: string, fetchText: FetchText, signal?: AbortSignal): Promise<Map<string, JWK> | KeyProblem> {
  const url = didWebDocumentUrl(did);
  if (!url) return { reason: 'malformed', detail: `${did} is not a well-formed did:web` };
  const got = await fetchJson(fetchText, url, DID_ACCEPT, signal);
  if ('reason' in got) return got;
  const parsed = v.safeParse(DidDocument, got.json);
  if (!parsed.success) return { reason: 'malformed', detail: `${url} is not a DID document` };
  const doc = parsed.output;
  if (doc.id !== did) return { reason: 'outside-policy', detail: `the DID document at ${url} is for ${doc.id}, not ${did}` };
  const absolute = (id: string) => (id.startsWith('#') ? did + id : id);
  const assertion = doc.assertionMethod?.map((m) => absolute(typeof m === 'string' ? m : m.id));
  const keys = new Map<string, JWK>();
  for (const m of doc.verificationMethod ?? []) {
    const id = absolute(m.id);
    const jwk = publicJwk(m.publicKeyJwk);
    // A key of another controller may sit in the document, but it does not speak for this DID.
    if (!jwk || (m.controller && m.controller !== did)) continue;
    if (assertion && !assertion.includes(id)) continue;
    keys.set(id, jwk);
  }
  return keys;
}

/**
 * Finds the key that verifies a VC-JWT, bound to its issuer (OB 3.0 §8.2 "Dereferencing the Public
 * Key"): a `kid` that is a did:web DID URL of the issuer's DID, or an http(s) URL on the issuer's
 * origin that serves a JWKS or a JWK. A `jwk` in the header alone proves nothing about who signed,
 * so it is accepted only when the issuer's did:web document publishes the same key.
 */
export async function resolveIssuerKey(
  header: ProtectedHeaderParameters,
  issuerId: string,
  fetchText: FetchText,
  signal?: AbortSignal,
): Promise<ResolvedKey | KeyProblem> {
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  if (kid?.startsWith('did:')) {
    const did = withoutFragment(kid);
    if (did !== withoutFragment(issuerId)) return { reason: 'outside-policy', detail: `the key ${kid} belongs to ${did}, not to the issuer ${issuerId}` };
    if (!did.startsWith('did:web:')) return { reason: 'unreachable', detail: `keys of ${did.split(':').slice(0, 2).join(':')} DIDs cannot be resolved here (did:web only)` };
    const keys = await didWebKeys(did, fetchText, signal);
    if ('reason' in keys) return keys;
    const jwk = keys.get(kid);
    if (!jwk) return { reason: 'unknown-key', detail: `${did} publishes no assertion key ${kid}` };
    return { jwk, source: `${kid} (did:web)` };
  }
  if (kid) {
    const origin = originOf(kid);
    if (!origin) return { reason: 'malformed', detail: `the key id ${kid} is neither a DID URL nor an http(s) URL` };
    if (origin !== issuerOrigin(issuerId)) return { reason: 'outside-policy', detail: `the key ${kid} is not published on the issuer's own site (${issuerId})` };
    const got = await fetchJson(fetchText, withoutFragment(kid), JWKS_ACCEPT, signal);
    if ('reason' in got) return got;
    const json = got.json as { keys?: unknown };
    if (Array.isArray(json.keys)) {
      const frag = fragmentOf(kid);
      const found = json.keys.map(publicJwk).find((k) => k && (k.kid === kid || (frag && k.kid === frag)));
      if (!found) return { reason: 'unknown-key', detail: `the key set at ${withoutFragment(kid)} has no key ${kid}` };
      return { jwk: found, source: `${kid} (JWKS)` };
    }
    const single = publicJwk(json);
    if (!single) return { reason: 'malformed', detail: `${withoutFragment(kid)} is neither a JWK nor a JWK set` };
    return { jwk: single, source: `${kid} (JWK)` };
  }
  const embedded = publicJwk(header.jwk);
  if (!embedded) return { reason: 'malformed', detail: 'the JOSE header names no key (neither kid nor a public jwk)' };
  if (!issuerId.startsWith('did:web:')) {
    return { reason: 'unknown-key', detail: `the credential carries its own key, and ${issuerId} publishes none to compare it with` };
  }
  const keys = await didWebKeys(withoutFragment(issuerId), fetchText, signal);
  if ('reason' in keys) return keys;
  const want = await calculateJwkThumbprint(embedded);
  for (const [id, jwk] of keys) {
    if ((await calculateJwkThumbprint(jwk).catch(() => '')) === want) return { jwk: embedded, source: `${id} (did:web, same key as the header's jwk)` };
  }
  return { reason: 'unknown-key', detail: `the key in the header is not one that ${issuerId} publishes` };
}
