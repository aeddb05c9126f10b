// Token -> user, for every /api route. A bad token is a 401 even on reads, so the client refreshes it;
// no token is an anonymous caller, and each route decides whether that is enough.
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Auth, User } from '../auth.js';
import type { AppEnv } from '../http-env.js';
import { HttpError } from '../problem.js';

export const authenticate = (auth: Auth) =>
  // Not an async function: without a token (most reads) nothing is awaited here, and the request goes
  // on without one more promise per request (issue 18).
  createMiddleware<AppEnv>((c, next) => {
    // Only ever from the header: the event streams take a single-use ticket instead (live-tickets.ts),
    // so no token travels in a URL.
    const h = c.req.header('authorization');
    if (!h) {
      c.set('user', null);
      return next();
    }
    return withToken(auth, h, c, next);
  });

async function withToken(auth: Auth, h: string, c: Context<AppEnv>, next: Next): Promise<void> {
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new HttpError(401, 'Unauthorized', 'Use an "Authorization: Bearer <token>" header.', undefined, { 'www-authenticate': 'Bearer' });
  let user: User;
  try {
    user = await auth.verify(m[1]);
  } catch {
    throw new HttpError(401, 'Unauthorized', 'The token is invalid or expired.', undefined, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
  c.set('user', user);
  await next();
}
