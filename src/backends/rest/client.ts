// Only API that ky 1.14 and ky 2 both have (ky 2 alone declares Node >= 22; see ky-compat.ts).
import ky, { isHTTPError, isTimeoutError } from 'ky';
import type { Endpoint, EndpointName, ResponseOf } from '../../contract/endpoints.js';
import { AuthError, ConfabError, OfflineError, isAbort, noResponseError } from '../../core/errors.js';
import type { CallOptions } from '../types.js';
import { endpointOf } from './groups.js';
import { httpError } from './http-errors.js';
import { RETRY_AFTER_STATUSES, RETRY_STATUSES, type RestBackendOptions } from './options.js';
import { errorBodyOf, fetchKeepingErrorBodies, isNetworkFailure } from './ky-compat.js';
import { buildUrl } from './url.js';
import { readResponse, validateRequest } from './validate.js';

/** What one contract call needs besides the endpoint: `{id}` values, the query object and the JSON body. */
export interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

const abortError = (e: unknown) => (isAbort(e) ? e : new DOMException('The operation was aborted.', 'AbortError'));
const throwIfAborted = (signal?: AbortSignal) => {
  if (signal?.aborted) throw abortError(signal.reason);
};

/**
 * The transport under RestBackend: one contract call = URL from the endpoint table, bearer token,
 * retries (ky), one token refresh on 401, typed errors and response validation. The table is read
 * one resource group at a time (groups.ts), so a page loads only the schemas it calls.
 */
export class RestClient {
  /** The base URL: identifies this backend, e.g. for outbox entries. */
  readonly id: string;
  /** One refresh shared by every call that got a 401 meanwhile, so the host is asked once, not N times. */
  private refreshing: Promise<string | null> | undefined;
  /** The last token the server refused, and the fresh one asked for in its place (see `freshAfter`). */
  private lastRefresh: { refused: string | null; fresh: Promise<string | null> } | undefined;

  constructor(protected readonly options: RestBackendOptions) {
    this.id = options.baseUrl;
  }

  /**
   * Calls any endpoint of the contract by name, including those CommunityBackend leaves out
   * (edits, deletes).
   *
   * @example
   * await backend.call('deleteThread', { params: { id } }, { signal });
   */
  async call<N extends EndpointName>(name: N, input: CallInput = {}, opts: CallOptions = {}): Promise<ResponseOf<N>> {
    let ep: Endpoint;
    try {
      ep = await endpointOf(name);
    } catch (e) {
      // The group's chunk could not be fetched: as unreachable as the server itself.
      throw this.toError(e, opts.signal);
    }
    throwIfAborted(opts.signal);
    const query = ep.query && input.query ? (validateRequest(ep, ep.query, input.query) as Record<string, unknown>) : input.query;
    const body = ep.body ? validateRequest(ep, ep.body, input.body) : undefined;
    const url = buildUrl(this.options.baseUrl, ep.path, input.params, query);
    const token = await this.token(false, opts);
    try {
      return (await this.attempt(ep, url, body, token, opts)) as ResponseOf<N>;
    } catch (e) {
      if (!(e instanceof AuthError && e.status === 401 && this.options.getToken)) throw e;
      // The token may have expired since the host handed it over: ask for a fresh one, once.
      const fresh = await this.freshAfter(token, opts);
      if (!fresh) throw e;
      return (await this.attempt(ep, url, body, fresh, opts)) as ResponseOf<N>;
    }
  }

  /** The current token; null when there is no provider or nobody is signed in. */
  protected async token(forceRefresh: boolean, opts: CallOptions = {}): Promise<string | null> {
    throwIfAborted(opts.signal);
    let token: Promise<string | null>;
    if (!forceRefresh) token = Promise.resolve(this.options.getToken?.()).then((t) => t ?? null);
    else {
      token = this.refreshing ??= Promise.resolve(this.options.getToken?.({ forceRefresh })).then((t) => t ?? null);
      void token.finally(() => (this.refreshing = undefined)).catch(() => undefined);
    }
    const value = await token;
    throwIfAborted(opts.signal);
    return value;
  }

  /**
   * A fresh token after the server refused `refused`: the host is asked once per refused token, however
   * many calls got the 401 with it and however far apart their answers came (a timing-free rule: calls
   * that started together share one refresh even when the second 401 arrives after the first refresh).
   */
  private async freshAfter(refused: string | null, opts: CallOptions): Promise<string | null> {
    throwIfAborted(opts.signal);
    if (!this.lastRefresh || this.lastRefresh.refused !== refused) {
      const fresh = Promise.resolve(this.options.getToken?.({ forceRefresh: true })).then((t) => t ?? null);
      this.lastRefresh = { refused, fresh };
      // A failed refresh is forgotten, so the next 401 asks again.
      fresh.catch(() => (this.lastRefresh?.fresh === fresh ? (this.lastRefresh = undefined) : undefined));
    }
    const value = await this.lastRefresh.fresh;
    throwIfAborted(opts.signal);
    return value;
  }

  private async attempt(ep: Endpoint, url: string, body: unknown, token: string | null, opts: CallOptions): Promise<unknown> {
    const headers: Record<string, string> = { accept: `${ep.mediaType ?? 'application/json'}, application/problem+json` };
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    // Reads (and deletes) are safe to repeat; a write only when the server can deduplicate it by key.
    const retryable = ep.method === 'GET' || ep.method === 'DELETE' || !!opts.idempotencyKey;
    const retry = this.options.retry ?? {};
    try {
      const response = await ky(url, {
        method: ep.method,
        headers,
        json: body,
        signal: opts.signal,
        timeout: this.options.timeout ?? 10_000,
        fetch: fetchKeepingErrorBodies,
        retry: {
          limit: retryable ? (retry.limit ?? 2) : 0,
          methods: [ep.method.toLowerCase() as 'get'],
          statusCodes: RETRY_STATUSES,
          afterStatusCodes: RETRY_AFTER_STATUSES,
          maxRetryAfter: retry.maxRetryAfter ?? 30_000,
          backoffLimit: retry.backoffLimit ?? 5_000,
        },
      });
      return await readResponse(ep, response);
    } catch (e) {
      throw this.toError(e, opts.signal);
    }
  }

  private toError(e: unknown, signal?: AbortSignal): unknown {
    if (signal?.aborted) return abortError(e);
    if (e instanceof ConfabError) return e;
    if (isHTTPError(e)) return httpError(e.response, errorBodyOf(e.response));
    if (isTimeoutError(e)) return new OfflineError('The server took too long to answer.', true);
    if (isNetworkFailure(e)) return noResponseError(this.options.baseUrl);
    return e;
  }
}
