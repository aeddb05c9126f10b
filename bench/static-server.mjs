// A tiny static server for measurements: serves the repo's dist/ and pages built in memory.
// Loopback only. `api` answers everything under /api/ (default: hold, then 503).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' };

export async function serve({ pages = {}, api } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    // A page is its HTML, or { type, body } for another kind of file.
    const page = pages[url.pathname];
    if (page !== undefined) {
      const { type = 'text/html', body = page } = typeof page === 'string' ? {} : page;
      res.writeHead(200, { 'content-type': type }).end(body);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (api) return api(req, res);
      setTimeout(() => res.writeHead(503, { 'content-type': 'application/problem+json' }).end('{"title":"held","status":503}'), 300);
      return;
    }
    const path = normalize(join(root, url.pathname));
    if (!path.startsWith(join(root, 'dist'))) return res.writeHead(404).end();
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
