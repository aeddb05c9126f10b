/**
 * Open Badges 3.0 verification in the browser, as its own lazily loaded chunk: the shared OB 3.0
 * verifier (src/openbadges/ob3/) with jose and the credential schemas. Only `credential` badges load
 * it; a page of Open Badges 2.0 badges never does. The verdict's rendering comes with the verification
 * part (verification.ts), as for 2.0.
 */
import type { VerificationResult, VerifyCheck, VerifyRequest } from '../../../contract/certifications.js';
import { isAbort } from '../../../core/errors.js';
import { fetchBody } from '../../../core/fetch-document.js';
import { FetchFailure } from '../../../openbadges/fetcher.js';
import { Ob3FetchError, verifyCredential, type FetchText } from '../../../openbadges/ob3/index.js';

/** Nothing of its own to render: the verdict's styles come with the verification part. */
export const styles = [];

export interface VerifyCredentialOptions {
  identity?: string;
  recipientName?: string | null;
  signal?: AbortSignal;
  now?: Date;
  /** Verification by the community server, for issuers the browser cannot reach (no CORS headers). */
  fallback?: (request: VerifyRequest, signal?: AbortSignal) => Promise<VerificationResult>;
  /** Where documents come from; by default the browser's (CORS, no cookies, no referrer). */
  fetchText?: FetchText;
}

/** The browser's FetchText: core's fetcher, its failures in the OB 3.0 verifier's terms. */
export const browserFetchText: FetchText = async (url, { accept, signal }) => {
  try {
    return await fetchBody(url, accept, signal);
  } catch (e) {
    if (e instanceof FetchFailure) throw new Ob3FetchError(e.kind, e.message);
    throw e;
  }
};

/**
 * Verifies an Open Badges 3.0 credential, given as its URL or as the VC-JWT itself, with the same
 * verdict shape as 2.0. When the browser could not reach a document at all (CORS or network), the
 * community server verifies it instead through `fallback`, as for 2.0. Rejects only with an AbortError.
 */
export async function verifyCredentialInBrowser(source: string, opts: VerifyCredentialOptions = {}): Promise<VerificationResult> {
  const fetcher = opts.fetchText ?? browserFetchText;
  // Remember the browser's own network failure: that, not an issuer's HTTP error, is what the server may get past.
  let networkFailure: Ob3FetchError | undefined;
  const watched: FetchText = (u, how) =>
    fetcher(u, how).catch((e: unknown) => {
      if (e instanceof Ob3FetchError && e.kind === 'unreachable') networkFailure ??= e;
      throw e;
    });
  const result = await verifyCredential(source, { fetchText: watched, identity: opts.identity, recipientName: opts.recipientName, signal: opts.signal, now: opts.now });
  if (result.reason !== 'unreachable' || !networkFailure || !opts.fallback) return result;

  const why = networkFailure.message;
  try {
    const request: VerifyRequest = { credential: source.trim(), ...(opts.identity ? { identity: opts.identity } : {}) };
    const r = await opts.fallback(request, opts.signal);
    // The server did the fetching; say so, as a passed step, so a verified result has no red mark.
    return { ...r, checks: [{ name: 'fetched by the community server', ok: true, detail: why }, ...r.checks] };
  } catch (e) {
    if (isAbort(e) || opts.signal?.aborted) throw e;
    const message = String((e as Error)?.message ?? e);
    const browserCheck: VerifyCheck = { name: 'fetched by the browser', ok: false, detail: why };
    return { ...result, detail: `${why}; the community server could not verify it either (${message})`, checks: [browserCheck, { name: 'fetched by the community server', ok: false, detail: message }, ...result.checks] };
  }
}
