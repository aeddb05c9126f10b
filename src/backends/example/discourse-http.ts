import { AuthError, BackendError, ValidationError, isAbort, noResponseError } from '../../core/errors.js';

/**
 * A fetch of one foreign JSON document, with failures turned into Confab's typed errors. This is
 * the part every adapter needs, whatever API it maps: abort stays an AbortError, no response is an
 * OfflineError (an UnreachableError naming the server while the browser is online), an error status a BackendError (AuthError for 401/403), bad JSON a ValidationError.
 */
export async function fetchJson<T>(url: string, init: RequestInit & { signal?: AbortSignal | undefined }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (e) {
    if (isAbort(e) || init.signal?.aborted) throw e;
    throw noResponseError(url);
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    if (response.ok) {
      throw new ValidationError(`Unexpected response from ${url}: the response was not valid JSON`, [{ path: '(root)', message: 'not valid JSON' }], response.status);
    }
  }
  if (!response.ok) {
    // Discourse reports errors as `{ errors: ["..."], error_type: "not_found" }`.
    const message = (data as { errors?: unknown[] } | undefined)?.errors?.find((x) => typeof x === 'string') as string | undefined;
    const Err = response.status === 401 || response.status === 403 ? AuthError : BackendError;
    throw new Err(message || `HTTP ${response.status}`, response.status);
  }
  return data as T;
}
