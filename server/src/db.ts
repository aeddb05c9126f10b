// One small database interface with two implementations: PGlite (embedded, default) and pg (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { createPgListener, type ListenerHealth } from './pg-listener.js';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'pg';
  /**
   * Runs fn inside BEGIN/COMMIT; rolls back when it throws. `setup`: statements without parameters
   * (`SET LOCAL …`) run first in the transaction, sent with the BEGIN in one round trip on PostgreSQL.
   */
  transaction<R>(fn: (tx: Queryable) => Promise<R>, setup?: string): Promise<R>;
  /** Subscribes to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /**
   * `cb` runs each time listening resumes after the LISTEN connection was lost: NOTIFYs sent in
   * between never reached this process. Never on PGlite (in-process, it cannot drop).
   */
  onListenGap(cb: () => void): () => void;
  /** The LISTEN connection's state, for /api/health. */
  listenerHealth(): ListenerHealth;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… switches to node-postgres. */
  url?: string;
  /** PGlite data directory; omitted or 'memory://' for in-memory. */
  dataDir?: string;
  /** PostgreSQL only: schema to work in (created if missing); search_path is `<schema>, public`. */
  schema?: string;
  /** PostgreSQL only: connections in the pool (default 10). */
  poolSize?: number;
}

/** How often a transaction runs before a deadlock or serialisation failure is the caller's error. */
const TRANSACTION_ATTEMPTS = 3;

export async function createDb(opts: DbOptions = {}): Promise<Db> {
  return opts.url ? createPgDb(opts.url, opts.schema, opts.poolSize ?? 10) : createPgliteDb(opts.dataDir);
}

async function createPgliteDb(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir || undefined, { extensions: { pg_trgm } });
  const wrap = (q: { query: typeof pg.query; exec: typeof pg.exec }): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn, setup) =>
      pg.transaction(async (tx) => {
        if (setup) await tx.exec(setup);
        return fn(wrap(tx));
      }),
    async listen(channel, cb) {
      const unsub = await pg.listen(channel, cb);
      return async () => {
        await unsub();
      };
    },
    async notify(channel, payload) {
      await pg.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    onListenGap: () => () => {},
    listenerHealth: () => ({ state: 'in-process', drops: 0, lastDropAt: null, lastError: null }),
    close: () => pg.close(),
  };
}

async function createPgDb(url: string, schema: string | undefined, poolSize: number): Promise<Db> {
  const pgmod = await import('pg');
  const pg = pgmod.default ?? pgmod;
  // Timestamps come back as Date, bigint counts are cast to int in SQL.
  const options = schema ? `-c search_path=${schema},public` : undefined;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name: ${schema}`);
  if (schema) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.end();
  }
  const pool = new pg.Pool({ connectionString: url, options, max: poolSize });
  pool.on('error', (err: Error) => console.error('[confab] idle pg client error:', err.message));
  const wrap = (c: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await c.query(sql, params);
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  // One dedicated connection for LISTEN, connected again when it drops (pg-listener.ts). TCP
  // keep-alive probes from 10 s of silence on: it sends nothing itself, so a peer that vanished without
  // a word (a failover, a dropped NAT entry) is noticed only by them (then after the kernel's probes).
  const listener = createPgListener(() => new pg.Client({ connectionString: url, options, keepAlive: true, keepAliveInitialDelayMillis: 10_000 }));
  return {
    kind: 'pg',
    ...wrap(pool),
    async transaction(fn, setup) {
      // A deadlock or serialisation failure rolls the whole transaction back, and PostgreSQL's advice
      // is to run it again: two writes that lock the same rows in opposite orders (the insights
      // triggers share-lock authors, questions and answers, migration 015) should both land, not fail
      // one partner's request with a 500. Everything a handler does is inside the transaction (its
      // notifications and live events too), so running it again repeats nothing outside.
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          // One simple-protocol message (no parameters) holds both: one round trip, not two.
          await client.query(setup ? `BEGIN; ${setup}` : 'BEGIN');
          const r = await fn(wrap(client));
          await client.query('COMMIT');
          return r;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          const code = (e as { code?: unknown }).code;
          if (attempt >= TRANSACTION_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw e;
        } finally {
          client.release();
        }
        // Run again after a short, random pause that grows with each attempt, not at once: the
        // transaction that won still has to wake up and take the row the loser released. Under CPU
        // pressure a loser run again at once can take that row back first and deadlock with the winner
        // again (test/server/infra.test.ts's deadlock test counted 5 runs, not 3, at load 15-35).
        await new Promise((r) => setTimeout(r, attempt * (5 + Math.random() * 20)));
      }
    },
    listen: (channel, cb) => listener.listen(channel, cb),
    onListenGap: (cb) => listener.onGap(cb),
    listenerHealth: () => listener.health(),
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
