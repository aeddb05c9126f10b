// The fetcher behind POST /v1/verify. It must not become an SSRF hole:
// - https only (http too in demo mode);
// - the host's addresses are checked AFTER DNS resolution, and the connection uses exactly the checked
//   address (no second lookup, no rebinding); loopback/private/link-local/etc. are refused unless the
//   host is named in CONFAB_VERIFY_ALLOW;
// - a size limit and a timeout; redirects followed by hand (at most 3) under the same rules.
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { FetchText } from '../../../src/openbadges/ob3/index.js';
import { Ob3FetchError } from '../../../src/openbadges/ob3/index.js';
import { FetchError, type FetchJson } from './verify.js';

export interface SafeFetchOptions {
  allowHttp: boolean;
  /** Hostnames (lower case, optionally host:port) allowed even when they resolve to private addresses. */
  allowHosts: string[];
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

const blocked = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net6, prefix, 'ipv6');

/** True when the address is not a public unicast address. */
export function isPrivateAddress(addr: string): boolean {
  const fam = net.isIP(addr);
  if (fam === 4) return blocked.check(addr, 'ipv4');
  if (fam === 6) {
    const lower = addr.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return blocked.check(mapped[1], 'ipv4');
    // ::ffff:7f00:1 style
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
    if (hexMapped) {
      const hi = parseInt(hexMapped[1], 16), lo = parseInt(hexMapped[2], 16);
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return blocked.check(lower, 'ipv6');
  }
  return true;
}

function checkUrl(raw: string, o: SafeFetchOptions): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('blocked-url', 'not a URL');
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && o.allowHttp)) {
    throw new FetchError('blocked-url', `${u.protocol.replace(':', '')} is not allowed`);
  }
  if (u.username || u.password) throw new FetchError('blocked-url', 'credentials in URLs are not allowed');
  return u;
}

function allowedHost(u: URL, o: SafeFetchOptions) {
  const host = u.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return o.allowHosts.includes(host) || o.allowHosts.includes(u.host.toLowerCase());
}

/** What a POST sends (webhooks); a GET sends nothing. */
interface Outgoing {
  headers: Record<string, string>;
  body: string;
}

/** One request, without redirects; returns status, location and the (bounded) body. */
function requestOnce(u: URL, o: SafeFetchOptions, accept: string, post?: Outgoing): Promise<{ status: number; location?: string; body: string }> {
  const exempt = allowedHost(u, o);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !exempt && isPrivateAddress(host)) {
    return Promise.reject(new FetchError('blocked-url', `${host} is a private or local address`));
  }
  const lookup: net.LookupFunction = (hostname, options, cb) => {
    dnsLookup(hostname, { ...options, all: true }, (err, list) => {
      // Errors go back alone, as dns.lookup itself passes them; @types/node wants an address with them too.
      const fail = cb as (err: Error) => void;
      if (err) return fail(err);
      if (!list.length) return fail(new Error('no address'));
      if (!exempt) {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad) return fail(new FetchError('blocked-url', `${hostname} resolves to a private or local address (${bad.address})`));
      }
      // Node >= 20 may ask for all addresses (autoSelectFamily); answer in the form requested.
      if (options?.all) return cb(null, list);
      return cb(null, list[0].address, list[0].family);
    });
  };
  const maxBytes = o.maxBytes ?? 512 * 1024;
  return new Promise((resolve, reject) => {
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      post
        ? { method: 'POST', lookup, headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) }, timeout: o.timeoutMs ?? 5000 }
        : { method: 'GET', lookup, headers: { accept, 'user-agent': 'confab-verifier/1' }, timeout: o.timeoutMs ?? 5000 },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ status, location: res.headers.location, body: '' });
        }
        const len = Number(res.headers['content-length'] ?? 0);
        if (len > maxBytes) {
          res.destroy();
          return reject(new FetchError('unreachable', `response larger than ${maxBytes} bytes`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (ch: Buffer) => {
          size += ch.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new FetchError('unreachable', `response larger than ${maxBytes} bytes`));
          } else chunks.push(ch);
        });
        res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => reject(e instanceof FetchError ? e : new FetchError('unreachable', e.message)));
      },
    );
    const timer = setTimeout(() => req.destroy(new FetchError('unreachable', 'timed out')), o.timeoutMs ?? 5000);
    req.on('timeout', () => req.destroy(new FetchError('unreachable', 'timed out')));
    req.on('error', (e) => reject(e instanceof FetchError ? e : new FetchError('unreachable', e.message)));
    req.on('close', () => clearTimeout(timer));
    req.end(post?.body);
  });
}

/** GETs `raw` under the rules above, following redirects by hand; the body as text with the final address. */
async function fetchFollowing(raw: string, o: SafeFetchOptions, accept: string): Promise<{ status: number; url: string; body: string }> {
  let url = checkUrl(raw, o);
  for (let hop = 0; ; hop++) {
    const r = await requestOnce(url, o, accept);
    if (r.status >= 300 && r.status < 400) {
      if (!r.location) throw new FetchError('unreachable', `redirect without a location`);
      if (hop >= (o.maxRedirects ?? 3)) throw new FetchError('unreachable', 'too many redirects');
      url = checkUrl(new URL(r.location, url).toString(), o);
      continue;
    }
    return { status: r.status, url: url.href, body: r.body };
  }
}

/** The Open Badges 2.0 verifier's fetcher: JSON-LD documents. */
export function safeFetchJson(o: SafeFetchOptions): FetchJson {
  return async (raw) => {
    const r = await fetchFollowing(raw, o, 'application/ld+json, application/json');
    let json: unknown = null;
    try {
      json = r.body ? JSON.parse(r.body) : null;
    } catch {
      json = null;
    }
    // The final address: the verifier accepts a document whose id is where a redirect led.
    return { status: r.status, url: r.url, json };
  };
}

/** The Open Badges 3.0 verifier's fetcher: credentials, DID documents, key sets and status lists, as text. */
export function safeFetchText(o: SafeFetchOptions): FetchText {
  return async (raw, { accept }) => {
    try {
      return await fetchFollowing(raw, o, accept);
    } catch (e) {
      if (e instanceof FetchError) throw new Ob3FetchError(e.kind, e.message);
      throw e;
    }
  };
}

/**
 * One POST under the same rules (webhook deliveries): the checked address only, a timeout, a bounded
 * answer, and no redirects followed (a 3xx is the receiver's answer, recorded as such).
 */
export function safePost(o: SafeFetchOptions): (url: string, post: Outgoing) => Promise<{ status: number; body: string }> {
  return async (raw, post) => {
    const r = await requestOnce(checkUrl(raw, o), o, '*/*', post);
    return { status: r.status, body: r.body };
  };
}
