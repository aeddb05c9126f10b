// A small, safe static file handler (no directory listing, no path escape).
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.ts': 'text/plain; charset=utf-8',
};

/** A weak validator from the file's size and modification time: changes with every build, costs no read. */
const tagOf = (size: number, mtimeMs: number) => `W/"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;

/** If-None-Match (weak comparison, RFC 9110 13.1.2) names `tag`, or is `*`. */
const matches = (inm: string | undefined, tag: string) =>
  !!inm && inm.split(',').some((t) => (t = t.trim()) === '*' || t.replace(/^W\//, '') === tag.slice(2));

/**
 * The file under `root` at `urlPath`, or null when there is none (or the path leaves `root`). Every file
 * is `no-cache` with a validator (ETag and Last-Modified), so a returning browser asks and gets a body-less
 * 304 while the file is unchanged: the loader (confab.js), which keeps its name across releases, and the
 * portal's pages are revalidated, not downloaded again. `ifNoneMatch` is the request's If-None-Match.
 */
export async function serveFile(root: string, urlPath: string, ifNoneMatch?: string): Promise<Response | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const base = resolve(root);
  let file = resolve(join(base, normalize(rel)));
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    let s = await stat(file);
    if (s.isDirectory()) {
      file = join(file, 'index.html');
      s = await stat(file);
    }
    if (!s.isFile()) return null;
    const etag = tagOf(s.size, s.mtimeMs);
    const headers = {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      etag,
      'last-modified': s.mtime.toUTCString(),
    };
    // A 304 keeps the validators and caching headers of the 200 it stands for (RFC 9110 15.4.5).
    if (matches(ifNoneMatch, etag)) {
      return new Response(null, { status: 304, headers: { 'cache-control': headers['cache-control'], etag, 'last-modified': headers['last-modified'] } });
    }
    return new Response(await readFile(file), { headers });
  } catch {
    return null;
  }
}
