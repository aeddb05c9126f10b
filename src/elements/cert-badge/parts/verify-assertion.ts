import type { VerificationResult, VerifyCheck, VerifyRequest } from '../../../contract/certifications.js';
import { browserDocumentFetcher } from '../../../core/fetch-document.js';
import { isAbort } from '../../../core/errors.js';
import { FetchFailure, type DocumentFetcher } from '../../../openbadges/fetcher.js';
import type { Hashes } from '../../../openbadges/hashes.js';
import { md5 } from '../../../openbadges/md5.js';
import { verifyHosted } from '../../../openbadges/verify-hosted.js';

export interface VerifyOptions {
  /** An identity (usually an email) to check the recipient against. Not checked when absent. */
  identity?: string;
  /** Aborts every request; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** "Now" for the date checks. */
  now?: Date;
  /** Shown as the recipient when the assertion names none (it usually only carries a hash). */
  recipientName?: string | null;
  /**
   * Verification on the server's side, for issuers the browser cannot reach (no CORS headers, or
   * not reachable from this network). Usually `(req, signal) => backend.verifyAssertion(req, { signal })`.
   */
  fallback?: (request: VerifyRequest, signal?: AbortSignal) => Promise<VerificationResult>;
  /** Where documents come from; by default core's browser fetcher (CORS, no cookies, shared badge classes). */
  fetchDocument?: DocumentFetcher;
}

/** The browser's digests: WebCrypto's SHA-256, and md5.ts because WebCrypto has no MD5. */
const browserHashes: Hashes = {
  async sha256(text) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  },
  md5,
};

/**
 * Verifies an Open Badges 2.0 hosted assertion in the browser with the shared verifier
 * (src/openbadges/), which gives the same verdict as the server's POST /v1/verify.
 *
 * When the browser cannot fetch a document at all (CORS or network), it asks `fallback`; if there is
 * none, or that fails too, the reason is `unreachable`. Rejects only with an AbortError.
 */
export async function verifyHostedAssertion(url: string, opts: VerifyOptions = {}): Promise<VerificationResult> {
  const fetcher = opts.fetchDocument ?? browserDocumentFetcher();
  // Remember the browser's own network failure: that, not an issuer's HTTP error, is what the server may get past.
  let networkFailure: FetchFailure | undefined;
  const watched: DocumentFetcher = (u, how) =>
    fetcher(u, how).catch((e: unknown) => {
      if (e instanceof FetchFailure && e.kind === 'unreachable') networkFailure ??= e;
      throw e;
    });
  const result = await verifyHosted(url, { fetch: watched, hashes: browserHashes }, opts);
  if (result.reason !== 'unreachable' || !networkFailure) return result;

  const why = networkFailure.message;
  const browserCheck: VerifyCheck = { name: 'fetched by the browser', ok: false, detail: why };
  if (!opts.fallback) return unreachable(url, [browserCheck], `${why}, and no community server is configured to fetch it instead.`);
  try {
    const r = await opts.fallback(opts.identity ? { url, identity: opts.identity } : { url }, opts.signal);
    // The server did the fetching; say so, as a passed step, so a verified result has no red mark.
    return { ...r, checks: [{ name: 'fetched by the community server', ok: true, detail: why }, ...r.checks] };
  } catch (e) {
    if (isAbort(e) || opts.signal?.aborted) throw e;
    const message = String((e as Error)?.message ?? e);
    const detail = `${why}; the community server could not verify it either (${message})`;
    return unreachable(url, [browserCheck, { name: 'fetched by the community server', ok: false, detail: message }], detail);
  }
}

function unreachable(url: string, checks: VerifyCheck[], detail: string): VerificationResult {
  return {
    verified: false, reason: 'unreachable', detail, assertionUrl: url, badgeName: null, imageUrl: null, issuerName: null,
    recipientName: null, issuedOn: null, expires: null, checks,
  };
}
