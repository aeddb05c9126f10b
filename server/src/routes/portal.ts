// The demo portal at / and the built bundles at /dist/, when main.ts passes their directories.
import type { Hono } from 'hono';
import type { AppEnv } from '../http-env.js';
import { serveFile } from '../static.js';

export function mountPortal(app: Hono<AppEnv>, dirs: { demo?: string; dist?: string } = {}): void {
  const { demo, dist } = dirs;
  if (dist) app.get('/dist/*', async (c) => (await serveFile(dist, c.req.path.slice('/dist'.length))) ?? c.notFound());
  if (!demo) return;
  app.get('/*', async (c) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/ob/')) return c.notFound();
    const r = await serveFile(demo, c.req.path);
    if (r) return r;
    if (c.req.path === '/') {
      return c.html(`<!doctype html><meta charset="utf-8"><title>Confab</title><h1>Confab reference backend</h1>
<p>The demo portal (demo/) is not there yet. The API lives at <a href="/api/openapi.json">/api/openapi.json</a>.</p>`);
    }
    return c.notFound();
  });
}
