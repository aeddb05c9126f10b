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
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const headers = writableHeaders(c);
    const allowed = allowOrigin(c.req.header('origin') || '');
    if (allowed) headers.set('access-control-allow-origin', allowed);
    headers.append('vary', 'Origin');
  });
};

export const badgeDocumentCors = () => cors({ origin: '*', allowMethods: ['GET'] });
