// CORS: the API only for the configured origins; the Open Badges documents for every verifier.
//
// The API's simple (non-preflight) requests get their CORS headers after the route has answered, on
// its response as it is. Hono's cors() sets them before the route runs, which makes Hono create an
// empty response early and then copy the route's response into a new one around a ReadableStream
// (context.ts `set res`, then `c.header()` after it is finalised): @hono/node-server can then no
// longer write the body as the string it was, and reads it back through a stream reader. That cost
// list threads a good part of its CPU per request (issue 18). The headers and their values are the same.
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';

const API_CORS = {
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'],
  exposeHeaders: ['ETag', 'Retry-After', 'Location', 'Idempotency-Replayed'],
  maxAge: 600,
};
const EXPOSED = API_CORS.exposeHeaders.join(',');

/** The CORS headers of a simple API request, as one plain record (see `apiResponse`). */
export type CorsHeaders = Readonly<Record<string, string>>;

/**
 * Marks a response built with the CORS headers already in its record: the middleware leaves it as it
 * is. Asking a response for `headers` would turn its plain record into a `Headers` object, which
 * @hono/node-server then reads back entry by entry (issue 18). A property, not a WeakSet: a WeakSet
 * entry per response costs the garbage collector more than the response's other objects together.
 */
const CARRIES_CORS: unique symbol = Symbol('carries CORS headers');
type Marked = Response & { [CARRIES_CORS]?: true };

/**
 * A contract endpoint's response with its headers as one plain record, CORS headers included and
 * `Origin` added to its `Vary`, exactly as the middleware would have added them. @hono/node-server
 * writes such a record straight to the socket; Hono's `c.body()` with several headers, and every
 * header set afterwards, go through `Headers` objects instead. `headers` is the response's own record,
 * built by the caller for this response: the CORS headers are added to it, not to a copy.
 */
export function apiResponse(c: Context, body: string | Uint8Array<ArrayBuffer> | null, status: number, headers: Record<string, string>): Response {
  const cors = c.get('cors') as CorsHeaders | undefined;
  if (!cors) return new Response(body, { status, headers });
  // In the order the middleware's record had them: a `vary` the response has stays in its place.
  const vary = headers.vary;
  for (const k in cors) headers[k] = cors[k];
  headers.vary = vary ? `${vary}, Origin` : 'Origin';
  const res: Marked = new Response(body, { status, headers });
  res[CARRIES_CORS] = true;
  return res;
}

/** The response's headers, made writable first if they are not (a response straight from fetch()). */
function writableHeaders(c: Context): Headers {
  try {
    c.res.headers.set('access-control-expose-headers', EXPOSED);
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set('access-control-expose-headers', EXPOSED);
  }
  return c.res.headers;
}

export const apiCors = (allowedOrigins: readonly string[]) => {
  const allowOrigin = (o: string) => (allowedOrigins.includes(o) || allowedOrigins.includes('*') ? o : null);
  // Preflights stay with Hono's middleware: they are answered there, before any route.
  const preflight = cors({ ...API_CORS, origin: allowOrigin });
  // The records `apiResponse` adds, made once: one per configured origin, one for any other (or none).
  const refused: CorsHeaders = { 'access-control-expose-headers': EXPOSED };
  const allowed = new Map(allowedOrigins.map((o) => [o, { ...refused, 'access-control-allow-origin': o }]));
  const corsFor = (origin: string): CorsHeaders => {
    const o = allowOrigin(origin);
    return o ? (allowed.get(o) ?? { ...refused, 'access-control-allow-origin': o }) : refused;
  };
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    c.set('cors', corsFor(c.req.header('origin') || ''));
    await next();
    if ((c.res as Marked)[CARRIES_CORS]) return;
    const headers = writableHeaders(c);
    const allowed = allowOrigin(c.req.header('origin') || '');
    if (allowed) headers.set('access-control-allow-origin', allowed);
    headers.append('vary', 'Origin');
  });
};

export const badgeDocumentCors = () => cors({ origin: '*', allowMethods: ['GET'] });
