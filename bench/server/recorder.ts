// Records the SQL one request sends, so the benchmark's raw-SQL floor runs exactly the same queries
// (same text, same parameters, same order) without the framework: no hand-copied SQL to drift from
// the handlers. Writes run in a transaction; their statements are recorded the same way, and the
// replay gives each run fresh ids (see `replay`).
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../server/src/db.js';

export interface Statement {
  sql: string;
  params: unknown[];
  /** Sent with `exec` (no parameters, may hold several statements), e.g. the search reads' SET LOCALs. */
  exec?: boolean;
  /** Sent inside the request's transaction: a replay must be in one too, or a SET LOCAL does nothing. */
  tx?: boolean;
  /** The transaction's setup (`Db.transaction`'s second argument): sent with its BEGIN, one round trip. */
  begin?: boolean;
}

export interface Recorder {
  /** The Db to give the app: passes everything through, and logs statements while recording. */
  db: Db;
  /** Runs fn while logging; returns the statements sent meanwhile (in transactions too). */
  record(fn: () => Promise<unknown>): Promise<{ statements: Statement[]; inTransaction: boolean }>;
  /**
   * From now on, a read sent before answers from memory (the same rows, no database): `--stub-db`
   * measures the framework's own cost per request, with the database out of the figure.
   */
  answerFromMemory(): void;
}

export function recorder(db: Db): Recorder {
  let log: Statement[] | null = null;
  let inTransaction = false;
  let memory: Map<string, { rows: unknown[] }> | null = null;
  const seen = new Map<string, { rows: unknown[] }>();
  // exec is logged too: the search reads set planner settings with it (withSearchPlanner), and a floor
  // that left them out would run the same SQL under different plans.
  const logged = (q: Queryable, tx = false): Queryable => ({
    query<T>(sql: string, params: unknown[] = []) {
      // Neither recording nor answering from memory (the load itself, without --stub-db): straight to
      // the driver, so that the app's CPU per request holds nothing of this wrapper (the floor's does not).
      if (!log && !memory) return q.query<T>(sql, params);
      return recordOrAnswer<T>(q, tx, sql, params);
    },
    exec(sql) {
      log?.push({ sql, params: [], exec: true, ...(tx ? { tx } : {}) });
      return q.exec(sql);
    },
  });
  async function recordOrAnswer<T>(q: Queryable, tx: boolean, sql: string, params: unknown[]) {
    log?.push({ sql, params: [...params], ...(tx ? { tx } : {}) });
    const key = sql + '\0' + JSON.stringify(params);
    const known = memory?.get(key);
    if (known) return known as { rows: T[] };
    const r = await q.query<T>(sql, params);
    if (log) seen.set(key, r);
    return r;
  }
  const wrapped: Db = {
    ...db,
    kind: db.kind,
    ...logged(db),
    transaction(fn, setup) {
      if (log) inTransaction = true;
      if (setup) log?.push({ sql: setup, params: [], exec: true, tx: true, begin: true });
      return db.transaction((tx) => fn(logged(tx, true)), setup);
    },
    listen: (c, cb) => db.listen(c, cb),
    notify: (c, p) => db.notify(c, p),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    async record(fn) {
      log = [];
      inTransaction = false;
      try {
        await fn();
        return { statements: log, inTransaction };
      } finally {
        log = null;
      }
    },
    answerFromMemory() {
      memory = seen;
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statements again with the values the recorded request made up replaced by fresh ones, so a
 * replay inserts new rows instead of colliding with the recorded ones: the ids in `ids` (the new
 * question's, say; also inside JSON text) and every UUID-shaped parameter (a search event's id).
 */
export function withFreshIds(statements: Statement[], ids: string[], fresh: (old: string) => string): Statement[] {
  const map = new Map(ids.map((id) => [id, fresh(id)]));
  const swap = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(swap);
    if (typeof v !== 'string') return v;
    if (UUID.test(v)) return randomUUID();
    let s = v;
    for (const [a, b] of map) s = s.split(a).join(b);
    return s;
  };
  return statements.map((st) => ({ ...st, params: st.params.map(swap) }));
}
