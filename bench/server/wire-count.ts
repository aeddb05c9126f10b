// Counts, per request, the messages each side sends to PostgreSQL (Parse, Bind, Describe, Execute,
// Sync, simple Query), the new connections it opens, and its pool checkouts, for list threads through the
// app and through the benchmark's raw floor: a check that the bench compares like with like at the
// protocol level, not only by the statements the Db wrapper saw.
//   DATABASE_URL=postgres://… node --import tsx bench/server/wire-count.ts [--schema=bench_keep_100000] [--n=200]
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp } from '../../server/src/app.js';
import { hs256Auth } from '../../server/src/auth.js';
import { createDb } from '../../server/src/db.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const schema = args.schema ?? 'bench_keep_100000';
const n = Number(args.n ?? 200);

// Count at the driver's protocol layer: every message either pool sends goes through these methods.
const counts: Record<string, number> = {};
const Connection = (pg as unknown as { Connection: { prototype: Record<string, (...a: unknown[]) => unknown> } }).Connection;
for (const m of ['parse', 'bind', 'describe', 'execute', 'sync', 'query', 'flush', 'startup']) {
  const orig = Connection.prototype[m];
  Connection.prototype[m] = function (this: unknown, ...a: unknown[]) {
    counts[m] = (counts[m] ?? 0) + 1;
    return orig.apply(this, a);
  };
}
const connect = pg.Pool.prototype.connect;
pg.Pool.prototype.connect = function (this: pg.Pool, ...a: unknown[]) {
  counts.checkout = (counts.checkout ?? 0) + 1;
  return (connect as (...x: unknown[]) => unknown).apply(this, a);
} as typeof connect;

const db = await createDb({ url, schema });
const { app, close } = createApp({ db, auth: hs256Auth('x', true), config: { channel: `wire_${schema}` } });
const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema},public`, max: 10 });
// The floor's list statement, as the bench records it: the one query the app sent.
let sql = '';
let params: unknown[] = [];
const origQuery = pg.Pool.prototype.query;
const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => s.once('listening', r));
const port = (s.address() as { port: number }).port;
const probe = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, text: unknown, values?: unknown) {
  if (!sql && typeof text === 'string' && text.includes('FROM threads')) [sql, params] = [text, (values as unknown[]) ?? []];
  return (probe as (...x: unknown[]) => unknown).call(this, text, values);
} as typeof probe;
await (await fetch(`http://127.0.0.1:${port}/api/v1/threads?limit=20`)).arrayBuffer();
pg.Pool.prototype.query = origQuery;

async function measure(label: string, once: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await once();
  for (const k of Object.keys(counts)) counts[k] = 0;
  for (let i = 0; i < n; i++) await once();
  const per = Object.entries(counts).filter(([, v]) => v).map(([k, v]) => `${k} ${(v / n).toFixed(2)}`);
  console.log(`${label.padEnd(24)} per request: ${per.join(', ')}`);
}
await measure('app (HTTP)', async () => (await fetch(`http://127.0.0.1:${port}/api/v1/threads?limit=20`)).arrayBuffer());
await measure('raw floor (pool)', async () => {
  const c = await pool.connect();
  try {
    return JSON.stringify((await c.query(sql, params)).rows);
  } finally {
    c.release();
  }
});
s.close();
await close();
await pool.end();
await db.close();
