import { base64url, compactVerify, decodeProtectedHeader, importJWK, type ProtectedHeaderParameters } from 'jose';
import type { VerifyFailure } from '../../contract/certifications.js';
import type { FetchText } from './fetcher.js';
import { resolveIssuerKey } from './resolve-key.js';

/**
 * Asymmetric algorithms a VC-JWT may use. OB 3.0 requires RS256 at least; the others are common in
 * VC-JWT issuers. Never `none` and never an HMAC (whose "public" key would be the secret).
 */
export const JWS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA', 'Ed25519'] as const;

export interface DecodedJws {
  header: ProtectedHeaderParameters;
  /** The JWT claims set. */
  payload: Record<string, unknown>;
  /** The credential: the claims set itself (VC 2.0) or its `vc` claim (VC 1.1 style). */
  credential: unknown;
}

/** Decodes a compact JWS without checking anything; null when it is not a JWT with a JSON object payload. */
export function decodeJws(jws: string): DecodedJws | null {
  try {
    const header = decodeProtectedHeader(jws);
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[1]))) as unknown;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
    const claims = payload as Record<string, unknown>;
    const vc = claims.vc && typeof claims.vc === 'object' ? claims.vc : claims;
    return { header, payload: claims, credential: vc };
  } catch {
    return null;
  }
}

export type SignatureOutcome = { ok: true; source: string } | { ok: false; reason: VerifyFailure; detail: string; stage: 'key' | 'signature' };

/** Checks a compact JWS's signature with the issuer's own key (see resolveIssuerKey). */
export async function verifyJwsSignature(jws: string, header: ProtectedHeaderParameters, issuerId: string, fetchText: FetchText, signal?: AbortSignal): Promise<SignatureOutcome> {
  const alg = header.alg ?? '';
  if (!(JWS_ALGORITHMS as readonly string[]).includes(alg)) return { ok: false, reason: 'malformed', detail: `the algorithm "${alg}" is not accepted`, stage: 'signature' };
  const key = await resolveIssuerKey(header, issuerId, fetchText, signal);
  if ('reason' in key) return { ok: false, ...key, stage: 'key' };
  try {
    const imported = await importJWK(key.jwk, alg);
    await compactVerify(jws, imported, { algorithms: [alg] });
    return { ok: true, source: key.source };
  } catch (e) {
    const why = (e as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'the signature does not match the content' : (e as Error).message;
    return { ok: false, reason: 'invalid-signature', detail: `${why} (key ${key.source})`, stage: 'signature' };
  }
}
