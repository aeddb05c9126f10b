// Refuses request bodies over the configured size before anything reads them.
//
// Only for methods that carry a body: hono's bodyLimit reads `c.req.raw.body`, and on
// @hono/node-server that getter turns the light request object into a full WHATWG Request (an
// AbortController, a headers copy, a stream), which cost every GET a good part of its CPU time
// under the list-threads benchmark (issue 18). GET, HEAD and OPTIONS bodies are never read here.
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { problemResponse } from '../problem.js';

const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const limitBody = (maxBytes: number) => {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => problemResponse(413, 'Payload Too Large', `A request body may be at most ${maxBytes / 1024} KB.`),
  });
  return createMiddleware((c, next) => (BODILESS.has(c.req.method) ? next() : limit(c, next)));
};
