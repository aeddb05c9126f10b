import { FetchFailure, type DocumentFetcher, type FetchedDocument } from '../openbadges/fetcher.js';
import { isAbort } from './errors.js';

// The browser's fetcher for Open Badges documents. It lives in core because elements never call
// fetch themselves: <confab-cert-badge> injects this into the shared verifier (src/openbadges/).

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 15_000;

/**
 * GETs an Open Badges document as JSON-LD. Sends no cookies and no referrer: the issuer is a third
 * party and must learn nothing about the portal the badge is shown in. Throws FetchFailure
 * `blocked-url` for a non-http(s) address and `unreachable` when no response came (CORS refusal, DNS,
 * closed port, timeout); the caller's abort passes through untouched.
 */
export async function fetchDocument(url: string, signal?: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<FetchedDocument> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchFailure('blocked-url', `${url} is not an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new FetchFailure('blocked-url', `${parsed.protocol} addresses are not fetched`);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(parsed.href, {
      headers: { Accept: 'application/ld+json, application/json' },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      signal: combined,
    });
    text = await res.text();
  } catch (e) {
    // The caller gave up: let the abort through untouched. Our own timeout is a network failure.
    if (signal?.aborted) throw e;
    if (e instanceof TypeError || isAbort(e) || (e as { name?: string })?.name === 'TimeoutError') {
      throw new FetchFailure('unreachable', timeout.aborted ? `${parsed.host} did not answer within ${TIMEOUT_MS / 1000} s` : `${parsed.host} could not be reached from the browser (${(e as Error).message})`);
    }
    throw e;
  }
  if (text.length > MAX_BYTES) return { status: res.status, url: res.url || parsed.href, json: undefined };
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, url: res.url || parsed.href, json };
}

// Badge classes and issuer profiles are shared by many assertions (a list of five badges usually has
// one issuer), and unlike assertions they do not carry revocation. Fetch each once per few minutes.
const SHARED_TTL_MS = 5 * 60_000;
const shared = new Map<string, { at: number; doc: Promise<FetchedDocument> }>();

/**
 * Like `fetchDocument`, but shares one request per URL between verifications for a few minutes.
 * The request itself runs without the caller's signal (another verification may still want it);
 * the caller stops waiting when its own signal aborts.
 */
export function fetchSharedDocument(url: string, signal?: AbortSignal): Promise<FetchedDocument> {
  const hit = shared.get(url);
  let doc = hit && Date.now() - hit.at < SHARED_TTL_MS ? hit.doc : undefined;
  if (!doc) {
    doc = fetchDocument(url);
    const entry = { at: Date.now(), doc };
    shared.set(url, entry);
    // Failures are not remembered: the next verification tries again.
    doc.catch(() => shared.get(url) === entry && shared.delete(url));
  }
  if (!signal) return doc;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    doc.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The verifier's fetcher in the browser: every assertion afresh (it carries revocation), badge
 * classes and issuers shared. A `fetchImpl` (tests, non-window contexts) turns sharing off.
 */
export function browserDocumentFetcher(fetchImpl?: typeof fetch): DocumentFetcher {
  return (url, { kind, signal }) => (kind !== 'assertion' && !fetchImpl ? fetchSharedDocument(url, signal) : fetchDocument(url, signal, fetchImpl));
}
