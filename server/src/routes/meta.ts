// About the API itself: a liveness check that touches the database, and the OpenAPI document.
import type { Hono } from 'hono';
import type { Auth } from '../auth.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http-env.js';
import { buildOpenApi } from '../openapi.js';
import { isDatabaseUnavailable } from '../db-unavailable.js';
import { UNAVAILABLE_RETRY_AFTER_S } from '../problem.js';

export function mountMeta(app: Hono<AppEnv>, db: Db, auth: Auth): void {
  // 503 {ok:false} while the database does not answer, so a load balancer takes the process out of
  // rotation. `listener`: the LISTEN connection behind live updates (pg-listener.ts); reported, not
  // part of `ok`, since every other route still works while it reconnects.
  app.get('/api/health', async (c) => {
    const base = { db: db.kind, demo: auth.demo, listener: db.listenerHealth() };
    try {
      await db.query('SELECT 1');
    } catch (e) {
      // Any failure of `SELECT 1` is an unhealthy database; an unexpected one is logged as well.
      if (!isDatabaseUnavailable(e)) console.error('[confab] health check failed', e);
      c.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S));
      return c.json({ ok: false, ...base }, 503);
    }
    return c.json({ ok: true, ...base });
  });
  let openapi: unknown = null;
  app.get('/api/openapi.json', (c) => c.json((openapi ??= buildOpenApi())));
}
