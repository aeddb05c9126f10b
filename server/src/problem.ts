// RFC 9457 problem+json responses and the one error class handlers throw.
import type { Context } from 'hono';
import type { FieldError } from '../../src/contract/index.js';
import { isDatabaseUnavailable } from './db-unavailable.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function problemBody(status: number, title?: string, detail?: string, errors?: FieldError[]) {
  const body: Record<string, unknown> = { type: 'about:blank', title: title ?? TITLES[status] ?? 'Error', status };
  if (detail) body.detail = detail;
  if (errors?.length) body.errors = errors;
  return body;
}

export function problemResponse(status: number, title?: string, detail?: string, errors?: FieldError[], headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(problemBody(status, title, detail, errors)), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

export function problemFromError(err: unknown, c?: Context): Response {
  if (err instanceof HttpError) return problemResponse(err.status, err.title, err.detail, err.errors, err.headers);
  // Hono's HTTPException (e.g. from middleware) carries a status.
  const status = (err as { status?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return problemResponse(status);
  if (isDatabaseUnavailable(err)) {
    // A dependency that is down, not a bug: no stack trace, and a status that tells clients and load
    // balancers to come back (the SDK retries a 503 read after Retry-After; its outbox keeps a write).
    console.error('[confab] database unavailable', c ? `${c.req.method} ${c.req.path}:` : '', (err as Error).message || (err as { code?: string }).code);
    return databaseUnavailable();
  }
  console.error('[confab] unhandled error', c ? `${c.req.method} ${c.req.path}` : '', err);
  return problemResponse(500, 'Internal Server Error', 'Something went wrong on our side.');
}

/** Seconds a client is asked to wait when a dependency (the database, the identity provider's keys) is down. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export const databaseUnavailable = () =>
  problemResponse(503, 'Service Unavailable', 'The database is not answering; try again shortly.', undefined, { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_S) });

export const notFound = (what: string) => new HttpError(404, 'Not Found', `${what} does not exist.`);
export const forbidden = (detail: string) => new HttpError(403, 'Forbidden', detail);
