import type { FieldError, Problem } from '../contract/problem.js';

/**
 * Every failure a Confab element can show. Elements render these; they never throw them at the host page.
 * `status` is the HTTP status where there was a response, 0 where there was none.
 */
export class ConfabError extends Error {
  override name = 'ConfabError';
  constructor(
    message: string,
    readonly status = 0,
    readonly problem: Problem | null = null,
  ) {
    super(message);
  }
}

/** The backend answered with an error status; `problem` holds its RFC 9457 body when it sent one. */
export class BackendError extends ConfabError {
  override name = 'BackendError';
  /** Seconds the server asked us to wait (Retry-After), if it said. */
  retryAfter: number | null = null;
}

/** 401/403: the token was missing, expired after one refresh, or lacks a permission. */
export class AuthError extends BackendError {
  override name = 'AuthError';
}

/**
 * A response (or a request we were about to send) did not match the contract.
 * `errors` name each path, e.g. `items[3].title: expected string, got 3`.
 */
export class ValidationError extends ConfabError {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly errors: FieldError[],
    status = 0,
    problem: Problem | null = null,
  ) {
    super(message, status, problem);
  }
}

/** No response at all: offline, DNS, CORS, connection reset or timeout. Writes go to the outbox. */
export class OfflineError extends ConfabError {
  override name = 'OfflineError';
  constructor(
    message = 'You appear to be offline.',
    readonly timedOut = false,
  ) {
    super(message, 0, null);
  }
}

/**
 * No response while the browser says it is online: a wrong `api` URL, a CORS refusal, a server that
 * is down. An OfflineError still (writes go to the outbox, cached content is shown), but its text
 * names the server instead of blaming the partner's connection.
 */
export class UnreachableError extends OfflineError {
  override name = 'UnreachableError';
  constructor(
    /** The origin that did not answer, e.g. `https://community.example.com`. */
    readonly origin: string,
  ) {
    super(`Could not reach ${origin}.`);
  }
}

/**
 * The error for a request that got no response: UnreachableError naming `url`'s origin while
 * `navigator.onLine` is true, else OfflineError. Decided when the request fails, since that is
 * when the browser's state says what the cause was.
 */
export function noResponseError(url: string): OfflineError {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return new OfflineError();
  return new UnreachableError(originOf(url));
}

/** `https://host:port` of an absolute URL; a relative one is resolved against the page. */
function originOf(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).origin;
  } catch {
    return url;
  }
}

export const isConfabError = (e: unknown): e is ConfabError => e instanceof ConfabError;
export const isAbort = (e: unknown): boolean =>
  e instanceof DOMException ? e.name === 'AbortError' : (e as { name?: string } | null)?.name === 'AbortError';

/** Normalises anything thrown by a backend into a ConfabError an element can render. */
export function toConfabError(e: unknown): ConfabError {
  if (e instanceof ConfabError) return e;
  if (e instanceof TypeError) return new OfflineError(`Network error: ${e.message}`);
  return new ConfabError(e instanceof Error ? e.message : String(e));
}
