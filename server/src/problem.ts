// RFC 9457 problem+json responses and the one error class handlers throw.
import type { Context } from 'hono';
import type { FieldError } from '../../src/contract/index.js';

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
  console.error('[confab] unhandled error', c ? `${c.req.method} ${c.req.path}` : '', err);
  return problemResponse(500, 'Internal Server Error', 'Something went wrong on our side.');
}

export const notFound = (what: string) => new HttpError(404, 'Not Found', `${what} does not exist.`);
export const forbidden = (detail: string) => new HttpError(403, 'Forbidden', detail);
