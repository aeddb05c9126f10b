// Loopback static server for the peers: serves bench/node_modules (what a CDN would serve from the
// packages), the esbuild bundles in bench/peers/dist, and pages held in memory. /api/* answers an
// empty list, so a peer that asks for data gets an answer and the page goes idle.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = fileURLToPath(new URL('./dist', import.meta.url));
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' };
const mounts = { '/node_modules/': join(benchDir, 'node_modules'), '/peers-dist/': distDir };

export async function servePeers({ pages = {} } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (pages[url.pathname]) return res.writeHead(200, { 'content-type': 'text/html' }).end(pages[url.pathname]);
    if (url.pathname.startsWith('/api/')) return res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[],"nextCursor":null}');
    const mount = Object.keys(mounts).find((m) => url.pathname.startsWith(m));
    if (!mount) return res.writeHead(404).end();
    const base = mounts[mount];
    const path = normalize(join(base, decodeURIComponent(url.pathname.slice(mount.length))));
    if (!path.startsWith(base + sep) && path !== base) return res.writeHead(404).end();
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
