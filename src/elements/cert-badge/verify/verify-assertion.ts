import * as v from 'valibot';
import type { VerificationResult, VerifyCheck, VerifyFailure, VerifyRequest } from '../../../contract/certifications.js';
import { ObAssertion, ObBadgeClass, ObIssuer } from '../../../contract/openbadges.js';
import { describeIssues } from '../../../contract/issues.js';
import { isAbort } from '../../../core/errors.js';
import { BlockedUrl, NetworkFailure, fetchDocument, fetchSharedDocument, type FetchedDocument } from './fetch-document.js';
import { withinPolicy } from './policy.js';
import { recipientHashKnown, recipientMatches } from './recipient.js';

export interface VerifyOptions {
  /** An identity (usually an email) to check the recipient against. Not checked when absent. */
  identity?: string;
  /** Aborts every request; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** "Now" for the expiry check. */
  now?: Date;
  /** Shown as the recipient when the assertion names none (it usually only carries a hash). */
  recipientName?: string | null;
  /**
   * Verification on the server's side, for issuers the browser cannot reach (no CORS headers, or
   * not reachable from this network). Usually `(req, signal) => backend.verifyAssertion(req, { signal })`.
   */
  fallback?: (request: VerifyRequest, signal?: AbortSignal) => Promise<VerificationResult>;
  /** The fetch to use; tests and non-window contexts may pass their own. */
  fetch?: typeof fetch;
}

/** Which failure wins when several checks fail: the one that matters most to a reader. */
const PRIORITY: VerifyFailure[] = ['revoked', 'blocked-url', 'not-found', 'malformed', 'outside-policy', 'expired', 'recipient-mismatch', 'unreachable'];

const types = (t: string | string[]) => (Array.isArray(t) ? t : [t]);
// Compact (`Assertion`), prefixed (`obi:Assertion`) or full IRI (`https://w3id.org/openbadges#Assertion`).
const typeIs = (t: string | string[], want: string) => types(t).some((x) => x === want || [':', '/', '#'].some((sep) => x.endsWith(sep + want)));
const issuesText = (issues: readonly v.BaseIssue<unknown>[]) =>
  describeIssues(issues).slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
const sameUrl = (a: string, b: string) => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
};
const validDate = (s: string) => !Number.isNaN(Date.parse(s));

/** Thrown inside the verifier to stop at a failure that leaves nothing else to check. */
class Stop extends Error {}

/**
 * Verifies an Open Badges 2.0 hosted assertion in the browser, the way the 1EdTech validator does:
 * fetch the assertion, its badge class and the issuer profile; check the hosted verification
 * policy, revocation, expiry and (when `identity` is given) the recipient.
 *
 * Never rejects for a badge problem: every outcome is a `VerificationResult` whose `reason` names
 * what was wrong and whose `checks` list what was looked at. It rejects only with an AbortError.
 * When the browser cannot fetch a document at all (CORS or network), it asks `fallback`; if there is
 * none, or that fails too, the reason is `unreachable`.
 */
export async function verifyHostedAssertion(url: string, opts: VerifyOptions = {}): Promise<VerificationResult> {
  try {
    return await verifyInBrowser(url, opts);
  } catch (e) {
    if (!(e instanceof NetworkFailure)) throw e;
    const browserCheck: VerifyCheck = { name: 'fetched by the browser', ok: false, detail: e.message };
    if (opts.fallback) {
      try {
        const r = await opts.fallback(opts.identity ? { url, identity: opts.identity } : { url }, opts.signal);
        // The server did the fetching; say so, as a passed step, so a verified result has no red mark.
        return { ...r, checks: [{ name: 'fetched by the community server', ok: true, detail: e.message }, ...r.checks] };
      } catch (e2) {
        if (isAbort(e2) || opts.signal?.aborted) throw e2;
        const detail = `${e.message}; the community server could not verify it either (${(e2 as Error)?.message ?? e2})`;
        return unreachable(url, [browserCheck, { name: 'fetched by the community server', ok: false, detail: String((e2 as Error)?.message ?? e2) }], detail);
      }
    }
    return unreachable(url, [browserCheck], `${e.message}, and no community server is configured to fetch it instead.`);
  }
}

function emptyResult(url: string, checks: VerifyCheck[] = []): VerificationResult {
  return {
    verified: false, reason: null, detail: null, assertionUrl: url, badgeName: null, imageUrl: null, issuerName: null,
    recipientName: null, issuedOn: null, expires: null, checks,
  };
}

function unreachable(url: string, checks: VerifyCheck[], detail: string): VerificationResult {
  return { ...emptyResult(url, checks), reason: 'unreachable', detail };
}

async function verifyInBrowser(url: string, opts: VerifyOptions): Promise<VerificationResult> {
  const res = emptyResult(url);
  res.recipientName = opts.recipientName ?? null;
  const failures = new Map<VerifyFailure, string>();
  const check = (name: string, ok: boolean, detail: string, reason?: VerifyFailure, why?: string) => {
    res.checks.push({ name, ok, detail });
    if (!ok && reason && !failures.has(reason)) failures.set(reason, why ?? detail);
  };
  const stop = (name: string, detail: string, reason: VerifyFailure, why: string): never => {
    check(name, false, detail, reason, why);
    throw new Stop();
  };
  const get = async (u: string, what: string): Promise<FetchedDocument> => {
    try {
      // The assertion is always fetched afresh (it carries revocation); its badge class and issuer may be shared.
      if (what !== 'assertion' && !opts.fetch) return await fetchSharedDocument(u, opts.signal);
      return await fetchDocument(u, opts.signal, opts.fetch);
    } catch (e) {
      if (e instanceof BlockedUrl) return stop(what, e.message, 'blocked-url', `The ${what} address cannot be fetched: ${e.message}.`);
      throw e;
    }
  };

  try {
    // 1. The assertion. 410 Gone is how a hosted issuer says "revoked".
    const ad = await get(url, 'assertion');
    if (ad.status === 410) {
      const body = (ad.json ?? {}) as { revocationReason?: unknown };
      const why = typeof body.revocationReason === 'string' ? body.revocationReason : '';
      check('assertion', true, 'HTTP 410 Gone');
      check('not revoked', false, why || 'HTTP 410 Gone', 'revoked', why ? `The issuer revoked this badge: ${why}` : 'The issuer revoked this badge.');
      // A 410 body that is still a full assertion lets us show what was revoked; anything else ends here.
      if (!v.safeParse(ObAssertion, ad.json).success) throw new Stop();
    } else if (ad.status === 404) {
      stop('assertion', 'HTTP 404', 'not-found', 'No badge assertion exists at this address.');
    } else if (ad.status < 200 || ad.status > 299) {
      stop('assertion', `HTTP ${ad.status}`, 'unreachable', `The issuer answered HTTP ${ad.status} for the assertion.`);
    }
    const ap = v.safeParse(ObAssertion, ad.json);
    if (!ap.success) {
      const what = ad.json === undefined ? 'not JSON' : issuesText(ap.issues);
      stop('assertion', what, 'malformed', `The assertion is not a valid Open Badges 2.0 document: ${what}.`);
    }
    const assertion = ap.output as ObAssertion;
    if (!typeIs(assertion.type, 'Assertion')) stop('assertion', `type is ${types(assertion.type).join(', ')}`, 'malformed', 'The document is not an Open Badges assertion (its type is not "Assertion").');
    if (ad.status !== 410) check('assertion', true, `HTTP ${ad.status}`);
    for (const [field, value] of [['issuedOn', assertion.issuedOn], ['expires', assertion.expires]] as const) {
      if (value !== undefined && !validDate(value)) stop('assertion', `${field}: "${value}" is not a date`, 'malformed', `The assertion's ${field} is not a date.`);
    }
    res.issuedOn = assertion.issuedOn;
    res.expires = assertion.expires ?? null;
    const profile = (assertion as Record<string, unknown>)['extensions:recipientProfile'] as { name?: unknown } | undefined;
    if (typeof profile?.name === 'string') res.recipientName = profile.name;

    const vt = assertion.verification.type;
    if (!typeIs(vt, 'hosted') && !typeIs(vt, 'HostedBadge')) {
      stop('hosted verification', `verification type ${types(vt).join(', ')}`, 'malformed', 'Only hosted badges can be verified here (this one is signed).');
    }
    check('hosted verification', true, types(vt).join(', '));
    if (sameUrl(assertion.id, url) || sameUrl(assertion.id, ad.url)) check('assertion id', true, 'matches the address it was fetched from');
    else check('assertion id', false, `the document says its id is ${assertion.id}`, 'outside-policy', `The assertion claims to live at ${assertion.id}, not at the address it was fetched from.`);
    if (ad.status !== 410) {
      if (assertion.revoked === true) {
        const why = assertion.revocationReason ?? '';
        check('not revoked', false, why || 'revoked: true', 'revoked', why ? `The issuer revoked this badge: ${why}` : 'The issuer revoked this badge.');
      } else check('not revoked', true, 'not revoked');
    }

    // 2. The badge class, fetched when the assertion only links it.
    let badge: ObBadgeClass;
    if (typeof assertion.badge === 'string') {
      const bd = await get(assertion.badge, 'badge class');
      const bp = v.safeParse(ObBadgeClass, bd.json);
      if (bd.status < 200 || bd.status > 299) stop('badge class', `HTTP ${bd.status}`, 'malformed', `The badge class could not be read (HTTP ${bd.status}).`);
      if (!bp.success) {
        const what = bd.json === undefined ? 'not JSON' : issuesText(bp.issues);
        stop('badge class', what, 'malformed', `The badge class is not valid: ${what}.`);
      }
      badge = bp.output as ObBadgeClass;
    } else badge = assertion.badge;
    check('badge class', true, badge.name);
    res.badgeName = badge.name;
    res.imageUrl = typeof badge.image === 'string' ? badge.image : badge.image.id;
    if (!res.imageUrl && typeof assertion.image === 'string') res.imageUrl = assertion.image;

    // 3. The issuer profile: its verification policy says where its assertions may live.
    let issuer: ObIssuer;
    if (typeof badge.issuer === 'string') {
      const id = await get(badge.issuer, 'issuer');
      const ip = v.safeParse(ObIssuer, id.json);
      if (id.status < 200 || id.status > 299) stop('issuer', `HTTP ${id.status}`, 'malformed', `The issuer profile could not be read (HTTP ${id.status}).`);
      if (!ip.success) {
        const what = id.json === undefined ? 'not JSON' : issuesText(ip.issues);
        stop('issuer', what, 'malformed', `The issuer profile is not valid: ${what}.`);
      }
      issuer = ip.output as ObIssuer;
    } else issuer = badge.issuer;
    check('issuer', true, issuer.name);
    res.issuerName = issuer.name;

    const policy = withinPolicy(assertion.id, issuer);
    check('verification policy', policy.ok, policy.detail, 'outside-policy', `The assertion is hosted at ${hostOf(assertion.id)}, which ${issuer.name} does not list as its own.`);

    // 4. Expiry.
    const now = opts.now ?? new Date();
    if (assertion.expires && Date.parse(assertion.expires) <= now.getTime()) {
      check('not expired', false, `expired ${assertion.expires}`, 'expired', `This badge expired on ${assertion.expires.slice(0, 10)}.`);
    } else check('not expired', true, assertion.expires ? `expires ${assertion.expires}` : 'does not expire');

    // 5. Recipient, only when the host page told us whom to expect.
    if (opts.identity) {
      const r = assertion.recipient;
      if (!recipientHashKnown(r)) {
        check('recipient', false, `unsupported hash ${r.identity.split('$')[0]}`, 'malformed', 'The recipient is hashed with an algorithm other than sha256 or md5.');
      } else {
        const ok = await recipientMatches(r, opts.identity);
        const how = r.hashed ? `${r.identity.split('$')[0]} hash${r.salt ? ', salted' : ''}` : 'plain identity';
        check('recipient', ok, `${ok ? 'matches' : 'does not match'} the given identity (${how})`, 'recipient-mismatch', 'This badge was issued to someone other than the expected recipient.');
        if (ok && !res.recipientName) res.recipientName = opts.identity;
      }
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

function hostOf(u: string): string {
  try {
    return new URL(u).host;
  } catch {
    return u;
  }
}
