// The demo portal at / and the built bundles at /dist/, when main.ts passes their directories.
import type { Hono } from 'hono';
import type { AppEnv } from '../http-env.js';
import { serveFile } from '../static.js';

// Only the module build's chunks: the classic build's iife/ chunks are rewritten after rollup has named
// them (rollup.config.mjs, iifeRegistry: each names its build's registry), so one name can carry two
// releases' code there, and a year-cached old chunk would meet a new confab.iife.js.
// The hash is 6 characters (rollup.config.mjs, chunkName).
const HASHED_CHUNK = /^\/chunks\/[\w-]+-[\w-]{6}\.js$/;

export function mountPortal(app: Hono<AppEnv>, dirs: { demo?: string; dist?: string } = {}): void {
  const { demo, dist } = dirs;
  if (dist) {
    app.get('/dist/*', async (c) => {
      const path = c.req.path.slice('/dist'.length);
      const res = await serveFile(dist, path, c.req.header('if-none-match'));
      if (!res) return c.notFound();
      // Chunk names carry a hash of their content (rollup.config.mjs), so a chunk never changes under
      // its name: a returning visitor's browser keeps it (and its compiled code) instead of fetching
      // it again on every page. The entry scripts (confab.js, confab.iife.js) keep their names across
      // builds and stay `no-cache`, with a validator, so a warm visit gets a 304 for them. This is how
      // a CDN should serve dist/ too (README "Builds").
      if (HASHED_CHUNK.test(path)) res.headers.set('cache-control', 'public, max-age=31536000, immutable');
      return res;
    });
  }
  if (!demo) return;
  app.get('/*', async (c) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/ob/')) return c.notFound();
    const r = await serveFile(demo, c.req.path, c.req.header('if-none-match'));
    if (r) return r;
    if (c.req.path === '/') {
      return c.html(`<!doctype html><meta charset="utf-8"><title>Confab</title><h1>Confab reference backend</h1>
<p>The demo portal (demo/) is not there yet. The API lives at <a href="/api/openapi.json">/api/openapi.json</a>.</p>`);
    }
    return c.notFound();
  });
}
