// What every endpoint handler receives.
import type { Db, Queryable } from './db.js';
import type { User } from './auth.js';
import type { LiveEvent } from '../../src/contract/index.js';

export interface Config {
  /** Public origin for Open Badges ids, e.g. https://community.example.com; else taken from the request. */
  publicUrl?: string;
  requireAuth: boolean;
  allowedOrigins: string[];
  /** Writes per window per user and per IP. */
  rateLimit: { max: number; windowMs: number };
  /** Request body limit in bytes. */
  maxBodyBytes: number;
  heartbeatMs: number;
  /** NOTIFY channel for live events. */
  channel: string;
  production: boolean;
  issuerName: string;
  issuerEmail: string;
  /** Hosts the /v1/verify fetcher may reach even when they resolve to private addresses. */
  verifyAllow: string[];
}

export interface Ctx {
  db: Db;
  /** The connection to use: a transaction for writes, the pool for reads. */
  q: Queryable;
  user: User | null;
  params: Record<string, string>;
  query: any;
  body: any;
  ip: string;
  origin: string;
  config: Config;
  /** Queue a live event; it is sent with NOTIFY inside the write's transaction (delivered on commit). */
  emit(e: Omit<LiveEvent, 'at'>): Promise<void>;
  /** The hosted-assertion fetcher the verifier uses. */
  fetchJson: (url: string) => Promise<{ status: number; json: unknown }>;
}

export interface Result {
  status?: number;
  body?: unknown;
}

export type Handler = (ctx: Ctx) => Promise<unknown>;
