// Refuses U+0000 in the query and the path of every request, with a 400 naming the parameter, before
// any route passes the text to PostgreSQL (see nul.ts). JSON bodies are checked in endpoints/input.ts.
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { FieldError } from '../../../src/contract/index.js';
import { hasNul, NUL_MESSAGE, printable } from '../nul.js';
import { HttpError } from '../problem.js';

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The path template of the route that will answer (`/api/v1/threads/:id`), split like the path, if one has parameters. */
function templateFor(c: Context, length: number): string[] | undefined {
  return matchedRoutes(c).map((r) => r.path.split('/')).find((t) => t.length === length && t.some((s) => s.startsWith(':')));
}

/**
 * A NUL can only reach the path or query as `%00`: HTTP parsers refuse a raw NUL byte in the request
 * line. So a URL without either needs no parsing at all (the common case, kept cheap for every read).
 */
const mayHoldNul = (url: string) => url.includes('\0') || /%00/i.test(url);

export const rejectNul = () =>
  // The common case passes straight on, not through an async function (one promise fewer per request).
  createMiddleware((c, next) => (mayHoldNul(c.req.url) ? refuseNul(c, next) : next()));

async function refuseNul(c: Context, next: Next) {
  const errors: FieldError[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (hasNul(name) || values.some(hasNul)) errors.push({ path: printable(name), message: NUL_MESSAGE });
  }
  const segments = new URL(c.req.url).pathname.split('/');
  const template = templateFor(c, segments.length);
  segments.forEach((segment, i) => {
    if (!hasNul(decoded(segment))) return;
    const param = template?.[i]?.startsWith(':') ? template[i].slice(1) : '(path)';
    errors.push({ path: param, message: NUL_MESSAGE });
  });
  if (errors.length) throw new HttpError(400, 'Bad Request', 'Text in a request may not contain the NUL character (U+0000).', errors);
  await next();
}
