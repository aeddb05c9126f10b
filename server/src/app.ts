// The Hono app factory: createApp({ db, auth, config }) builds the whole server in-process.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import * as v from 'valibot';
import { endpoints, describeIssues, type EndpointName, type LiveEvent } from '../../src/contract/index.js';
import type { Auth, User } from './auth.js';
import type { Db, Queryable } from './db.js';
import type { Config, Ctx, Handler } from './context.js';
import { createEventBus, eventId, type EventBus } from './events.js';
import type { BadgeClassRow, CertificationRow, DemoPersonRow, IdempotencyRow, PersonRow } from './rows.js';
import { HttpError, problemFromError, problemResponse } from './problem.js';
import { buildOpenApi } from './openapi.js';
import { serveFile } from './static.js';
import { RateLimiter } from './middlewares/rate-limit.js';
import * as threads from './handlers/threads.js';
import * as questions from './handlers/questions.js';
import * as certs from './handlers/certifications.js';
import * as misc from './handlers/misc.js';
import * as search from './handlers/search.js';
import { assertionDoc, badgeDoc, badgeSvg, issuerDoc } from './openbadges/documents.js';
import { safeFetchJson } from './openbadges/fetch.js';
import type { FetchJson } from './openbadges/verify.js';

export const handlers: { [N in EndpointName]: Handler<N> } = {
  listThreads: threads.listThreads,
  getThread: threads.getThread,
  listPosts: threads.listPosts,
  createThread: threads.createThread,
  replyToThread: threads.replyToThread,
  updateThread: threads.updateThread,
  deleteThread: threads.deleteThread,
  updatePost: threads.updatePost,
  deletePost: threads.deletePost,
  listQuestions: questions.listQuestions,
  similarQuestions: questions.similarQuestions,
  getQuestion: questions.getQuestion,
  listAnswers: questions.listAnswers,
  askQuestion: questions.askQuestion,
  answerQuestion: questions.answerQuestion,
  acceptAnswer: questions.acceptAnswer,
  voteQuestion: questions.voteQuestion,
  voteAnswer: questions.voteAnswer,
  recordDeflection: questions.recordDeflection,
  updateQuestion: questions.updateQuestion,
  deleteQuestion: questions.deleteQuestion,
  updateAnswer: questions.updateAnswer,
  deleteAnswer: questions.deleteAnswer,
  searchArticles: search.searchArticles,
  getArticle: search.getArticle,
  sendArticleFeedback: search.sendArticleFeedback,
  listCertifications: certs.listCertifications,
  getCertification: certs.getCertification,
  verifyCertification: certs.verifyCertification,
  verifyAssertion: certs.verifyAnyAssertion,
  me: misc.me,
  stats: misc.stats,
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const list = (s?: string) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  return {
    publicUrl: env.CONFAB_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    requireAuth: env.CONFAB_REQUIRE_AUTH === '1',
    allowedOrigins: list(env.CONFAB_ALLOWED_ORIGINS),
    rateLimit: { max: Number(env.CONFAB_RATE_LIMIT ?? 300), windowMs: Number(env.CONFAB_RATE_WINDOW_MS ?? 60_000) },
    maxBodyBytes: 256 * 1024,
    heartbeatMs: Number(env.CONFAB_HEARTBEAT_MS ?? 15_000),
    channel: env.CONFAB_EVENTS_CHANNEL ?? 'confab_events',
    production: env.NODE_ENV === 'production',
    issuerName: env.CONFAB_ISSUER_NAME ?? 'Acme Partner Program',
    issuerEmail: env.CONFAB_ISSUER_EMAIL ?? 'partners@acme.example',
    verifyAllow: list(env.CONFAB_VERIFY_ALLOW).map((h) => h.toLowerCase()),
  };
}

export interface AppOptions {
  db: Db;
  auth: Auth;
  config?: Partial<Config>;
  /** Directories served by main.ts: the demo portal at `/` and the bundles at `/dist/`. */
  staticDirs?: { demo?: string; dist?: string };
  /** Replaces the SSRF-safe fetcher for POST /v1/verify (tests). */
  fetchJson?: FetchJson;
}

export interface ConfabApp {
  app: Hono;
  bus: EventBus;
  config: Config;
  close(): Promise<void>;
}

type Env = { Variables: { user: User | null } };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function flatQuery(c: Context): Record<string, string | string[]> {
  const all = c.req.queries();
  const out: Record<string, string | string[]> = {};
  for (const [k, vals] of Object.entries(all)) out[k] = vals.length === 1 ? vals[0] : vals;
  return out;
}

function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const xf = c.req.header('x-forwarded-for');
    if (xf) return xf.split(',')[0].trim();
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

export function createApp(opts: AppOptions): ConfabApp {
  const config: Config = { ...configFromEnv(), ...opts.config } as Config;
  const { db, auth } = opts;
  const bus = createEventBus(db, config.channel);
  // Remember events for replay from the start, not from this process's first SSE client on.
  bus.start().catch((e: unknown) => console.error('[confab] could not listen for live events yet; retrying with the first SSE client:', e instanceof Error ? e.message : e));
  const limiter = new RateLimiter(config.rateLimit.max, config.rateLimit.windowMs);
  const trustProxy = process.env.CONFAB_TRUST_PROXY === '1';
  const app = new Hono<Env>();
  const originOf = (c: Context) => config.publicUrl ?? new URL(c.req.url).origin;

  app.onError((err, c) => problemFromError(err, c));
  app.notFound((c) => problemResponse(404, 'Not Found', `Nothing at ${c.req.method} ${c.req.path}.`));

  // CORS: the API only for configured origins; Open Badges documents for every verifier.
  app.use(
    '/api/*',
    cors({
      origin: (o) => (config.allowedOrigins.includes(o) || config.allowedOrigins.includes('*') ? o : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'],
      exposeHeaders: ['ETag', 'Retry-After', 'Location', 'Idempotency-Replayed'],
      maxAge: 600,
    }),
  );
  app.use('/ob/*', cors({ origin: '*', allowMethods: ['GET'] }));

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: () => problemResponse(413, 'Payload Too Large', `A request body may be at most ${config.maxBodyBytes / 1024} KB.`),
    }),
  );

  // Token -> user. A bad token is a 401 even on reads, so the client refreshes it.
  app.use('/api/*', async (c, next) => {
    let h = c.req.header('authorization');
    // EventSource cannot send headers: the events stream (only) takes the token as ?access_token=.
    if (!h && c.req.path === '/api/v1/events') {
      const t = c.req.query('access_token');
      if (t) h = `Bearer ${t}`;
    }
    let user: User | null = null;
    if (h) {
      const m = /^Bearer\s+(\S+)$/i.exec(h);
      if (!m) throw new HttpError(401, 'Unauthorized', 'Use an "Authorization: Bearer <token>" header.', undefined, { 'www-authenticate': 'Bearer' });
      try {
        user = await auth.verify(m[1]);
      } catch {
        throw new HttpError(401, 'Unauthorized', 'The token is invalid or expired.', undefined, {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
      }
    }
    c.set('user', user);
    await next();
  });

  // ETag + If-None-Match for reads.
  const etag = async (c: Context, next: () => Promise<void>) => {
    await next();
    if (c.req.method !== 'GET' || (c.res.status !== 200 && c.res.status !== 410)) return;
    const ct = c.res.headers.get('content-type') ?? '';
    if (!/json|svg/.test(ct)) return;
    const buf = Buffer.from(await c.res.clone().arrayBuffer());
    const tag = `"${createHash('sha256').update(buf).digest('base64url').slice(0, 27)}"`;
    const cache = c.req.path.startsWith('/ob/') ? 'public, max-age=60, must-revalidate' : 'private, no-cache';
    const inm = c.req.header('if-none-match');
    if (c.res.status === 200 && inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)) {
      const headers = new Headers(c.res.headers);
      headers.delete('content-type');
      headers.delete('content-length');
      headers.set('etag', tag);
      headers.set('cache-control', cache);
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    c.res.headers.set('etag', tag);
    c.res.headers.set('cache-control', cache);
    c.res.headers.append('vary', 'Authorization');
  };
  app.use('/api/*', etag);
  app.use('/ob/*', etag);

  // Fetches a hosted document; this server's own /ob/ documents are answered in-process.
  const outside =
    opts.fetchJson ??
    safeFetchJson({ allowHttp: !config.production, allowHosts: config.verifyAllow, maxBytes: 512 * 1024, timeoutMs: 5000 });
  const fetchFor = (origin: string): FetchJson => async (url) => {
    let u: URL | null = null;
    try {
      u = new URL(url);
    } catch {
      /* the fetcher refuses it */
    }
    if (u && u.origin === origin && u.pathname.startsWith('/ob/')) {
      const r = await app.request(u.toString());
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

  app.get('/api/health', async (c) => {
    await db.query('SELECT 1');
    return c.json({ ok: true, db: db.kind, demo: auth.demo });
  });
  let openapiCache: unknown = null;
  app.get('/api/openapi.json', (c) => c.json((openapiCache ??= buildOpenApi())));

  // Demo mode helpers.
  if (auth.demo && auth.sign) {
    const sign = auth.sign;
    app.get('/api/demo/users', async (c) => {
      const { rows } = await db.query<Pick<PersonRow, 'id' | 'name' | 'org_id' | 'org_name' | 'tier' | 'roles'>>(
        `SELECT p.id, p.name, p.org_id, COALESCE(o.name, p.org_name) AS org_name, p.tier, p.roles
         FROM people p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.demo ORDER BY (p.id ~ '^p-[0-9]'), p.id`,
      );
      return c.json(
        rows.map((r) => ({ id: r.id, name: r.name, org: r.org_id ? { id: r.org_id, name: r.org_name ?? r.org_id } : null, tier: r.tier ?? null, roles: r.roles ?? [] })),
      );
    });
    app.get('/api/demo/token', async (c) => {
      const id = c.req.query('user') ?? '';
      const { rows } = await db.query<DemoPersonRow>(`SELECT p.*, o.name AS oname FROM people p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.id = $1 AND p.demo`, [id]);
      const p = rows[0];
      if (!p) throw new HttpError(404, 'Not Found', 'No demo person with that id.', [{ path: 'user', message: 'unknown demo user' }]);
      return c.json({ token: await sign({ id: p.id, name: p.name, org: p.org_id, orgName: p.oname ?? p.org_name, tier: p.tier, roles: p.roles ?? [] }) });
    });
  }

  // SSE live events.
  app.get('/api/v1/events', async (c) => {
    if (config.requireAuth && !c.get('user')) throw new HttpError(401, 'Unauthorized', 'Sign in to follow live updates.');
    const category = c.req.query('category');
    // EventSource sends Last-Event-ID when it reconnects by itself; a client opening a new stream after
    // giving up passes it as ?lastEventId= (headers cannot be set on EventSource).
    const lastId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    const wanted = (e: LiveEvent) => !category || e.category === category;
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    // Subscribed before the response starts: once a client sees the stream open, it hears every
    // event from then on (the callback below always runs, and unsubscribes in its finally).
    const unsub = await bus.subscribe((e) => {
      if (!wanted(e)) return;
      queue.push(e);
      wake?.();
    });
    return streamSSE(c, async (stream) => {
      // Subscribed first, then the missed events: an event in both is sent once.
      if (lastId) {
        const missed = bus.since(lastId).filter(wanted);
        const queued = new Set(queue.map(eventId));
        queue.unshift(...missed.filter((e) => !queued.has(eventId(e))));
      }
      let closed = false;
      const stop = () => {
        closed = true;
        wake?.();
      };
      stream.onAbort(stop);
      c.req.raw.signal?.addEventListener('abort', stop);
      // The client may have gone while we were subscribing.
      if (stream.aborted || stream.closed || c.req.raw.signal?.aborted) closed = true;
      const hb = setInterval(() => {
        if (stream.aborted || stream.closed) return stop();
        stream.write(': heartbeat\n\n').catch(stop);
      }, config.heartbeatMs);
      try {
        await stream.write(': connected\n\n');
        while (!closed) {
          while (queue.length) {
            const e = queue.shift()!;
            await stream.writeSSE({ event: e.type, data: JSON.stringify(e), id: eventId(e) });
          }
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = null;
        }
      } finally {
        clearInterval(hb);
        unsub();
      }
    });
  });

  // The v1 contract, straight from the endpoint table.
  for (const [name, ep] of Object.entries(endpoints) as [EndpointName, (typeof endpoints)[EndpointName]][]) {
    // The table pairs each name with its own handler, and the query and body below are validated with
    // this endpoint's schemas; TypeScript cannot follow that pairing through the loop variable.
    const handler = handlers[name] as (ctx: Ctx) => Promise<unknown>;
    const path = '/api' + ep.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(ep.method, path, async (c) => {
      const user = c.get('user');
      if (!user && (ep.auth === 'write' || config.requireAuth)) {
        throw new HttpError(401, 'Unauthorized', 'Sign in to do this.', undefined, { 'www-authenticate': 'Bearer' });
      }
      let query: unknown = {};
      if ('query' in ep && ep.query) {
        const r = v.safeParse(ep.query, flatQuery(c));
        if (!r.success) throw new HttpError(400, 'Bad Request', 'The query is not valid.', describeIssues(r.issues));
        query = r.output;
      }
      let body: unknown = undefined;
      let rawBody = '';
      if ('body' in ep && ep.body) {
        const ct = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
        if (ct !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(ct)) {
          throw new HttpError(415, 'Unsupported Media Type', 'Send the body as application/json.');
        }
        rawBody = await c.req.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(rawBody);
        } catch {
          throw new HttpError(400, 'Bad Request', 'The body is not valid JSON.', [{ path: '(root)', message: 'is not valid JSON' }]);
        }
        const r = v.safeParse(ep.body, parsed);
        if (!r.success) throw new HttpError(422, 'Unprocessable Content', 'The request is not valid.', describeIssues(r.issues));
        body = r.output;
      }
      const ip = clientIp(c, trustProxy);
      const origin = originOf(c);
      const ctxBase = {
        db, user, params: c.req.param() as Record<string, string>, query: query as Ctx['query'], body: body as Ctx['body'], ip, origin, config,
        fetchJson: fetchFor(origin),
      };
      const send = (status: number, out: unknown, replay = false) => {
        const headers: Record<string, string> = replay ? { 'idempotency-replayed': 'true' } : {};
        if (out === undefined) return c.body(null, 204, headers);
        return c.json(out as object, status as 200, headers);
      };

      // GETs, and POST /v1/verify (which writes nothing but fetches documents, possibly from this very
      // server: holding PGlite's single connection in a transaction meanwhile would deadlock), run outside a transaction.
      if (ep.method === 'GET' || name === 'verifyAssertion') {
        if (ep.method !== 'GET') {
          const wait = limiter.hit([user ? `u:${user.id}` : null, `ip:${clientIp(c, trustProxy)}`]);
          if (wait > 0) throw new HttpError(429, 'Too Many Requests', 'Slow down a little and try again.', undefined, { 'retry-after': String(Math.ceil(wait / 1000)) });
        }
        const out = await handler({ ...ctxBase, q: db, emit: async () => {} });
        return send(200, out);
      }

      // Writes: rate limit per user and per IP, then one transaction (with the idempotency key when given).
      const wait = limiter.hit([user ? `u:${user.id}` : null, `ip:${ip}`]);
      if (wait > 0) {
        throw new HttpError(429, 'Too Many Requests', 'Slow down a little and try again.', undefined, { 'retry-after': String(Math.ceil(wait / 1000)) });
      }
      const key = 'idempotent' in ep && ep.idempotent ? c.req.header('idempotency-key') : undefined;
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw new HttpError(400, 'Bad Request', 'The Idempotency-Key header must be 1-200 visible ASCII characters.', [
          { path: 'Idempotency-Key', message: 'is not a valid key' },
        ]);
      }
      const run = (q: Queryable) =>
        handler({
          ...ctxBase,
          q,
          emit: async (e) => {
            const ev: LiveEvent = { ...e, at: new Date().toISOString() };
            await q.query('SELECT pg_notify($1, $2)', [config.channel, JSON.stringify(ev)]);
          },
        });
      if (!key) {
        const out = await db.transaction(run);
        return send(200, out);
      }
      const owner = user ? user.id : `anon:${ip}`;
      const fingerprint = createHash('sha256').update(`${ep.method} ${c.req.path}\n${rawBody}`).digest('hex');
      const result = await db.transaction(async (tx) => {
        const ins = await tx.query(
          `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
          [owner, key, fingerprint],
        );
        if (!ins.rows.length) {
          // Someone used this key before; with PostgreSQL the INSERT above waited for that transaction to end.
          const { rows } = await tx.query<IdempotencyRow>(`SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [owner, key]);
          return { replay: rows[0] };
        }
        const out = await run(tx);
        const status = out === undefined ? 204 : 200;
        await tx.query(`UPDATE idempotency_keys SET status = $3, body = $4 WHERE user_id = $1 AND key = $2`, [
          owner, key, status, out === undefined ? null : JSON.stringify(out),
        ]);
        return { out };
      });
      if ('replay' in result) {
        const r = result.replay;
        if (!r || r.status == null) throw new HttpError(409, 'Conflict', 'A request with this Idempotency-Key is still in progress.');
        if (r.fingerprint !== fingerprint) {
          throw new HttpError(422, 'Unprocessable Content', 'This Idempotency-Key was already used for a different request.', [
            { path: 'Idempotency-Key', message: 'was used for a different request' },
          ]);
        }
        return send(Number(r.status), r.body == null ? undefined : JSON.parse(r.body), true);
      }
      return send(200, result.out);
    });
  }

  // Open Badges 2.0 hosted documents.
  app.get('/ob/issuer', (c) => c.json(issuerDoc(originOf(c), config), 200, { 'content-type': 'application/ld+json' }));
  app.get('/ob/badges/:id/image.svg', async (c) => {
    const { rows } = await db.query<Pick<BadgeClassRow, 'name' | 'color'>>(`SELECT name, color FROM badge_classes WHERE id = $1`, [c.req.param('id')]);
    if (!rows[0]) throw new HttpError(404, 'Not Found', 'No such badge.');
    return c.body(badgeSvg(rows[0]), 200, { 'content-type': 'image/svg+xml' });
  });
  app.get('/ob/badges/:id', async (c) => {
    const { rows } = await db.query<BadgeClassRow>(`SELECT * FROM badge_classes WHERE id = $1`, [c.req.param('id')]);
    if (!rows[0]) throw new HttpError(404, 'Not Found', 'No such badge.');
    return c.json(badgeDoc(originOf(c), rows[0]), 200, { 'content-type': 'application/ld+json' });
  });
  app.get('/ob/assertions/:id', async (c) => {
    const { rows } = await db.query<CertificationRow>(`SELECT * FROM certifications WHERE id = $1`, [c.req.param('id')]);
    if (!rows[0]) throw new HttpError(404, 'Not Found', 'No such assertion.');
    return c.json(assertionDoc(originOf(c), rows[0]), rows[0].revoked ? 410 : 200, { 'content-type': 'application/ld+json' });
  });

  // The demo portal and the built bundles (main.ts passes the directories).
  if (opts.staticDirs?.dist) {
    const dir = opts.staticDirs.dist;
    app.get('/dist/*', async (c) => (await serveFile(dir, c.req.path.slice('/dist'.length))) ?? c.notFound());
  }
  if (opts.staticDirs?.demo) {
    const dir = opts.staticDirs.demo;
    app.get('/*', async (c) => {
      if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/ob/')) return c.notFound();
      const r = await serveFile(dir, c.req.path);
      if (r) return r;
      if (c.req.path === '/') {
        return c.html(`<!doctype html><meta charset="utf-8"><title>Confab</title><h1>Confab reference backend</h1>
<p>The demo portal (demo/) is not there yet. The API lives at <a href="/api/openapi.json">/api/openapi.json</a>.</p>`);
      }
      return c.notFound();
    });
  }

  return {
    app: app as unknown as Hono,
    bus,
    config,
    close: () => bus.close(),
  };
}
