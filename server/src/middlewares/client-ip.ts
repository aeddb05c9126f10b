// The client's address, worked out once per request: rate limits and anonymous idempotency keys use it.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http-env.js';

export const clientIp = (trustProxy: boolean) =>
  // Nothing to await: not an async function, so no promise of its own per request (issue 18).
  createMiddleware<AppEnv>((c, next) => {
    let ip: string | undefined;
    if (trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0].trim() || undefined;
    // @hono/node-server puts the Node request on c.env; app.request() in tests has none.
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    c.set('ip', ip ?? env?.incoming?.socket?.remoteAddress ?? 'local');
    return next();
  });
