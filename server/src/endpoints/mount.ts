// The v1 contract, straight from the endpoint table: for each endpoint, one route that checks sign-in,
// validates the input, applies the write limit and runs the handler (writes in a transaction, with
// the Idempotency-Key when given).
import type { Context, Hono } from 'hono';
import { endpoints, type Endpoint, type EndpointName, type LiveEvent } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import type { Queryable } from '../db.js';
import { handlers } from '../handlers/index.js';
import type { AppEnv } from '../http-env.js';
import { checkIdempotencyKey, requestFingerprint, runOnce } from '../idempotency.js';
import { jsonWithEtag } from '../middlewares/etag.js';
import { enforceRateLimit } from '../middlewares/rate-limit.js';
import { gateWrite } from '../moderation/write-gate.js';
import { MENTIONING, withStoredNames } from '../notify/mention-names.js';
import { HttpError } from '../problem.js';
import { HandlerCtx, type EndpointDeps, type RequestParts } from './handler-ctx.js';
import { readBody, readQuery, type BodyInput } from './input.js';
import { paramCheck } from './path-check.js';

export function mountEndpoints(app: Hono<AppEnv>, deps: EndpointDeps): void {
  const table = Object.entries(endpoints) as [EndpointName, Endpoint][];
  const routes = table.map(([name, ep]): Route => {
    const path = '/api' + ep.path.replace(/\{(\w+)\}/g, ':$1');
    // Worked out once per route, not per request (issue 18): the handler, and whether the path has
    // parameters to decode at all.
    return {
      name,
      ep,
      path,
      // The table pairs each name with its own handler, and the query and body below are validated with
      // this endpoint's schemas; TypeScript cannot follow that pairing through the name.
      handler: handlers[name] as (ctx: Ctx) => Promise<unknown>,
      hasParams: path.includes('/:'),
      params: paramCheck(ep.path),
      literals: null,
    };
  });
  for (const [i, route] of routes.entries()) {
    const shadowing = routes.findIndex((r) => r.ep.method === route.ep.method && r.hasParams && !route.hasParams && templateMatches(r.path, route.path));
    if (shadowing >= 0) {
      // A literal path that a parameter route of the same method also matches (`/questions/similar`
      // beside `/questions/:id`): Hono's RegExpRouter refuses the pair (see app.ts), so the parameter
      // route answers it, handing it to the literal route exactly when the router used to: when the
      // literal comes first in the table (the first registered route that answers wins), matched on
      // the same decoded path the router compares.
      if (shadowing > i) (routes[shadowing].literals ??= new Map()).set(route.path, route);
      continue;
    }
    app.on(route.ep.method, route.path, (c) => serve(c, route.literals?.get(c.req.path) ?? route, deps));
  }
}

/** Whether `path` (no parameters) is one of the paths the template `/a/:id/b` matches. */
function templateMatches(template: string, path: string): boolean {
  const t = template.split('/');
  const p = path.split('/');
  return t.length === p.length && t.every((s, i) => s.startsWith(':') || s === p[i]);
}

interface Route {
  name: EndpointName;
  ep: Endpoint;
  /** The Hono path (`/api/v1/threads/:id`). */
  path: string;
  handler: (ctx: Ctx) => Promise<unknown>;
  hasParams: boolean;
  /** Validates the decoded path parameters (path-params.ts); null for a path without any. */
  params: ((params: Record<string, string>) => Record<string, string>) | null;
  /** The literal routes this parameter route answers for (see mountEndpoints), by path. */
  literals: Map<string, Route> | null;
}

/** An endpoint without a body (every GET): nothing to read. */
const NO_BODY: BodyInput = { body: undefined, rawBody: '' };
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});
const noEmit = async () => {};
const REPLAYED: Readonly<Record<string, string>> = Object.freeze({ 'idempotency-replayed': 'true' });

/**
 * The response to a handler's output. A module function rather than a closure made in `serve`: one
 * function object (and, under tsx, one `__name` call) fewer per request.
 */
function respond(c: Context<AppEnv>, ep: Endpoint, status: number, out: unknown, replayed = false): Response {
  if (out === undefined) return c.body(null, 204, replayed ? { ...REPLAYED } : {});
  // A text endpoint (the CSV export) returns its text as is, with its own media type.
  if (ep.mediaType) return c.body(String(out), status as 200, { ...(replayed ? REPLAYED : {}), 'content-type': `${ep.mediaType}; charset=utf-8` });
  // A read is serialised once, here, and its ETag hashed from that same text (no second read of the body).
  if (c.req.method === 'GET' && status === 200) return jsonWithEtag(c, JSON.stringify(out));
  return c.json(out as object, status as 200, replayed ? { ...REPLAYED } : {});
}

async function serve(c: Context<AppEnv>, route: Route, deps: EndpointDeps): Promise<Response> {
  const { db, config, limiter } = deps;
  const { name, ep, handler } = route;
  const user = c.get('user');
  if (!user && (ep.auth === 'write' || config.requireAuth)) {
    throw new HttpError(401, 'Unauthorized', 'Sign in to do this.', undefined, { 'www-authenticate': 'Bearer' });
  }
  // Path parameters first: a request for what cannot exist is answered before its body is read.
  const params = route.params ? route.params(c.req.param() as Record<string, string>) : NO_PARAMS;
  const query = readQuery(c, ep);
  const { body, rawBody } = ep.body ? await readBody(c, ep) : NO_BODY;
  const ip = c.get('ip');
  const base: RequestParts = { user, params, query: query as Ctx['query'], body: body as Ctx['body'], ip };

  // GETs, and POST /v1/verify (which writes nothing but fetches documents, possibly from this very
  // server: holding PGlite's single connection in a transaction meanwhile would deadlock), run outside a transaction.
  if (ep.method === 'GET' || name === 'verifyAssertion') {
    if (ep.method !== 'GET') await enforceRateLimit(limiter, config.rateLimit, user?.id ?? null, ip);
    return respond(c, ep, 200, await handler(new HandlerCtx(c, deps, base, db, noEmit)));
  }

  // Writes: rate limits (per user and IP, and the new-partner ones) and the suspension check, all kept
  // in the database; then one transaction (with the idempotency key when given).
  await gateWrite(db, limiter, config, name, user, ip);
  const posted = base.body as { body?: unknown } | undefined;
  // Every mentioning write is signed in (auth 'write', refused above without a user).
  if (MENTIONING.has(name) && user && typeof posted?.body === 'string') posted.body = await withStoredNames(db, posted.body, user);
  const key = ep.idempotent ? c.req.header('idempotency-key') : undefined;
  if (key !== undefined) checkIdempotencyKey(key);
  const write = (q: Queryable) =>
    handler(
      new HandlerCtx(c, deps, base, q, async (e) => {
        // NOTIFY inside the transaction: listeners hear the event only if the write commits.
        const ev: LiveEvent = { ...e, at: new Date().toISOString() };
        await q.query('SELECT pg_notify($1, $2)', [config.channel, JSON.stringify(ev)]);
      }),
    );
  if (!key) return respond(c, ep, 200, await db.transaction(write));
  const owner = user ? user.id : `anon:${ip}`;
  const outcome = await runOnce(db, { owner, key, fingerprint: requestFingerprint(ep.method, c.req.path, rawBody) }, write);
  return respond(c, ep, outcome.status, outcome.body, outcome.replayed);
}
