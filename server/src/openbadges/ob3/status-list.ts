// The revocation status list (W3C Bitstring Status List v1.0): one bit per certification, set when it is
// revoked. Built from the certifications table on each request, so revoking is just `revoked = true`.
import { gzipSync } from 'node:zlib';
import { VC_CONTEXT_V2 } from '../../../../src/contract/index.js';
import type { Queryable } from '../../db.js';

/** The spec's minimum list size (16 KB of bits), so that a list says little about how many were issued. */
export const MIN_STATUS_BITS = 131_072;

/** `u` + base64url(GZIP(bits)), the first index being the left-most bit of the first byte. */
export function encodeStatusList(setIndexes: Iterable<number>, minBits = MIN_STATUS_BITS): string {
  const indexes = [...setIndexes];
  const needed = Math.max(minBits, ...indexes.map((i) => i + 1));
  const bits = new Uint8Array(Math.ceil(needed / minBits) * (minBits / 8));
  for (const i of indexes) bits[i >> 3] |= 0x80 >> (i & 7);
  return 'u' + gzipSync(bits).toString('base64url');
}

export async function revokedIndexes(q: Queryable): Promise<number[]> {
  const { rows } = await q.query<{ status_index: number }>('SELECT status_index FROM certifications WHERE revoked ORDER BY status_index');
  return rows.map((r) => Number(r.status_index));
}

export function statusListCredential(listUrl: string, issuer: string, encodedList: string, now = new Date()) {
  // Whole seconds: the JWT's nbf repeats validFrom, and NumericDate has no fractions.
  const validFrom = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
  return {
    '@context': [VC_CONTEXT_V2],
    id: listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom,
    credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
  };
}
