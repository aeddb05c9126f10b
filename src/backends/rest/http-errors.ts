import * as v from 'valibot';
import { Problem } from '../../contract/problem.js';
import { AuthError, BackendError, ValidationError } from '../../core/errors.js';

/**
 * Seconds to wait from a Retry-After header: delay-seconds or an HTTP date. Null when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The typed error for an error status. `data` is the body already read (JSON when the server said so),
 * kept as the RFC 9457 problem when it has that shape. A 400/422 problem that lists field `errors`
 * is the server rejecting our input: a ValidationError, as MemoryBackend throws, so forms can show
 * each field's message.
 */
export function httpError(response: Response, data: unknown): BackendError | ValidationError {
  const parsed = v.safeParse(Problem, data);
  const problem = parsed.success ? parsed.output : null;
  const { status } = response;
  const message = problem?.detail || problem?.title || `HTTP ${status}`;
  if ((status === 400 || status === 422) && problem?.errors?.length) return new ValidationError(message, problem.errors, status, problem);
  const error = status === 401 || status === 403 ? new AuthError(message, status, problem) : new BackendError(message, status, problem);
  error.retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  return error;
}
