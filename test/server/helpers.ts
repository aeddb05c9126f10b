// Test harness: one database per test file (PGlite, or PostgreSQL when DATABASE_URL is set: see
// test-database.ts), the app built in-process, and a `call` that validates every response
// against the endpoint's contract schema (or the problem schema for errors).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { endpoints, Problem, type EndpointName } from '../../src/contract/index.js';
import { createApp, type AppOptions, type ConfabApp } from '../../server/src/app.js';
import { hs256Auth, type Auth } from '../../server/src/auth.js';
import type { Db } from '../../server/src/db.js';
import { openTestDatabase } from './test-database.js';

export const SECRET = 'test-secret-for-confab-server-tests';
export const ORIGIN = 'http://confab.test';

export interface TestEnv {
  db: Db;
  auth: Auth;
  confab: ConfabApp;
  /** PostgreSQL: the connection string of this env's database (a second pool or process connects here). */
  url: string | null;
  /** PostgreSQL: the schema this env's tables are in. */
  schema: string | null;
  /** Builds another app on the same database (e.g. with other config). */
  makeApp(o?: Partial<AppOptions>): ConfabApp;
  close(): Promise<void>;
}

export async function setupTestEnv(name: string, o: Partial<AppOptions> = {}): Promise<TestEnv> {
  const { db, url, schema, dispose } = await openTestDatabase(name);
  const auth = hs256Auth(SECRET, true);
  const makeApp = (more: Partial<AppOptions> = {}) =>
    createApp({
      db,
      auth,
      ...o,
      ...more,
      config: {
        publicUrl: ORIGIN,
        rateLimit: { max: 10_000, windowMs: 60_000 },
        channel: `confab_events_${schema ?? 'mem'}`,
        heartbeatMs: 15_000,
        allowedOrigins: ['https://portal.example'],
        ...o.config,
        ...more.config,
      },
    });
  const confab = makeApp();
  return {
    db, auth, confab, url, schema, makeApp,
    async close() {
      await confab.close();
      await dispose();
    },
  };
}

export interface Who {
  id: string;
  name?: string;
  org?: string | null;
  tier?: string | null;
  roles?: string[];
}

export const PEOPLE = {
  ava: { id: 'p-ava', name: 'Ava Lindqvist', org: 'org-northwind', tier: 'platinum', roles: ['technical'] },
  ben: { id: 'p-ben', name: 'Ben Okafor', org: 'org-stark', tier: 'registered', roles: ['sales'] },
  chloe: { id: 'p-chloe', name: 'Chloe Martin', org: 'org-globex', tier: 'gold', roles: ['marketing'] },
  devi: { id: 'p-devi', name: 'Devi Raman', org: 'org-initech', tier: 'silver', roles: ['technical'] },
  morgan: { id: 'p-morgan', name: 'Morgan Reyes', org: 'org-acme', tier: 'platinum', roles: ['vendor-staff', 'moderator'] },
  victor: { id: 'p-victor', name: 'Victor Hale', org: 'org-acme', tier: 'platinum', roles: ['vendor-staff'] },
  sam: { id: 'p-sam', name: 'Sam Novak', org: 'org-umbrella', tier: 'gold', roles: ['sales', 'moderator'] },
} satisfies Record<string, Who>;

const tokens = new Map<string, string>();
export async function tokenFor(env: TestEnv, who: Who): Promise<string> {
  const k = JSON.stringify(who);
  if (!tokens.has(k)) tokens.set(k, await env.auth.sign!({ id: who.id, name: who.name ?? who.id, org: who.org ?? null, tier: who.tier ?? null, roles: who.roles ?? [] }));
  return tokens.get(k)!;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
  rawBody?: string;
  as?: Who;
  token?: string;
  headers?: Record<string, string>;
  app?: ConfabApp;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function pathFor(name: EndpointName, params: Record<string, string> = {}, query?: Record<string, string | string[]>) {
  const ep = endpoints[name];
  let p = '/api' + ep.path.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(params[k] ?? assert.fail(`missing param ${k}`)));
  if (query) {
    const sp = new URLSearchParams();
    for (const [k, val] of Object.entries(query)) for (const x of Array.isArray(val) ? val : [val]) sp.append(k, x);
    const s = sp.toString();
    if (s) p += '?' + s;
  }
  return p;
}

/** Checks an error response: problem+json, the right status, the problem shape, no stack trace. */
export async function expectProblem(res: Response, status: number) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  v.parse(Problem, body);
  assert.equal(body.status, status);
  assert.doesNotMatch(text, /at \w+ \(|node_modules|\.ts:\d+/);
  return body;
}

export async function call<N extends EndpointName>(env: TestEnv, name: N, o: CallOptions = {}): Promise<CallResult> {
  const ep = endpoints[name];
  const headers: Record<string, string> = { ...o.headers };
  const token = o.token ?? (o.as ? await tokenFor(env, o.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (o.rawBody !== undefined) body = o.rawBody;
  else if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const app = (o.app ?? env.confab).app;
  const res = await app.request(ORIGIN + pathFor(name, o.params, o.query), { method: ep.method, headers, body });
  if (res.status >= 400) return { status: res.status, body: await expectProblem(res, res.status), headers: res.headers };
  if (res.status === 204 || res.status === 304) {
    assert.equal(await res.text(), '');
    return { status: res.status, body: undefined, headers: res.headers };
  }
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const json = await res.json();
  if ('response' in ep && ep.response) {
    const r = v.safeParse(ep.response, json);
    assert.ok(r.success, `${name} response does not match the contract: ${JSON.stringify(r.issues?.map((i) => [i.path?.map((p: any) => p.key).join('.'), i.message]))}`);
  }
  return { status: res.status, body: json, headers: res.headers };
}

export async function raw(env: TestEnv, path: string, init: RequestInit = {}, app?: ConfabApp) {
  return (app ?? env.confab).app.request(ORIGIN + path, init);
}

/**
 * Accumulates a streamed body (e.g. SSE) as text. `until(pred, ms)` reads until `pred(text)` holds, and
 * throws after `ms` even when nothing arrives. One read stays pending across polls and calls: a read
 * abandoned when the poll tick won would otherwise swallow the next chunk.
 */
export function streamText(body: ReadableStream<Uint8Array>, defaultMs = 5000) {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const until = async (pred: (b: string) => boolean, ms = defaultMs) => {
    const t0 = Date.now();
    while (!pred(buf)) {
      if (Date.now() - t0 > ms) throw new Error(`timed out; got: ${buf}`);
      const read = (pending ??= reader.read());
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = new Promise<'tick'>((r) => (timer = setTimeout(() => r('tick'), 200)));
      const res = await Promise.race([read, tick]);
      clearTimeout(timer);
      if (res === 'tick') continue;
      pending = undefined;
      if (res.done) break;
      buf += dec.decode(res.value, { stream: true });
    }
    return buf;
  };
  return { reader, until, get text() { return buf; } };
}

/** One request a webhook receiver got. */
export interface ReceivedHook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A webhook endpoint for the delivery tests: a real node:http server on 127.0.0.1 (what
 * CONFAB_WEBHOOK_ALLOW lets through in tests) that records every request in `received`. `status`
 * says what to answer each one with (default 200); `port` picks the port (default: a free one), so that
 * a test can bring an endpoint that was down back up at its registered URL. `close()` stops it.
 */
export async function webhookReceiver(status: () => number = () => 200, port = 0) {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body });
      res.writeHead(status()).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections(); // the sender's keep-alive connections would hold close() open
      }),
  };
}

/**
 * The live notification stream of the partner `ticket` was issued to, opened and read up to its
 * `: connected` comment (so nothing sent afterwards is missed). `close()` aborts it.
 */
export async function notificationStream(env: TestEnv, ticket: string) {
  const ac = new AbortController();
  const res = await env.confab.app.request(`${ORIGIN}/api/v1/notifications/events?ticket=${encodeURIComponent(ticket)}`, { signal: ac.signal });
  assert.equal(res.status, 200);
  const s = streamText(res.body!);
  const close = async () => {
    ac.abort();
    await s.reader.cancel().catch(() => {});
  };
  try {
    await s.until((b) => b.includes(': connected'));
  } catch (e) {
    await close();
    throw e;
  }
  return { until: s.until, close };
}

/** Runs `fn` with `console[kind]` recorded instead of printed; resolves to the recorded lines. */
export async function consoleLines(kind: 'error' | 'warn', fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const original = console[kind];
  console[kind] = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    await fn();
  } finally {
    console[kind] = original;
  }
  return lines;
}
