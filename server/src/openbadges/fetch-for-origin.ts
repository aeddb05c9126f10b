// The verifier's fetcher for one request: this server's own /ob/ documents are answered in-process
// (no loopback HTTP, no SSRF rule to bend); every other URL goes to the outside fetcher.
import type { FetchText } from '../../../src/openbadges/ob3/index.js';
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

/**
 * This server's own badge documents: the 2.0 documents and 3.0 credentials under /ob/, and its did:web
 * document. By host, not origin: a did:web always resolves to https, also for a server whose public
 * address is http (a demo, a test), and either way the documents are this server's own.
 */
const isOwnDocument = (u: URL, origin: string) => u.host === new URL(origin).host && (u.pathname.startsWith('/ob/') || u.pathname === '/.well-known/did.json');

/** The OB 3.0 verifier's fetcher for one request, on the same rule: own documents in-process, others outside. */
export function fetchTextForOrigin(origin: string, local: (url: string, accept: string) => Promise<Response>, outside: FetchText): FetchText {
  return async (url, opts) => {
    let u: URL | null = null;
    try {
      u = new URL(url);
    } catch {
      /* the fetcher refuses it */
    }
    if (u && isOwnDocument(u, origin)) {
      const r = await local(u.toString(), opts.accept);
      return { status: r.status, url: u.toString(), body: await r.text() };
    }
    return outside(url, opts);
  };
}
