import { AuthError, BackendError, ValidationError, isAbort, noResponseError } from '../../core/errors.js';
import type { DCsrf } from './types.js';

/** How requests authenticate; see DiscourseBackendOptions and the README's "Confab on Discourse". */
export interface DiscourseAuth {
  /** A per-user User API Key (never an admin API key): sent as `User-Api-Key`. */
  userApiKey?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Sent as `User-Api-Client-Id` with the key, when the key was issued to a client id. */
  userApiClientId?: string;
  /** `include` to send the forum's session cookie cross-origin. Default `include` without a key, else `omit`. */
  credentials?: RequestCredentials;
  /** Longest Retry-After (seconds) waited out before retrying once; longer ones reject with a 429. Default 10. */
  maxRetryAfter?: number;
}

type Query = Record<string, string | undefined>;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * Fetches of Discourse JSON with Confab's typed errors (OfflineError, AuthError, BackendError,
 * ValidationError; an abort stays an AbortError), the caller's credentials, and Discourse's rate
 * limits honoured: a 429 with a short `Retry-After` is waited out and retried once.
 */
export class DiscourseHttp {
  private csrf: Promise<string> | undefined;

  constructor(readonly base: string, private readonly auth: DiscourseAuth) {}

  url(path: string, query: Query = {}): string {
    const search = new URLSearchParams();
    for (const [k, val] of Object.entries(query)) if (val !== undefined) search.set(k, val);
    const qs = search.toString();
    return `${this.base}${path}${qs ? `?${qs}` : ''}`;
  }

  get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', this.url(path, query), undefined, signal);
  }

  /** A write: JSON body, and with the session (no key) Discourse's CSRF token, fetched once and renewed on "BAD CSRF". */
  async send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, signal?: AbortSignal, query: Query = {}): Promise<T> {
    try {
      return await this.request<T>(method, this.url(path, query), body, signal);
    } catch (e) {
      if (!(e instanceof AuthError && e.status === 403 && /BAD CSRF/i.test(e.message) && this.csrf)) throw e;
      this.csrf = undefined;
      return this.request<T>(method, this.url(path, query), body, signal);
    }
  }

  /**
   * A MessageBus poll: form-encoded channel positions, no CSRF (MessageBus does not check it), one
   * JSON array back (`Dont-Chunk`). Discourse holds the request open until a message or ~25 s pass.
   */
  async poll<T>(path: string, positions: Record<string, number>, signal: AbortSignal): Promise<T> {
    const h = await this.headers('GET', undefined);
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/x-www-form-urlencoded', 'dont-chunk': 'true', 'x-silence-logger': 'true' },
        body: new URLSearchParams(Object.entries(positions).map(([k, v]) => [k, String(v)])).toString(),
        credentials: this.credentials(),
        signal,
      });
    } catch (e) {
      if (isAbort(e) || signal.aborted) throw e;
      throw noResponseError(path);
    }
    if (!response.ok) {
      const err = new BackendError(`MessageBus poll failed: HTTP ${response.status}`, response.status);
      if (response.status === 429) err.retryAfter = retryAfterSeconds(response, null);
      throw err;
    }
    return (await response.json()) as T;
  }

  private async headers(method: string, body: unknown): Promise<Record<string, string>> {
    const h: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) h['content-type'] = 'application/json';
    const key = await this.auth.userApiKey?.();
    if (key) {
      h['user-api-key'] = key;
      if (this.auth.userApiClientId) h['user-api-client-id'] = this.auth.userApiClientId;
    } else if (method !== 'GET') {
      // Discourse checks CSRF on session-authenticated writes; the header marks the call as XHR.
      h['x-requested-with'] = 'XMLHttpRequest';
      h['x-csrf-token'] = await this.csrfToken();
    }
    return h;
  }

  private csrfToken(): Promise<string> {
    this.csrf ??= this.request<DCsrf>('GET', this.url('/session/csrf.json'), undefined, undefined).then((r) => r.csrf);
    this.csrf.catch(() => (this.csrf = undefined));
    return this.csrf;
  }

  private credentials(): RequestCredentials {
    return this.auth.credentials ?? (this.auth.userApiKey ? 'omit' : 'include');
  }

  private async request<T>(method: string, url: string, body: unknown, signal: AbortSignal | undefined, retried = false): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: await this.headers(method, body),
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.credentials(),
        signal,
      });
    } catch (e) {
      if (isAbort(e) || signal?.aborted) throw e;
      if (e instanceof BackendError) throw e; // from the CSRF fetch
      throw noResponseError(url);
    }
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      if (response.ok) {
        throw new ValidationError(`Unexpected response from ${url}: the response was not valid JSON`, [{ path: '(root)', message: 'not valid JSON' }], response.status);
      }
    }
    if (response.status === 429) {
      const wait = retryAfterSeconds(response, data);
      if (!retried && wait !== null && wait <= (this.auth.maxRetryAfter ?? 10)) {
        await sleep(wait * 1000, signal);
        return this.request<T>(method, url, body, signal, true);
      }
      const err = new BackendError(errorMessage(data) || 'Too many requests: Discourse asks to slow down', 429);
      err.retryAfter = wait;
      throw err;
    }
    if (!response.ok) {
      const Err = response.status === 401 || response.status === 403 ? AuthError : BackendError;
      throw new Err(errorMessage(data) || `HTTP ${response.status}`, response.status);
    }
    return data as T;
  }
}

/** Seconds from `Retry-After` (seconds or an HTTP date), else Discourse's `extras.wait_seconds`. */
export function retryAfterSeconds(response: Response, data: unknown): number | null {
  const h = response.headers.get('retry-after');
  if (h) {
    const n = Number(h);
    if (Number.isFinite(n)) return Math.max(0, n);
    const at = Date.parse(h);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  const wait = (data as { extras?: { wait_seconds?: unknown } } | null)?.extras?.wait_seconds;
  return typeof wait === 'number' ? wait : null;
}

/** Discourse reports errors as `{ errors: ["..."], error_type: "..." }` (and MessageBus/CSRF as `["BAD CSRF"]`). */
function errorMessage(data: unknown): string | undefined {
  const list = Array.isArray(data) ? data : (data as { errors?: unknown[] } | null)?.errors;
  return list?.find((x): x is string => typeof x === 'string');
}
