// A small, safe static file handler (no directory listing, no path escape).
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contentTag, namesTag } from './validators.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.ts': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` at `urlPath`, or null when there is none (or the path leaves `root`). Every file
 * is `no-cache` with a validator, a strong ETag of its bytes (they are read anyway, and these files are a
 * few KB), so a returning browser asks and gets a body-less
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
    // Not a tag from size and modification time: `npm pack` stamps every file 1985-10-26, and a release
    // often leaves the loader (a map of fixed-length hashed chunk names) the same size, so a browser
    // holding the last release's loader would get a 304 and then 404s for every chunk it names.
    const body = await readFile(file);
    const etag = contentTag(body);
    const headers = {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      etag,
    };
    // A 304 keeps the validator and caching headers of the 200 it stands for (RFC 9110 15.4.5).
    if (namesTag(ifNoneMatch, etag)) return new Response(null, { status: 304, headers: { 'cache-control': headers['cache-control'], etag } });
    return new Response(body, { headers });
  } catch {
    return null;
  }
}
