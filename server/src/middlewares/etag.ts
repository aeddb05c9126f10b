// ETag + If-None-Match for reads: a strong tag over the JSON or SVG body, a 304 when it matches.
// API reads are private (they depend on the token); Open Badges documents may be cached publicly.
import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';

export const etag = () =>
  createMiddleware(async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || (c.res.status !== 200 && c.res.status !== 410)) return;
    const ct = c.res.headers.get('content-type') ?? '';
    if (!/json|svg/.test(ct)) return;
    const buf = Buffer.from(await c.res.clone().arrayBuffer());
    const tag = `"${createHash('sha256').update(buf).digest('base64url').slice(0, 27)}"`;
    const cache = c.req.path.startsWith('/ob/') ? 'public, max-age=60, must-revalidate' : 'private, no-cache';
    const inm = c.req.header('if-none-match');
    if (c.res.status === 200 && inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)) {
      const headers = new Headers(c.res.headers);
      headers.delete('content-type');
      headers.delete('content-length');
      headers.set('etag', tag);
      headers.set('cache-control', cache);
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    c.res.headers.set('etag', tag);
    c.res.headers.set('cache-control', cache);
    c.res.headers.append('vary', 'Authorization');
  });
