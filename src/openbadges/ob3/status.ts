import * as v from 'valibot';
import { base64url } from 'jose';
import { BitstringStatusListCredential, Ob3RevocationList, type Ob3CredentialStatus } from '../../contract/openbadges3.js';
import type { VerifyFailure } from '../../contract/certifications.js';
import { COMPACT_JWS, Ob3FetchError, parseJson, type FetchText } from './fetcher.js';
import { decodeJws, verifyJwsSignature } from './jws.js';

export type StatusOutcome =
  | { state: 'active'; detail: string }
  | { state: 'revoked'; detail: string; reason?: string }
  | { state: 'unknown'; failure: VerifyFailure; detail: string };

const BITSTRING_ENTRIES = ['BitstringStatusListEntry', 'StatusList2021Entry'];
const issuerIdOf = (i: string | { id: string }) => (typeof i === 'string' ? i : i.id);

/** Un-gzips bytes with the Compression Streams API (browsers and Node 18+ alike). */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Reads bit `index` of an `encodedList`: multibase base64url (`u…`; StatusList2021 had no prefix) of a
 * GZIP-compressed bitstring whose first index is the left-most bit of the first byte.
 */
export async function readStatusBit(encodedList: string, index: number): Promise<boolean> {
  const bits = await gunzip(base64url.decode(encodedList.startsWith('u') ? encodedList.slice(1) : encodedList));
  if (index >= bits.length * 8) throw new RangeError(`index ${index} is past the end of a ${bits.length * 8}-bit list`);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

async function fetchText(fetcher: FetchText, url: string, accept: string, signal?: AbortSignal): Promise<{ body: string } | { failure: VerifyFailure; detail: string }> {
  try {
    const r = await fetcher(url, { accept, signal });
    if (r.status < 200 || r.status > 299) return { failure: 'unreachable', detail: `the status list ${url} answered HTTP ${r.status}` };
    return { body: r.body.trim() };
  } catch (e) {
    if (e instanceof Ob3FetchError) return { failure: e.kind, detail: `the status list ${url}: ${e.message}` };
    throw e;
  }
}

async function bitstringStatus(entry: Ob3CredentialStatus, issuerId: string, fetcher: FetchText, now: Date, signal?: AbortSignal): Promise<StatusOutcome> {
  const index = Number(entry.statusListIndex);
  if (!entry.statusListCredential || !Number.isSafeInteger(index) || index < 0) {
    return { state: 'unknown', failure: 'malformed', detail: `${entry.type} needs a statusListCredential and a statusListIndex` };
  }
  const got = await fetchText(fetcher, entry.statusListCredential, 'application/vc+jwt, application/vc+ld+json, application/json', signal);
  if ('failure' in got) return { state: 'unknown', ...got };
  // A signed list (VC-JWT) or an unsigned one (JSON).
  const jws = COMPACT_JWS.test(got.body) ? decodeJws(got.body) : undefined;
  const parsed = v.safeParse(BitstringStatusListCredential, jws === undefined ? parseJson(got.body) : jws?.credential);
  if (jws === null || !parsed.success) return { state: 'unknown', failure: 'malformed', detail: `${entry.statusListCredential} is not a status list credential` };
  const list = parsed.output;
  // Only the credential's own issuer may say whether it is revoked, whether or not its list is signed.
  const listIssuer = issuerIdOf(list.issuer);
  if (listIssuer !== issuerId) return { state: 'unknown', failure: 'outside-policy', detail: `the status list is issued by ${listIssuer}, not by ${issuerId}` };
  if (jws) {
    const sig = await verifyJwsSignature(got.body, jws.header, issuerId, fetcher, signal);
    if (!sig.ok) return { state: 'unknown', failure: sig.reason, detail: `the status list's signature: ${sig.detail}` };
  }
  const how = jws ? 'signed' : 'unsigned';
  if (list.validUntil && Date.parse(list.validUntil) <= now.getTime()) {
    return { state: 'unknown', failure: 'unreachable', detail: `the status list expired on ${list.validUntil}; the issuer publishes no current one` };
  }
  let set: boolean;
  try {
    set = await readStatusBit(list.credentialSubject.encodedList, index);
  } catch (e) {
    return { state: 'unknown', failure: 'malformed', detail: `the status list cannot be read: ${(e as Error).message}` };
  }
  const purpose = entry.statusPurpose ?? 'revocation';
  if (!set) return { state: 'active', detail: `${purpose} bit ${index} is 0 in the ${how} status list` };
  return { state: 'revoked', detail: `${purpose} bit ${index} is 1 in the ${how} status list`, reason: purpose === 'suspension' ? 'suspended by the issuer' : undefined };
}

async function revocationListStatus(entry: Ob3CredentialStatus, credentialId: string | undefined, fetcher: FetchText, signal?: AbortSignal): Promise<StatusOutcome> {
  if (!entry.id) return { state: 'unknown', failure: 'malformed', detail: '1EdTechRevocationList needs the list address as its id' };
  const got = await fetchText(fetcher, entry.id, 'application/json', signal);
  if ('failure' in got) return { state: 'unknown', ...got };
  const parsed = v.safeParse(Ob3RevocationList, parseJson(got.body));
  if (!parsed.success) return { state: 'unknown', failure: 'malformed', detail: `${entry.id} is not a revocation list` };
  const hit = credentialId ? parsed.output.revokedCredentials.find((c) => c.id === credentialId) : undefined;
  if (!hit) return { state: 'active', detail: `not in the revocation list ${entry.id}` };
  return { state: 'revoked', detail: `listed in ${entry.id}`, reason: hit.revocationReason };
}

/**
 * The credential's status: revoked when any revocation or suspension entry says so. An entry of a
 * type this verifier cannot read leaves the status unknown rather than "not revoked".
 */
export async function checkStatus(
  status: Ob3CredentialStatus | Ob3CredentialStatus[] | undefined,
  credential: { id?: string; issuerId: string },
  fetcher: FetchText,
  now: Date,
  signal?: AbortSignal,
): Promise<StatusOutcome> {
  const entries = status === undefined ? [] : Array.isArray(status) ? status : [status];
  if (!entries.length) return { state: 'active', detail: 'the issuer publishes no status for this credential' };
  const outcomes: StatusOutcome[] = [];
  for (const entry of entries) {
    if (BITSTRING_ENTRIES.includes(entry.type)) outcomes.push(await bitstringStatus(entry, credential.issuerId, fetcher, now, signal));
    else if (entry.type === '1EdTechRevocationList') outcomes.push(await revocationListStatus(entry, credential.id, fetcher, signal));
    else outcomes.push({ state: 'unknown', failure: 'malformed', detail: `the status type ${entry.type} is not supported` });
  }
  return outcomes.find((o) => o.state === 'revoked') ?? outcomes.find((o) => o.state === 'unknown') ?? outcomes[0];
}
