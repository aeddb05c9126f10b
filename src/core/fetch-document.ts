import { FetchFailure, type DocumentFetcher, type FetchedDocument } from '../openbadges/fetcher.js';
import { isAbort } from './errors.js';

// The browser's fetcher for Open Badges documents. It lives in core because elements never call
// fetch themselves: <confab-cert-badge> injects this into the shared verifier (src/openbadges/).

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 15_000;

/** A fetched body as text, with the address it came from after redirects. */
export interface FetchedBody {
  status: number;
  url: string;
  body: string;
}

/**
 * GETs a badge document (Open Badges 2.0 JSON-LD, an OB 3.0 credential, key set or status list) as
 * text. Sends no cookies and no referrer: the issuer is a third party and must learn nothing about the
 * portal the badge is shown in. Throws FetchFailure `blocked-url` for a non-http(s) address and
 * `unreachable` when no response came (CORS refusal, DNS, closed port, timeout) or the body is larger
 * than 1 MB (refused by its Content-Length before reading when the issuer sends one); the caller's
 * abort passes through untouched.
 */
export async function fetchBody(url: string, accept: string, signal?: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<FetchedBody> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchFailure('blocked-url', `${url} is not an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new FetchFailure('blocked-url', `${parsed.protocol} addresses are not fetched`);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const tooLarge = () => new FetchFailure('unreachable', `${parsed.host} sent more than ${MAX_BYTES / 1024} KB`);
  let res: Response;
  let body: string;
  try {
    // no-cache: revalidated every time, so a revocation (a 2.0 assertion's 410, a 3.0 status list's bit)
    // shows at once even where the issuer lets caches keep the document for a while.
    res = await fetchImpl(parsed.href, { headers: { Accept: accept }, credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow', cache: 'no-cache', signal: combined });
    if (Number(res.headers.get('content-length') ?? 0) > MAX_BYTES) {
      void res.body?.cancel();
      throw tooLarge();
    }
    body = await res.text();
  } catch (e) {
    // The caller gave up: let the abort through untouched. Our own timeout is a network failure.
    if (signal?.aborted || e instanceof FetchFailure) throw e;
    if (e instanceof TypeError || isAbort(e) || (e as { name?: string })?.name === 'TimeoutError') {
      throw new FetchFailure('unreachable', timeout.aborted ? `${parsed.host} did not answer within ${TIMEOUT_MS / 1000} s` : `${parsed.host} could not be reached from the browser (${(e as Error).message})`);
    }
    throw e;
  }
  if (body.length > MAX_BYTES) throw tooLarge();
  return { status: res.status, url: res.url || parsed.href, body };
}

/** GETs an Open Badges 2.0 document as JSON-LD (see fetchBody); `json` is undefined when it is not JSON. */
export async function fetchDocument(url: string, signal?: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<FetchedDocument> {
  const r = await fetchBody(url, 'application/ld+json, application/json', signal, fetchImpl);
  let json: unknown;
  try {
    json = r.body ? JSON.parse(r.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: r.status, url: r.url, json };
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
