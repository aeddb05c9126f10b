/**
 * Returns the partner's bearer token (a JWT the host portal signs), or null when nobody is signed in.
 * May be sync or async. `forceRefresh` is set after a 401: return a fresh token, not a cached one.
 */
export type TokenGetter = (o?: { forceRefresh?: boolean }) => string | null | undefined | Promise<string | null | undefined>;

/** How failed calls are retried. Delays are in milliseconds. */
export interface RestRetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** Upper bound for a server's Retry-After. Default 30 000. */
  maxRetryAfter?: number;
  /** Upper bound for one exponential-backoff delay (300 ms, 600 ms, 1.2 s, ...). Default 5 000. */
  backoffLimit?: number;
}

export interface RestBackendOptions {
  /** API base URL, e.g. `https://community.example.com/api`; contract paths such as `/v1/threads` are appended. */
  baseUrl: string;
  /** Supplies `Authorization: Bearer <token>`. On a 401 it is asked once more with `forceRefresh`. */
  getToken?: TokenGetter;
  /** Milliseconds to wait for each attempt's response before an OfflineError with `timedOut`. Default 10 000. */
  timeout?: number;
  retry?: RestRetryOptions;
}

/** Statuses worth another attempt: the server or a proxy may answer differently a moment later. */
export const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
/** Statuses whose Retry-After header sets the wait instead of the backoff. */
export const RETRY_AFTER_STATUSES = [408, 429, 503];
