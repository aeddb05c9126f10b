// A small loopback server for the hardening tests: serves the repo's dist/ (and optional extra dirs),
// the test pages in test/e2e/pages/ and demo/, proxies /api/* and /ob/* to the reference server, and
// lets a test answer any request itself first (fake endpoints, fault injection). Every request is
// logged with its arrival time so tests can count them.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function fileResponse(root, rel) {
  let decoded;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  const base = resolve(root);
  const file = resolve(join(base, normalize(decoded)));
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return { body: await readFile(file), type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

export function readBody(req) {
  return new Promise((res, rej) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => res(Buffer.concat(chunks)));
    req.on('error', rej);
  });
}

/** Sends JSON (or a string with its own content type). */
export function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/**
 * @param {object} o
 * @param {string} [o.api]        origin of the reference server; /api/* and /ob/* go there
 * @param {string} [o.csp]        Content-Security-Policy for every HTML page
 * @param {Record<string,string>} [o.dirs]  extra URL prefix -> directory (e.g. { '/dist2/': dir })
 * @param {(req, res, url, body: Buffer) => Promise<boolean>|boolean} [o.handle]  answers a request itself when it returns true
 * @param {(url: URL, json: any) => any} [o.rewrite]  edits proxied JSON API responses
 */
export async function startHarness({ api, csp, dirs = {}, handle, rewrite } = {}) {
  const log = [];
  const mounts = {
    '/dist/': join(ROOT, 'dist'),
    '/pages/': join(ROOT, 'test/e2e/pages'),
    '/demo/': join(ROOT, 'demo'),
    ...dirs,
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const entry = { method: req.method, path: url.pathname, search: url.search, at: Date.now(), headers: req.headers };
    log.push(entry);
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
      entry.body = body.toString('utf8');
      if (handle && (await handle(req, res, url, body))) return;
      for (const [prefix, dir] of Object.entries(mounts)) {
        if (!url.pathname.startsWith(prefix)) continue;
        const f = await fileResponse(dir, url.pathname.slice(prefix.length));
        if (!f) break;
        const headers = { 'content-type': f.type, 'cache-control': 'no-store' };
        if (csp && f.type.startsWith('text/html')) headers['content-security-policy'] = csp;
        res.writeHead(200, headers);
        res.end(f.body);
        return;
      }
      if (api && (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ob/'))) {
        const ac = new AbortController();
        res.on('close', () => ac.abort());
        const fwd = {};
        for (const h of ['authorization', 'content-type', 'idempotency-key', 'accept', 'if-none-match']) if (req.headers[h]) fwd[h] = req.headers[h];
        const r = await fetch(api + url.pathname + url.search, { method: req.method, headers: fwd, body: body.length ? body : undefined, signal: ac.signal });
        const headers = {};
        r.headers.forEach((v, k) => {
          if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'etag'].includes(k)) headers[k] = v;
        });
        headers['cache-control'] = 'no-store';
        const type = r.headers.get('content-type') ?? '';
        if (rewrite && /json/.test(type) && url.pathname.startsWith('/api/')) {
          const json = rewrite(url, await r.json());
          res.writeHead(r.status, headers);
          res.end(JSON.stringify(json));
          return;
        }
        res.writeHead(r.status, headers);
        if (!r.body) return res.end();
        Readable.fromWeb(r.body).on('error', () => res.destroy()).pipe(res);
        return;
      }
      send(res, 404, { title: 'Not Found', status: 404, detail: `harness: nothing at ${url.pathname}` }, { 'content-type': 'application/problem+json' });
    } catch (e) {
      if (!res.headersSent) send(res, 502, { title: 'Bad Gateway', status: 502, detail: String(e) }, { 'content-type': 'application/problem+json' });
      else res.destroy();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    log,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

/** Demo tokens from the reference server, by user id. */
export async function demoToken(apiOrigin, user) {
  const r = await fetch(`${apiOrigin}/api/demo/token?user=${encodeURIComponent(user)}`);
  if (!r.ok) throw new Error(`demo token for ${user}: HTTP ${r.status}`);
  return (await r.json()).token;
}

export async function demoUsers(apiOrigin) {
  return (await fetch(`${apiOrigin}/api/demo/users`)).json();
}

/** Waits until every named element has set its first-content mark. */
export async function waitForMarks(page, tags, timeout = 30_000) {
  for (const tag of tags) {
    await page.waitForFunction((t) => performance.getEntriesByName(`confab:${t}:first-content`).length > 0, tag, { timeout });
  }
}
