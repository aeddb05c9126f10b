// ETag + If-None-Match for reads: a strong tag over the JSON or SVG body, a 304 when it matches.
// API reads are private (they depend on the token); Open Badges documents may be cached publicly.
//
// Contract endpoints tag their JSON where they serialise it (`jsonWithEtag`, called by
// endpoints/mount.ts): the text is hashed once, as it is, with no second read of the response.
// The middleware covers every other read (Open Badges documents, SVG, meta routes) by reading the
// response back, and leaves alone a response that already carries a tag.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { apiResponse } from './cors.js';
import { contentTag as tagOf, namesTag as matches } from '../validators.js';

const cacheFor = (path: string) => (path.startsWith('/ob/') ? 'public, max-age=60, must-revalidate' : 'private, no-cache');

/**
 * A 304 carrying the tag and the headers of the response it stands for (minus its body's), including the
 * `Vary: Authorization` its 200 carries: a cache must keep keying the stored answer by the token, and
 * RFC 9110 (15.4.5) asks a 304 to send the Vary the 200 would have sent.
 */
function notModified(headers: Headers, tag: string, cache: string): Response {
  headers.delete('content-type');
  headers.delete('content-length');
  headers.set('etag', tag);
  headers.set('cache-control', cache);
  if (!/(^|,)\s*authorization\s*(,|$)/i.test(headers.get('vary') ?? '')) headers.append('vary', 'Authorization');
  return new Response(null, { status: 304, headers });
}

/**
 * Marks a response `jsonWithEtag` tagged: the middleware skips it without reading its headers (see
 * cors.ts `apiResponse`, and why a property rather than a WeakSet).
 */
const TAGGED: unique symbol = Symbol('tagged');
type Marked = Response & { [TAGGED]?: true };

/**
 * A GET's JSON answer with its ETag, or a 304 when If-None-Match names it. `text` is the JSON already
 * serialised, so it is hashed and sent as is.
 */
export function jsonWithEtag(c: Context, text: string): Response {
  // Encoded to UTF-8 once, here: the hash, the Content-Length and the socket all take these bytes.
  // Given the string instead, each encodes (or measures) it again, and Node's http joins a string
  // body to the header text first, a copy of the whole body per response (issue 18).
  const bytes = Buffer.from(text);
  const tag = tagOf(bytes);
  const cache = cacheFor(c.req.path);
  if (matches(c.req.header('if-none-match'), tag)) return notModified(new Headers(), tag, cache);
  const res: Marked = apiResponse(c, bytes, 200, { 'content-type': 'application/json', etag: tag, 'cache-control': cache, vary: 'Authorization' });
  res[TAGGED] = true;
  return res;
}

export const etag = () =>
  createMiddleware(async (c, next) => {
    await next();
    if ((c.res as Marked)[TAGGED] || c.req.method !== 'GET' || (c.res.status !== 200 && c.res.status !== 410)) return;
    if (c.res.headers.has('etag')) return;
    const ct = c.res.headers.get('content-type') ?? '';
    if (!/json|svg/.test(ct)) return;
    const tag = tagOf(Buffer.from(await c.res.clone().arrayBuffer()));
    const cache = cacheFor(c.req.path);
    if (c.res.status === 200 && matches(c.req.header('if-none-match'), tag)) {
      c.res = notModified(new Headers(c.res.headers), tag, cache);
      return;
    }
    c.res.headers.set('etag', tag);
    c.res.headers.set('cache-control', cache);
    c.res.headers.append('vary', 'Authorization');
  });
