// The issuer's did:web document and JWKS: the same public key, published two ways.
import type { JWK } from 'jose';
import type { IssuerKey } from './keys.js';
import { ob3Urls } from './urls.js';

/** The key's DID URL, which is also the `kid` of every JWT the issuer signs. */
export const keyId = (origin: string, key: IssuerKey) => `${ob3Urls(origin).did}#${key.id}`;

export function didDocument(origin: string, key: IssuerKey) {
  const did = ob3Urls(origin).did;
  const id = keyId(origin, key);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id, type: 'JsonWebKey2020', controller: did, publicKeyJwk: key.publicJwk }],
    assertionMethod: [id],
  };
}

export function jwks(origin: string, key: IssuerKey): { keys: JWK[] } {
  return { keys: [{ ...key.publicJwk, kid: keyId(origin, key) }] };
}
