// Verifies a hosted Open Badges 2.0 assertion the way a third-party verifier does:
// assertion -> badge class -> issuer, hosted verification policy, revocation, expiry, recipient.
// Pure logic over fetchJson so that it is testable without a network.
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { ObAssertion, ObBadgeClass, ObIssuer, type VerificationResult, type VerifyCheck, type VerifyFailure } from '../../../src/contract/index.js';

export interface FetchResult {
  status: number;
  json: unknown;
}
export type FetchJson = (url: string) => Promise<FetchResult>;

/** Thrown by a fetcher for a URL it refuses (SSRF rules) or cannot reach. */
export class FetchError extends Error {
  constructor(readonly kind: 'blocked-url' | 'unreachable', message: string) {
    super(message);
  }
}

const first = (x: string | string[] | undefined) => (Array.isArray(x) ? x : x == null ? [] : [x]);
const typeIs = (t: string | string[], want: string) => first(t).some((x) => x === want || x.endsWith(':' + want) || x.endsWith('/' + want));

export async function verifyAssertion(
  assertionUrl: string,
  fetchJson: FetchJson,
  opts: { identity?: string; now?: Date; recipientName?: string | null } = {},
): Promise<VerificationResult> {
  const checks: VerifyCheck[] = [];
  const res: VerificationResult = {
    verified: false, reason: null, detail: null, assertionUrl, badgeName: null, imageUrl: null, issuerName: null,
    recipientName: opts.recipientName ?? null, issuedOn: null, expires: null, checks,
  };
  const fail = (reason: VerifyFailure, detail: string) => {
    res.verified = false;
    res.reason = reason;
    res.detail = detail;
    return res;
  };
  const get = async (url: string, what: string): Promise<FetchResult | VerificationResult> => {
    try {
      return await fetchJson(url);
    } catch (e) {
      const kind = e instanceof FetchError ? e.kind : 'unreachable';
      checks.push({ name: `fetch ${what}`, ok: false, detail: (e as Error).message });
      return fail(kind, kind === 'blocked-url' ? `The ${what} address is not allowed: ${(e as Error).message}` : `The ${what} could not be fetched: ${(e as Error).message}`);
    }
  };
  const isResult = (x: FetchResult | VerificationResult): x is VerificationResult => 'checks' in x;

  // 1. The assertion.
  const ar = await get(assertionUrl, 'assertion');
  if (isResult(ar)) return ar;
  // Read before the shape check (a revoked assertion may be a bare stub). A foreign issuer's reason is
  // used only when it is text, and kept short: it goes into our own response, which must stay valid.
  const aj = ar.json as { revoked?: unknown; revocationReason?: unknown; issuedOn?: unknown } | null;
  if (ar.status === 410 || (aj && aj.revoked === true)) {
    const reason = typeof aj?.revocationReason === 'string' && aj.revocationReason.trim() ? aj.revocationReason.trim().slice(0, 500) : undefined;
    checks.push({ name: 'fetch assertion', ok: true, detail: `HTTP ${ar.status}` });
    checks.push({ name: 'not revoked', ok: false, detail: reason ?? 'revoked' });
    if (aj && typeof aj.issuedOn === 'string') res.issuedOn = aj.issuedOn;
    return fail('revoked', `The issuer revoked this badge${reason ? `: ${reason}` : '.'}`);
  }
  if (ar.status === 404) {
    checks.push({ name: 'fetch assertion', ok: false, detail: 'HTTP 404' });
    return fail('not-found', 'No assertion exists at this address.');
  }
  if (ar.status !== 200) {
    checks.push({ name: 'fetch assertion', ok: false, detail: `HTTP ${ar.status}` });
    return fail('unreachable', `The assertion answered HTTP ${ar.status}.`);
  }
  checks.push({ name: 'fetch assertion', ok: true, detail: 'HTTP 200' });
  const a = v.safeParse(ObAssertion, aj);
  if (!a.success || !typeIs(a.output.type, 'Assertion')) {
    checks.push({ name: 'assertion shape', ok: false, detail: 'not an Open Badges 2.0 assertion' });
    return fail('malformed', 'The document is not an Open Badges 2.0 assertion.');
  }
  const assertion = a.output;
  checks.push({ name: 'assertion shape', ok: true, detail: 'Open Badges 2.0 Assertion' });
  res.issuedOn = assertion.issuedOn;
  res.expires = assertion.expires ?? null;
  if (typeof assertion.image === 'string') res.imageUrl = assertion.image;
  if (!typeIs(assertion.verification.type, 'hosted') && !typeIs(assertion.verification.type, 'HostedBadge')) {
    checks.push({ name: 'hosted verification', ok: false, detail: String(assertion.verification.type) });
    return fail('malformed', 'Only hosted verification is supported.');
  }
  if (assertion.id !== assertionUrl) {
    checks.push({ name: 'assertion id', ok: false, detail: `id is ${assertion.id}` });
    return fail('outside-policy', 'The assertion does not live at the address it claims.');
  }
  checks.push({ name: 'assertion id', ok: true, detail: 'matches the fetched address' });

  // 2. The badge class.
  let badge: v.InferOutput<typeof ObBadgeClass>;
  if (typeof assertion.badge === 'string') {
    const br = await get(assertion.badge, 'badge class');
    if (isResult(br)) return br;
    const b = v.safeParse(ObBadgeClass, br.json);
    if (br.status !== 200 || !b.success) {
      checks.push({ name: 'badge class', ok: false, detail: `HTTP ${br.status}` });
      return fail('malformed', 'The badge class could not be read.');
    }
    badge = b.output;
  } else badge = assertion.badge;
  checks.push({ name: 'badge class', ok: true, detail: badge.name });
  res.badgeName = badge.name;
  if (!res.imageUrl) res.imageUrl = typeof badge.image === 'string' ? badge.image : badge.image.id;

  // 3. The issuer profile.
  let issuer: v.InferOutput<typeof ObIssuer>;
  if (typeof badge.issuer === 'string') {
    const ir = await get(badge.issuer, 'issuer');
    if (isResult(ir)) return ir;
    const i = v.safeParse(ObIssuer, ir.json);
    if (ir.status !== 200 || !i.success) {
      checks.push({ name: 'issuer', ok: false, detail: `HTTP ${ir.status}` });
      return fail('malformed', 'The issuer profile could not be read.');
    }
    issuer = i.output;
  } else issuer = badge.issuer;
  checks.push({ name: 'issuer', ok: true, detail: issuer.name });
  res.issuerName = issuer.name;

  // 4. Hosted verification policy: the assertion must be hosted on an origin the issuer allows
  // (default: the issuer id's origin), and start with startsWith when given.
  const aUrl = new URL(assertion.id);
  const pol = issuer.verification;
  let allowed: boolean;
  let policyDetail: string;
  if (pol?.allowedOrigins || pol?.startsWith) {
    const origins = first(pol.allowedOrigins);
    const prefixes = first(pol.startsWith);
    allowed = (origins.length === 0 || origins.includes(aUrl.host)) && (prefixes.length === 0 || prefixes.some((p) => assertion.id.startsWith(p)));
    policyDetail = `allowed origins: ${origins.join(', ') || '(any)'}`;
  } else {
    allowed = new URL(issuer.id).origin === aUrl.origin;
    policyDetail = `issuer origin ${new URL(issuer.id).origin}`;
  }
  checks.push({ name: 'verification policy', ok: allowed, detail: policyDetail });
  if (!allowed) return fail('outside-policy', `The assertion is hosted on ${aUrl.host}, which the issuer does not allow.`);

  // 5. Expiry.
  const now = opts.now ?? new Date();
  if (assertion.expires && new Date(assertion.expires).getTime() <= now.getTime()) {
    checks.push({ name: 'not expired', ok: false, detail: `expired ${assertion.expires}` });
    return fail('expired', `This badge expired on ${assertion.expires.slice(0, 10)}.`);
  }
  checks.push({ name: 'not expired', ok: true, detail: assertion.expires ? `expires ${assertion.expires}` : 'does not expire' });

  // 6. Recipient, when the caller names an identity.
  if (opts.identity) {
    const r = assertion.recipient;
    const id = opts.identity.trim().toLowerCase();
    let match: boolean;
    if (r.hashed) {
      const [alg, hex] = r.identity.split('$');
      const algo = alg === 'sha256' ? 'sha256' : alg === 'md5' ? 'md5' : null;
      match = !!algo && createHash(algo).update(id + (r.salt ?? '')).digest('hex') === (hex ?? '').toLowerCase();
    } else match = r.identity.trim().toLowerCase() === id;
    checks.push({ name: 'recipient', ok: match, detail: match ? 'identity matches' : 'identity does not match' });
    if (!match) return fail('recipient-mismatch', 'This badge was issued to someone else.');
  }

  res.verified = true;
  return res;
}
