import * as v from 'valibot';
import type { VerificationResult, VerifyFailure } from '../contract/certifications.js';
import { describeIssues } from '../contract/issues.js';
import { ObAssertion, ObBadgeClass, ObIssuer, type ObCheck } from '../contract/openbadges.js';
import { FetchFailure, type DocumentFetcher, type DocumentKind, type FetchedDocument } from './fetcher.js';
import type { Hashes } from './hashes.js';
import { withinPolicy } from './policy.js';
import { recipientMatches } from './recipient.js';
import { identityProblem, isDateTime, isHttpUrl, isUrlAuthority, list, timeOf, typeIs, typeText } from './rules.js';

export interface HostedVerifyDeps {
  fetch: DocumentFetcher;
  hashes: Hashes;
}

export interface HostedVerifyOptions {
  /** An identity (usually an email) to check the recipient against. Not checked when absent. */
  identity?: string;
  /** "Now" for the date checks. */
  now?: Date;
  /** Shown as the recipient when the assertion names none (it usually only carries a hash). */
  recipientName?: string | null;
  /** Handed to every fetch; an abort rejects the verification with the fetcher's AbortError. */
  signal?: AbortSignal;
}

/** Which failure wins when several checks fail: the one that matters most to a reader. */
const PRIORITY: VerifyFailure[] = ['revoked', 'blocked-url', 'not-found', 'malformed', 'invalid-signature', 'unknown-key', 'outside-policy', 'expired', 'recipient-mismatch', 'unreachable'];

/** A foreign issuer's revocation reason goes into our own response: text only, and kept short. */
const REASON_MAX = 500;

/** Thrown inside the verifier to stop at a failure that leaves nothing else to check. */
class Stop extends Error {}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const idOf = (x: unknown) => (isObject(x) && typeof x.id === 'string' ? x.id : undefined);
const ok2xx = (status: number) => status >= 200 && status <= 299;
const sameUrl = (a: string | undefined, b: string | undefined) => {
  if (!a || !b) return false;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
};
const issuesText = (issues: readonly v.BaseIssue<unknown>[]) =>
  describeIssues(issues).slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
const hostOf = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return u;
  }
};

/**
 * Verifies an Open Badges 2.0 hosted assertion the way the 1EdTech validator does (its
 * openbadges/verifier/tasks/), over an injected fetcher, so that the browser and the server give the
 * same verdict for the same documents:
 * 1. the assertion, fetched again from its declared `id` when that differs from where it was found;
 *    revocation (HTTP 410, or `revoked: true`) read before its shape, so a revoked stub is "revoked";
 * 2. the badge class and the issuer profile, each fetched from its `id` even when embedded: an embedded
 *    copy is never trusted, because anyone can embed a well-known issuer whose policy allows their host;
 * 3. the issuer's hosted verification policy; the dates; the recipient when `identity` is given.
 *
 * Never rejects for a badge problem: every outcome is a `VerificationResult` whose `reason` names what
 * was wrong and whose `checks` (names from OB_CHECKS) list what was looked at. It rejects only with
 * what the fetcher throws that is not a FetchFailure (an AbortError).
 */
export async function verifyHosted(url: string, deps: HostedVerifyDeps, opts: HostedVerifyOptions = {}): Promise<VerificationResult> {
  const res: VerificationResult = {
    verified: false, reason: null, detail: null, assertionUrl: url, badgeName: null, imageUrl: null, issuerName: null,
    recipientName: opts.recipientName ?? null, issuedOn: null, expires: null, checks: [],
  };
  const failures = new Map<VerifyFailure, string>();
  const check = (name: ObCheck, ok: boolean, detail: string, reason?: VerifyFailure, why?: string) => {
    res.checks.push({ name, ok, detail });
    if (!ok && reason && !failures.has(reason)) failures.set(reason, why ?? detail);
  };
  const stop = (name: ObCheck, detail: string, reason: VerifyFailure, why: string): never => {
    check(name, false, detail, reason, why);
    throw new Stop();
  };
  const load = async (u: string, kind: DocumentKind): Promise<FetchedDocument> => {
    try {
      return await deps.fetch(u, { kind, signal: opts.signal });
    } catch (e) {
      if (!(e instanceof FetchFailure)) throw e;
      return e.kind === 'blocked-url'
        ? stop(kind, e.message, 'blocked-url', `The ${kind} address cannot be fetched: ${e.message}.`)
        : stop(kind, e.message, 'unreachable', `The ${kind} could not be fetched: ${e.message}.`);
    }
  };
  /** A fetch whose failure is not a verdict by itself (the caller decides what it means). */
  const tryLoad = async (u: string, kind: DocumentKind): Promise<FetchedDocument | undefined> => {
    try {
      return await deps.fetch(u, { kind, signal: opts.signal });
    } catch (e) {
      if (e instanceof FetchFailure) return undefined;
      throw e;
    }
  };

  /**
   * A badge class or issuer profile, read from its id. A document that declares another id is fetched
   * again from that id, once (the validator's jsonld_compact_data; test_node_has_id_different_from_fetch_url).
   */
  const readNode = async <T extends { id: string; type: string | string[] }>(
    u: string, kind: 'badge class' | 'issuer', schema: v.GenericSchema<unknown, T>, types: string[],
  ): Promise<T> => {
    let doc = await load(u, kind);
    let at = doc.url ?? u;
    const declared = idOf(doc.json);
    if (ok2xx(doc.status) && declared && !sameUrl(declared, u) && !sameUrl(declared, at) && isHttpUrl(declared)) {
      doc = await load(declared, kind);
      at = doc.url ?? declared;
    }
    if (!ok2xx(doc.status)) stop(kind, `HTTP ${doc.status}`, 'malformed', `The ${kind} could not be read (HTTP ${doc.status}).`);
    const parsed = v.safeParse(schema, doc.json);
    if (!parsed.success) {
      const what = doc.json == null ? 'not JSON' : issuesText(parsed.issues);
      stop(kind, what, 'malformed', `The ${kind} is not valid: ${what}.`);
    }
    const node = parsed.output as T;
    // The id must be where the document came from (after redirects), not where it was asked for: a
    // redirect to another host must not let that host's document speak for the address requested.
    if (!sameUrl(node.id, at)) {
      stop(kind, `the document says its id is ${node.id}`, 'malformed', `The ${kind} at ${at} claims to live at ${node.id}.`);
    }
    if (!typeIs(node.type, ...types)) {
      stop(kind, `type is ${typeText(node.type)}`, 'malformed', `The ${kind} is not of type ${types.join(' or ')}.`);
    }
    return node;
  };

  try {
    // 1. The assertion; when it declares another id, the document at that id is the one verified
    // (test_verify_redirected_validation_subject). One hop only: a second mismatch is outside policy.
    let ad = await load(url, 'assertion');
    let at = ad.url ?? url;
    const declared = idOf(ad.json);
    if (ok2xx(ad.status) && declared && !sameUrl(declared, url) && !sameUrl(declared, at)) {
      const again = isHttpUrl(declared) ? await tryLoad(declared, 'assertion') : undefined;
      const readable = again && (ok2xx(again.status) || again.status === 410);
      if (!again || !readable || !(idOf(again.json) === undefined || sameUrl(idOf(again.json), declared))) {
        check('assertion', true, `HTTP ${ad.status}`);
        stop('assertion id', `the document says its id is ${declared}`, 'outside-policy', `The assertion claims to live at ${declared}, not at the address it was fetched from.`);
      }
      ad = again!;
      at = ad.url ?? declared;
    }

    // Revocation before shape: a revoked assertion may be a bare stub (Open Badges 2.0, "Revocation").
    const body = isObject(ad.json) ? ad.json : undefined;
    if (ad.status === 404) stop('assertion', 'HTTP 404', 'not-found', 'No badge assertion exists at this address.');
    if (ad.status !== 410 && !ok2xx(ad.status)) stop('assertion', `HTTP ${ad.status}`, 'unreachable', `The issuer answered HTTP ${ad.status} for the assertion.`);
    const revoked = ad.status === 410 || body?.revoked === true;
    if (revoked) {
      const why = typeof body?.revocationReason === 'string' ? body.revocationReason.trim().slice(0, REASON_MAX) : '';
      check('assertion', true, `HTTP ${ad.status}`);
      check('not revoked', false, why || (ad.status === 410 ? 'HTTP 410 Gone' : 'revoked: true'), 'revoked', why ? `The issuer revoked this badge: ${why}` : 'The issuer revoked this badge.');
      const issuedOn = body?.issuedOn;
      if (isDateTime(issuedOn)) res.issuedOn = issuedOn;
      // A revoked document that is still a full assertion lets us show what was revoked; a stub ends here.
      if (!v.safeParse(ObAssertion, ad.json).success) throw new Stop();
    }
    const ap = v.safeParse(ObAssertion, ad.json);
    if (!ap.success) {
      const what = ad.json == null ? 'not JSON' : issuesText(ap.issues);
      stop('assertion', what, 'malformed', `The assertion is not a valid Open Badges 2.0 document: ${what}.`);
    }
    const assertion = ap.output as ObAssertion;
    if (!typeIs(assertion.type, 'Assertion')) stop('assertion', `type is ${typeText(assertion.type)}`, 'malformed', 'The document is not an Open Badges assertion (its type is not "Assertion").');
    for (const [field, value] of [['issuedOn', assertion.issuedOn], ['expires', assertion.expires]] as const) {
      if (value !== undefined && !isDateTime(value)) stop('assertion', `${field}: "${value}" is not a date-time with a time zone`, 'malformed', `The assertion's ${field} is not a date-time with a time zone.`);
    }
    const identityIssue = identityProblem(assertion.recipient);
    if (identityIssue) stop('assertion', identityIssue, 'malformed', `The assertion's recipient is not valid: ${identityIssue}.`);
    if (!revoked) check('assertion', true, `HTTP ${ad.status}`);
    res.issuedOn = assertion.issuedOn;
    res.expires = assertion.expires ?? null;
    const profile = (assertion as Json)['extensions:recipientProfile'];
    if (isObject(profile) && typeof profile.name === 'string') res.recipientName = profile.name;

    const vt = assertion.verification.type;
    if (!typeIs(vt, 'HostedBadge', 'hosted')) {
      stop('hosted verification', `verification type ${typeText(vt)}`, 'malformed', 'Only hosted badges can be verified here (this one is signed).');
    }
    check('hosted verification', true, typeText(vt));
    // Compared with where the assertion actually came from (the final URL after redirects): an id equal
    // to the requested URL proves nothing when a redirect served the document from another host, and the
    // issuer's policy below is checked against this id.
    if (sameUrl(assertion.id, at)) {
      check('assertion id', true, at === url ? 'matches the address it was fetched from' : `fetched from ${at}`);
    } else check('assertion id', false, `the document says its id is ${assertion.id}`, 'outside-policy', `The assertion claims to live at ${assertion.id}, not at the address it was fetched from.`);
    if (!revoked) check('not revoked', true, 'not revoked');

    // 2. The badge class: fetched from its id even when embedded; an embedded one without an http(s) id
    // has nowhere to be fetched from and is read as given, as the validator does (flatten_refetch_embedded_resource).
    const ref = assertion.badge;
    const badge = typeof ref === 'string' || isHttpUrl(ref.id) ? await readNode<ObBadgeClass>(typeof ref === 'string' ? ref : ref.id, 'badge class', ObBadgeClass, ['BadgeClass']) : ref;
    if (!typeIs(badge.type, 'BadgeClass')) stop('badge class', `type is ${typeText(badge.type)}`, 'malformed', 'The badge class is not of type BadgeClass.');
    check('badge class', true, typeof ref === 'string' ? badge.name : `${badge.name} (${isHttpUrl(ref.id) ? 'embedded; fetched from its id' : 'embedded'})`);
    res.badgeName = badge.name;
    res.imageUrl = typeof badge.image === 'string' ? badge.image : badge.image.id;
    if (!res.imageUrl && typeof assertion.image === 'string') res.imageUrl = assertion.image;

    // 3. The issuer, always fetched from its id: its policy is what vouches for the assertion's address.
    // Deliberately stricter than the validator, which only warns about an issuer without an http(s) id.
    const issuerRef = typeof badge.issuer === 'string' ? badge.issuer : badge.issuer.id;
    if (!isHttpUrl(issuerRef)) stop('issuer', `issuer id ${issuerRef} is not an http(s) address`, 'malformed', 'The issuer has no http(s) id to fetch its profile from, so nothing vouches for it.');
    const issuer = await readNode<ObIssuer>(issuerRef, 'issuer', ObIssuer, ['Issuer', 'Profile']);
    const issuerIssue = issuerProblem(issuer);
    if (issuerIssue) stop('issuer', issuerIssue, 'malformed', `The issuer profile is not valid: ${issuerIssue}.`);
    check('issuer', true, typeof badge.issuer === 'string' ? issuer.name : `${issuer.name} (embedded; fetched from its id)`);
    res.issuerName = issuer.name;

    const policy = withinPolicy(assertion.id, issuer);
    check('verification policy', policy.ok, policy.detail, 'outside-policy', `The assertion is hosted at ${hostOf(assertion.id)}, which ${issuer.name} does not list as its own.`);

    // 4. Dates (assertion_timestamp_checks): not issued in the future, not expiring before issue, not expired.
    const now = (opts.now ?? new Date()).getTime();
    const issued = timeOf(assertion.issuedOn);
    const expires = assertion.expires === undefined ? undefined : timeOf(assertion.expires);
    if (issued > now) check('issue date', false, `issued ${assertion.issuedOn}, in the future`, 'malformed', 'The assertion says it was issued in the future.');
    else if (expires !== undefined && expires < issued) check('issue date', false, `expires ${assertion.expires} before it was issued`, 'malformed', 'The assertion expires before it was issued.');
    else check('issue date', true, `issued ${assertion.issuedOn}`);
    if (expires !== undefined && expires < now) {
      check('not expired', false, `expired ${assertion.expires}`, 'expired', `This badge expired on ${assertion.expires!.slice(0, 10)}.`);
    } else check('not expired', true, assertion.expires ? `expires ${assertion.expires}` : 'does not expire');

    // 5. Recipient, only when the caller told us whom to expect.
    if (opts.identity) {
      const r = assertion.recipient;
      const ok = await recipientMatches(r, opts.identity, deps.hashes);
      const how = r.hashed ? `${r.identity.split('$')[0].toLowerCase()} hash${r.salt ? ', salted' : ''}` : 'plain identity';
      check('recipient', ok, `${ok ? 'matches' : 'does not match'} the given identity (${how})`, 'recipient-mismatch', 'This badge was issued to someone other than the expected recipient.');
      if (ok && !res.recipientName) res.recipientName = opts.identity.trim();
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }

  const reason = PRIORITY.find((r) => failures.has(r)) ?? null;
  res.verified = reason === null;
  res.reason = reason;
  res.detail = reason ? failures.get(reason)! : null;
  return res;
}

/** The validator's Profile rules for an issuer: url and email required; a well-formed policy. */
function issuerProblem(issuer: ObIssuer): string | null {
  if (!isHttpUrl(issuer.url)) return 'url is missing or not an http(s) address';
  if (typeof issuer.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(issuer.email)) return 'email is missing or not an email address';
  const bad = list(issuer.verification?.allowedOrigins).find((o) => !isUrlAuthority(o));
  if (bad !== undefined) return `allowedOrigins entry ${bad} is not a host name`;
  const badPrefix = list(issuer.verification?.startsWith).find((p) => !isHttpUrl(p));
  if (badPrefix !== undefined) return `startsWith entry ${badPrefix} is not an http(s) address`;
  return null;
}
