// What every endpoint handler receives.
import type { Db, Queryable } from './db.js';
import type { User } from './auth.js';
import type * as v from 'valibot';
import type { EndpointName, LiveEvent, ResponseOf, endpoints } from '../../src/contract/index.js';
import type { Config } from './config.js';
import type { FetchText } from '../../src/openbadges/ob3/index.js';

export type { Config };

/** The output of endpoint N's schema for one request part; `Else` when the endpoint has none. */
type Parsed<N extends EndpointName, K extends 'query' | 'body', Else> = N extends EndpointName
  ? (typeof endpoints)[N] extends { [P in K]: infer S extends v.GenericSchema }
    ? v.InferOutput<S>
    : Else
  : never;

/** The query as the dispatcher validated it against endpoint N's schema (`{}` when it has none). */
export type QueryOf<N extends EndpointName> = Parsed<N, 'query', Record<string, never>>;
/** The body as the dispatcher validated it against endpoint N's schema. */
export type BodyOf<N extends EndpointName> = Parsed<N, 'body', undefined>;

/** `Ctx` alone (all endpoints) is for helpers that do not read the query or the body. */
export interface Ctx<N extends EndpointName = EndpointName> {
  db: Db;
  /** The connection to use: a transaction for writes, the pool for reads. */
  q: Queryable;
  user: User | null;
  params: Record<string, string>;
  query: QueryOf<N>;
  body: BodyOf<N>;
  ip: string;
  origin: string;
  config: Config;
  /** Queue a live event; it is sent with NOTIFY inside the write's transaction (delivered on commit). */
  emit(e: Omit<LiveEvent, 'at'>): Promise<void>;
  /** The hosted-assertion fetcher the verifier uses. */
  fetchJson: (url: string) => Promise<{ status: number; json: unknown }>;
  /** The Open Badges 3.0 verifier's fetcher (credentials, DID documents, key sets, status lists). */
  fetchText: FetchText;
}

export interface Result {
  status?: number;
  body?: unknown;
}

/** Endpoint N's handler: the contract's response for N, or undefined for a 204. */
export type Handler<N extends EndpointName> = (ctx: Ctx<N>) => Promise<ResponseOf<N>>;
