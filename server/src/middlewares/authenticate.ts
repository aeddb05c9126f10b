// Token -> user, for every /api route. A bad token is a 401 even on reads, so the client refreshes it;
// no token is an anonymous caller, and each route decides whether that is enough.
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';
import { KeySetUnavailableError, type Auth, type User } from '../auth.js';
import type { AppEnv } from '../http-env.js';
import { HttpError, UNAVAILABLE_RETRY_AFTER_S } from '../problem.js';

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
  } catch (e) {
    // The identity provider's keys are out of reach: the token may well be good, and a 401 would make
    // the SDK refresh it and then treat the partner as signed out. A 503 asks them to try again.
    if (e instanceof KeySetUnavailableError) {
      console.error('[confab]', e.message);
      throw new HttpError(503, 'Service Unavailable', 'The sign-in keys cannot be checked right now; try again shortly.', undefined, {
        'retry-after': String(UNAVAILABLE_RETRY_AFTER_S),
      });
    }
    throw new HttpError(401, 'Unauthorized', 'The token is invalid or expired.', undefined, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
  c.set('user', user);
  await next();
}
