// The context each endpoint handler receives (`Ctx`), one per request.
//
// A class, not an object literal with getters (issue 18). A literal's `get origin() {…}` makes new
// getter functions on every call, and V8 cannot share one hidden class between objects whose
// accessors are different functions: every request made a new Map (in old space) that pointed at
// its getters, whose closure held the Hono context and with it the whole request. The young-generation
// GC treats old-space pointers as roots, so each request's objects survived it and were promoted,
// about 2 MB per scavenge in list threads, then freed only by full mark-compacts. Here the getters
// live once on the prototype and every instance has the same shape.
import type { Context } from 'hono';
import type { Ctx } from '../context.js';
import type { AppEnv } from '../http-env.js';
import type { Config } from '../config.js';
import type { Db, Queryable } from '../db.js';
import type { RateLimiter } from '../middlewares/rate-limit.js';
import type { FetchJson } from '../openbadges/verify.js';
import type { FetchText } from '../../../src/openbadges/ob3/index.js';

/**
 * What every route of mount.ts shares. Declared here, beside the context built from it, so that the two
 * modules import one way (the `cycles` step counts type-only imports too).
 */
export interface EndpointDeps {
  db: Db;
  config: Config;
  limiter: RateLimiter;
  /** The origin Open Badges ids are built on. */
  originOf(c: Context): string;
  /** The verifier's fetcher, answering this origin's own /ob/ documents in-process. */
  fetchJsonFor(origin: string): FetchJson;
  /** The OB 3.0 verifier's fetcher, on the same rule. */
  fetchTextFor(origin: string): FetchText;
}

/** What a request gives the handler besides the shared dependencies. */
export type RequestParts = Pick<Ctx, 'user' | 'params' | 'query' | 'body' | 'ip'>;

export class HandlerCtx implements Ctx {
  readonly db: Ctx['db'];
  readonly config: Ctx['config'];
  readonly user: Ctx['user'];
  readonly params: Ctx['params'];
  readonly query: Ctx['query'];
  readonly body: Ctx['body'];
  readonly ip: string;
  readonly q: Queryable;
  readonly emit: Ctx['emit'];
  readonly #c: Context<AppEnv>;
  readonly #deps: EndpointDeps;
  #origin: string | undefined = undefined;

  constructor(c: Context<AppEnv>, deps: EndpointDeps, parts: RequestParts, q: Queryable, emit: Ctx['emit']) {
    this.#c = c;
    this.#deps = deps;
    this.q = q;
    this.emit = emit;
    this.db = deps.db;
    this.config = deps.config;
    this.user = parts.user;
    this.params = parts.params;
    this.query = parts.query;
    this.body = parts.body;
    this.ip = parts.ip;
  }

  /** Worked out on first use: only the certification handlers read it, and it parses the request's URL. */
  get origin(): string {
    return (this.#origin ??= this.#deps.originOf(this.#c));
  }

  /** The verifier's fetcher, answering this origin's own /ob/ documents in-process. */
  get fetchJson(): Ctx['fetchJson'] {
    return this.#deps.fetchJsonFor(this.origin);
  }

  /** The OB 3.0 verifier's fetcher, on the same rule. */
  get fetchText(): Ctx['fetchText'] {
    return this.#deps.fetchTextFor(this.origin);
  }
}
