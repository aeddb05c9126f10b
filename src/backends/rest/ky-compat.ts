/**
 * The two things the REST client needs from ky that ky 1 and ky 2 expose differently, done by hand
 * so that client.ts runs on either major (ky 2 declares Node >= 22; ky 1.14 supports Node 20):
 *
 * - A network failure is ky 2's `NetworkError` (`isNetworkError`, ky 2 only) but the fetch's own
 *   `TypeError` in ky 1.
 * - An error response's body is read by ky 2 into `HTTPError.data` (ky 2 only) and then consumed,
 *   while ky 1 leaves it unread in `HTTPError.response`. ky's `fetch` option exists in both: the
 *   client's fetch reads an error response's body before ky sees the response.
 */

const errorBodies = new WeakMap<Response, unknown>();

const isJsonType = (type: string) => /^application\/([\w.-]+\+)?json\b/i.test(type.trim());

/** The body as ky 2's `HTTPError.data` has it: parsed JSON for a JSON type, else text; undefined when empty. */
async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  if (!isJsonType(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * ky's `fetch` option: the browser's fetch, plus an error response's body read from a clone and kept
 * for `errorBodyOf`. The read runs inside ky's timeout and the caller's signal, like the fetch itself.
 * `globalThis.fetch` is looked up per call, so test doubles installed later (msw) still apply.
 */
export async function fetchKeepingErrorBodies(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await globalThis.fetch(input, init);
  if (!response.ok && response.type !== 'opaque') {
    // A body that cannot be read (reset mid-stream) is no body: the status still says what happened.
    errorBodies.set(response, await readErrorBody(response.clone()).catch(() => undefined));
  }
  return response;
}

/** The body of an error response that came through `fetchKeepingErrorBodies`. */
export const errorBodyOf = (response: Response): unknown => errorBodies.get(response);

/** No response at all: ky 2 wraps the fetch's TypeError in a NetworkError, ky 1 passes it through. */
export const isNetworkFailure = (e: unknown): boolean => e instanceof TypeError || (e instanceof Error && e.name === 'NetworkError');
