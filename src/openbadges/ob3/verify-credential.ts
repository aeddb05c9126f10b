import * as v from 'valibot';
import { Ob3Credential, VC_CONTEXT_V1, VC_CONTEXT_V2 } from '../../contract/openbadges3.js';
import type { VerificationResult, VerifyFailure } from '../../contract/certifications.js';
import { describeIssues } from '../../contract/issues.js';
import { COMPACT_JWS, Ob3FetchError, parseJson, type FetchText } from './fetcher.js';
import { decodeJws, verifyJwsSignature } from './jws.js';
import { subjectIsCheckable, subjectMatches } from './recipient.js';
import { checkStatus } from './status.js';

export interface VerifyCredentialOptions {
  /** How documents are fetched: the credential, DID documents, key sets and status lists. */
  fetchText: FetchText;
  /** An identity (an email, a DID) to check the recipient against. Not checked when absent. */
  identity?: string;
  /** "Now" for the validity period. */
  now?: Date;
  /** Shown as the recipient (an OB 3.0 credential usually only names a hash). */
  recipientName?: string | null;
  /** Aborts every fetch; the promise then rejects with the fetcher's AbortError. */
  signal?: AbortSignal;
}

/** Which failure wins when several checks fail: the same order as the Open Badges 2.0 verifier. */
const PRIORITY: VerifyFailure[] = ['revoked', 'blocked-url', 'not-found', 'malformed', 'invalid-signature', 'unknown-key', 'outside-policy', 'expired', 'recipient-mismatch', 'unreachable'];
const CREDENTIAL_ACCEPT = 'application/vc+jwt, application/vc+ld+json, application/ld+json, application/json, text/plain';
const CREDENTIAL_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

const list = (t: string | string[]) => (Array.isArray(t) ? t : [t]);
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const validDate = (s: string | undefined) => s === undefined || !Number.isNaN(Date.parse(s));
const imageId = (i: string | { id: string } | undefined) => (typeof i === 'string' ? i : i?.id) ?? null;

/** Ends the verification at a failure that leaves nothing else to check. */
class Stop extends Error {}

/**
 * Verifies an Open Badges 3.0 credential (OB 3.0 §"Verification"), given as the URL it is published at
 * or as the VC-JWT itself: the VC-JWT signature with the issuer's key (did:web or a JWKS on the
 * issuer's site), the JWT claims against the credential, the validity period, the status list and,
 * when `identity` is given, the recipient.
 *
 * Pure: everything it reads comes through `fetchText`; WebCrypto (through jose) does the maths.
 * Never rejects for a credential problem: the outcome is a `VerificationResult`, the same verdict the
 * Open Badges 2.0 verifiers give, with `assertionUrl` holding the credential's URL (or its id).
 * Embedded Data Integrity proofs (eddsa-rdfc-2022) are reported as not verifiable here.
 */
export async function verifyCredential(source: string, opts: VerifyCredentialOptions): Promise<VerificationResult> {
  const input = source.trim();
  const res: VerificationResult = {
    verified: false, reason: null, detail: null, assertionUrl: COMPACT_JWS.test(input) ? '' : input, badgeName: null, imageUrl: null,
    issuerName: null, recipientName: opts.recipientName ?? null, issuedOn: null, expires: null, checks: [],
  };
  const failures = new Map<VerifyFailure, string>();
  const check = (name: string, ok: boolean, detail: string, reason?: VerifyFailure, why?: string) => {
    res.checks.push({ name, ok, detail });
    if (!ok && reason && !failures.has(reason)) failures.set(reason, why ?? detail);
  };
  const stop = (name: string, detail: string, reason: VerifyFailure, why?: string): never => {
    check(name, false, detail, reason, why);
    throw new Stop();
  };

  try {
    await run(input, { ...opts, fetchText: fetchOnce(opts.fetchText) }, res, check, stop);
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    if (!(e instanceof Stop)) {
      // A fetcher that throws something other than Ob3FetchError still means "could not reach it".
      check('credential', false, String((e as Error)?.message ?? e), 'unreachable', `The credential could not be checked: ${(e as Error)?.message ?? e}`);
    }
  }
  const reason = PRIORITY.find((r) => failures.has(r)) ?? null;
  res.verified = reason === null && res.checks.length > 0;
  res.reason = reason;
  res.detail = reason ? failures.get(reason)! : null;
  return res;
}

/**
 * One request per address and Accept in a verification: the issuer's key document (did.json or JWKS)
 * is read for the credential's proof and again for its status list's, and both must see the same one.
 */
function fetchOnce(fetchText: FetchText): FetchText {
  const asked = new Map<string, ReturnType<FetchText>>();
  return (url, o) => {
    const key = `${o.accept} ${url}`;
    let got = asked.get(key);
    if (!got) asked.set(key, (got = fetchText(url, o)));
    return got;
  };
}

type Check = (name: string, ok: boolean, detail: string, reason?: VerifyFailure, why?: string) => void;
type StopFn = (name: string, detail: string, reason: VerifyFailure, why?: string) => never;

/** The credential as text: the input itself when it is a VC-JWT, else what its URL serves. */
async function load(input: string, opts: VerifyCredentialOptions, stop: StopFn): Promise<{ text: string; from: string }> {
  if (COMPACT_JWS.test(input)) return { text: input, from: 'given as a VC-JWT' };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return stop('credential', 'neither a URL nor a VC-JWT', 'blocked-url', 'This is neither a credential address nor a signed credential (VC-JWT).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return stop('credential', `${url.protocol} addresses are not fetched`, 'blocked-url', 'Only http(s) credential addresses can be checked.');
  try {
    const r = await opts.fetchText(url.href, { accept: CREDENTIAL_ACCEPT, signal: opts.signal });
    if (r.status === 404 || r.status === 410) stop('credential', `HTTP ${r.status}`, 'not-found', 'No credential exists at this address.');
    if (r.status < 200 || r.status > 299) stop('credential', `HTTP ${r.status}`, 'unreachable', `The issuer answered HTTP ${r.status} for the credential.`);
    return { text: r.body.trim(), from: `HTTP ${r.status}` };
  } catch (e) {
    if (e instanceof Ob3FetchError) return stop('credential', e.message, e.kind, `The credential could not be fetched: ${e.message}.`);
    throw e;
  }
}

async function run(input: string, opts: VerifyCredentialOptions, res: VerificationResult, check: Check, stop: StopFn): Promise<void> {
  const now = opts.now ?? new Date();
  const { text, from } = await load(input, opts, stop);

  // 1. The credential: a VC-JWT (the proof wraps it) or JSON with an embedded proof.
  const jws = COMPACT_JWS.test(text) ? decodeJws(text) : null;
  if (COMPACT_JWS.test(text) && !jws) stop('credential', 'a JWT whose payload is not a JSON object', 'malformed', 'The signed credential cannot be decoded.');
  const raw = jws ? jws.credential : parseJson(text);
  const parsed = v.safeParse(Ob3Credential, raw);
  if (!parsed.success) {
    const what = raw === undefined ? 'not JSON or a JWT' : describeIssues(parsed.issues).slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
    stop('credential', what, 'malformed', `This is not an Open Badges 3.0 credential: ${what}.`);
  }
  const cred = parsed.output as Ob3Credential;
  const types = list(cred.type);
  const contexts = cred['@context'].filter((c): c is string => typeof c === 'string');
  if (!types.includes('VerifiableCredential') || !types.some((t) => CREDENTIAL_TYPES.includes(t))) {
    stop('credential', `type is ${types.join(', ')}`, 'malformed', 'The document is not an OpenBadgeCredential.');
  }
  if (contexts[0] !== VC_CONTEXT_V2 && contexts[0] !== VC_CONTEXT_V1) stop('credential', `@context starts with ${String(cred['@context'][0])}`, 'malformed', 'The credential does not start with the Verifiable Credentials context.');
  const validFrom = cred.validFrom ?? cred.issuanceDate;
  let validUntil = cred.validUntil ?? cred.expirationDate;
  if (!validFrom) stop('credential', 'no validFrom', 'malformed', 'The credential does not say from when it is valid.');
  for (const [field, value] of [['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (!validDate(value)) stop('credential', `${field}: "${value}" is not a date`, 'malformed', `The credential's ${field} is not a date.`);
  }
  const issuerId = typeof cred.issuer === 'string' ? cred.issuer : cred.issuer.id;
  const achievement = cred.credentialSubject.achievement;
  check('credential', true, `${types.filter((t) => t !== 'VerifiableCredential').join(', ')}; ${from}`);
  if (!res.assertionUrl) res.assertionUrl = cred.id ?? '';
  res.badgeName = achievement.name;
  res.imageUrl = imageId(achievement.image) ?? imageId(cred.image);
  res.issuerName = (typeof cred.issuer === 'string' ? null : cred.issuer.name) ?? issuerId;
  res.issuedOn = validFrom!;
  res.expires = validUntil ?? null;

  // 2. The proof. VC-JWT: the claims must repeat the credential, and the issuer's key must sign it.
  if (jws) {
    const c = jws.payload;
    const mismatches: string[] = [];
    if (c.iss !== issuerId) mismatches.push(`iss is ${String(c.iss)}, the issuer is ${issuerId}`);
    if (cred.id !== undefined && c.jti !== undefined && c.jti !== cred.id) mismatches.push(`jti is ${String(c.jti)}, the id is ${cred.id}`);
    if ((c.sub !== undefined || cred.credentialSubject.id !== undefined) && c.sub !== cred.credentialSubject.id) mismatches.push(`sub is ${String(c.sub)}, the subject is ${cred.credentialSubject.id}`);
    if (c.nbf !== undefined && c.nbf !== seconds(validFrom!)) mismatches.push(`nbf ${String(c.nbf)} is not validFrom ${validFrom}`);
    if (typeof c.exp === 'number') {
      if (validUntil && c.exp !== seconds(validUntil)) mismatches.push(`exp ${c.exp} is not validUntil ${validUntil}`);
      // OB 3.0: exp, when present, sets validUntil.
      validUntil ??= new Date(c.exp * 1000).toISOString();
      res.expires = validUntil;
    }
    check('JWT claims', !mismatches.length, mismatches.join('; ') || 'iss, jti, sub, nbf and exp match the credential', 'malformed', `The signed claims do not match the credential: ${mismatches[0]}.`);
    const sig = await verifyJwsSignature(text, jws.header, issuerId, opts.fetchText, opts.signal);
    if (sig.ok) {
      check('signing key', true, sig.source);
      check('signature', true, `${jws.header.alg} signature by ${issuerId}`);
    } else if (sig.stage === 'key') {
      check('signing key', false, sig.detail, sig.reason, `The credential is not signed with a key of its issuer: ${sig.detail}.`);
      check('signature', false, 'not checked without the issuer’s key');
    } else {
      check('signing key', true, `${String(jws.header.kid ?? 'the header’s jwk')}`);
      check('signature', false, sig.detail, sig.reason, 'The credential was altered after it was signed, or signed by someone else.');
    }
  } else {
    const proofs = cred.proof === undefined ? [] : Array.isArray(cred.proof) ? cred.proof : [cred.proof];
    const kinds = proofs.map((p) => { const q = p as { type?: unknown; cryptosuite?: unknown }; return [q.type, q.cryptosuite].filter(Boolean).join(' '); });
    if (!kinds.length) check('signature', false, 'no proof', 'malformed', 'The credential is not signed.');
    else check('signature', false, `${kinds.join(', ')}: embedded Data Integrity proofs are not verified here (VC-JWT only)`, 'malformed', 'This credential is signed with an embedded proof that this verifier cannot check (only VC-JWT credentials are verified).');
  }

  // 3. The validity period.
  if (Date.parse(validFrom!) > now.getTime()) check('valid from', false, `not valid until ${validFrom}`, 'malformed', `The credential is not valid before ${validFrom!.slice(0, 10)}.`);
  else check('valid from', true, `valid from ${validFrom}`);
  if (validUntil && Date.parse(validUntil) <= now.getTime()) check('not expired', false, `expired ${validUntil}`, 'expired', `This badge expired on ${validUntil.slice(0, 10)}.`);
  else check('not expired', true, validUntil ? `valid until ${validUntil}` : 'does not expire');

  // 4. The status list.
  const status = await checkStatus(cred.credentialStatus, { id: cred.id, issuerId }, opts.fetchText, now, opts.signal);
  if (status.state === 'active') check('not revoked', true, status.detail);
  else if (status.state === 'revoked') check('not revoked', false, status.detail, 'revoked', status.reason ? `The issuer revoked this badge: ${status.reason}` : 'The issuer revoked this badge.');
  else check('not revoked', false, status.detail, status.failure, `Whether the badge was revoked cannot be checked: ${status.detail}.`);

  // 5. The recipient, only when the host page said whom to expect.
  if (opts.identity) {
    const subject = cred.credentialSubject;
    if (!subjectIsCheckable(subject)) check('recipient', false, 'the credential names its recipient in no way this verifier can compare', 'malformed', 'The recipient cannot be checked.');
    else {
      const ok = await subjectMatches(subject, opts.identity);
      check('recipient', ok, `${ok ? 'matches' : 'does not match'} the given identity`, 'recipient-mismatch', 'This badge was issued to someone other than the expected recipient.');
      if (ok && !res.recipientName) res.recipientName = opts.identity;
    }
  }
}

