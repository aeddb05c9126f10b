// Token -> user, for every /api route. A bad token is a 401 even on reads, so the client refreshes it;
// no token is an anonymous caller, and each route decides whether that is enough.
import { createMiddleware } from 'hono/factory';
import type { Auth, User } from '../auth.js';
import type { AppEnv } from '../http-env.js';
import { HttpError } from '../problem.js';

export const authenticate = (auth: Auth) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // Only ever from the header: the event streams take a single-use ticket instead (live-tickets.ts),
    // so no token travels in a URL.
    const h = c.req.header('authorization');
    let user: User | null = null;
    if (h) {
      const m = /^Bearer\s+(\S+)$/i.exec(h);
      if (!m) throw new HttpError(401, 'Unauthorized', 'Use an "Authorization: Bearer <token>" header.', undefined, { 'www-authenticate': 'Bearer' });
      try {
        user = await auth.verify(m[1]);
      } catch {
        throw new HttpError(401, 'Unauthorized', 'The token is invalid or expired.', undefined, {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
      }
    }
    c.set('user', user);
    await next();
  });
