// VC-JWT as OB 3.0 §8.2 describes it: the credential is the JWT payload, with iss/jti/sub/nbf/exp
// repeating its issuer, id, subject and validity period; the JOSE header names the key by its DID URL.
import { CompactSign } from 'jose';
import type { IssuerKey } from './keys.js';

export interface SignableCredential {
  id: string;
  issuer: string | { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: { id?: string; type: string | string[] };
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export async function signVcJwt(credential: SignableCredential, key: IssuerKey, kid: string): Promise<string> {
  const claims: Record<string, unknown> = {
    ...credential,
    iss: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
    jti: credential.id,
    nbf: seconds(credential.validFrom),
  };
  if (credential.credentialSubject.id) claims.sub = credential.credentialSubject.id;
  if (credential.validUntil) claims.exp = seconds(credential.validUntil);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: key.alg, kid, typ: 'JWT' })
    .sign(key.privateKey);
}
