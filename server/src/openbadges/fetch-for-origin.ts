// The verifier's fetcher for one request: this server's own /ob/ documents are answered in-process
// (no loopback HTTP, no SSRF rule to bend); every other URL goes to the outside fetcher.
import type { FetchJson } from './verify.js';

/** `local` answers a request to this server, e.g. `(url) => app.request(url)`. */
export function fetchForOrigin(origin: string, local: (url: string) => Promise<Response>, outside: FetchJson): FetchJson {
  return async (url) => {
    let u: URL | null = null;
    try {
      u = new URL(url);
    } catch {
      /* the fetcher refuses it */
    }
    if (u && u.origin === origin && u.pathname.startsWith('/ob/')) {
      const r = await local(u.toString());
      let json: unknown = null;
      try {
        json = await r.json();
      } catch {
        json = null;
      }
      return { status: r.status, json };
    }
    return outside(url);
  };
}
