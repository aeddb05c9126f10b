// About the API itself: a liveness check that touches the database, and the OpenAPI document.
import type { Hono } from 'hono';
import type { Auth } from '../auth.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http-env.js';
import { buildOpenApi } from '../openapi.js';

export function mountMeta(app: Hono<AppEnv>, db: Db, auth: Auth): void {
  app.get('/api/health', async (c) => {
    await db.query('SELECT 1');
    return c.json({ ok: true, db: db.kind, demo: auth.demo });
  });
  let openapi: unknown = null;
  app.get('/api/openapi.json', (c) => c.json((openapi ??= buildOpenApi())));
}
