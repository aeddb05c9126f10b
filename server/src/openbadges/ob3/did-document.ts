// The issuer's did:web document and JWKS: the same public keys, published two ways.
import type { JWK } from 'jose';
import type { PublishedKey } from './keys.js';
import { ob3Urls } from './urls.js';

/** The key's DID URL, which is also the `kid` of every JWT signed with it. */
export const keyId = (origin: string, key: PublishedKey) => `${ob3Urls(origin).did}#${key.id}`;

export function didDocument(origin: string, keys: PublishedKey[]) {
  const did = ob3Urls(origin).did;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: keys.map((k) => ({ id: keyId(origin, k), type: 'JsonWebKey2020', controller: did, publicKeyJwk: k.publicJwk })),
    assertionMethod: keys.map((k) => keyId(origin, k)),
  };
}

export function jwks(origin: string, keys: PublishedKey[]): { keys: JWK[] } {
  return { keys: keys.map((k) => ({ ...k.publicJwk, kid: keyId(origin, k) })) };
}
