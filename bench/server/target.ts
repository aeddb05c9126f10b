// The benchmark target, run as a child process: the Confab app on one port, a bare Hono route on
// another and the raw-SQL floor on a third, in the same process, so all share the same machine and runtime.
//
// The raw-SQL floor: for each scenario, the statements one app request sends are recorded (recorder.ts),
// then `node:http` answers `/raw/<scenario>` by sending the same statements straight through the driver
// (`pg` on PostgreSQL, the PGlite instance otherwise) and `JSON.stringify` of the rows: the database's
// and serialisation's share of the request, with no framework, middleware, validation or mapping.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../server/src/app.js';
import { hs256Auth } from '../../server/src/auth.js';
import { createDb, type Queryable } from '../../server/src/db.js';
import { migrate } from '../../server/src/migrate.js';
import { bulkLoad, seed } from '../../server/src/seed.js';
import { bulkLoadQuestions } from '../../server/src/seed-bulk-questions.js';
import { costPerRequest } from './cost.js';
import { startProfile, stopProfile } from './profiler.js';
import { recorder, withFreshIds, type Statement } from './recorder.js';
import { ASK_BODY, SEARCH_TERMS } from './scenarios.mjs';

const bulk = Number(process.env.BENCH_BULK ?? 0);
const url = process.env.DATABASE_URL;
// --keep (PostgreSQL): load into a fixed schema once and reuse it on later runs (and for EXPLAIN in
// bench/server/explain.ts); a schema without the marker table is a load that did not finish.
const keep = process.env.BENCH_KEEP === 'true' && !!url;
export const KEPT_SCHEMA = `bench_keep_${bulk}`;
const schema = url ? (keep ? KEPT_SCHEMA : `bench_${randomBytes(4).toString('hex')}`) : undefined;
const t0 = Date.now();
let loaded = false;
if (keep) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const marker = await c.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bench_loaded'`, [schema]);
  loaded = marker.rows.length > 0;
  if (!loaded) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}
const db = await createDb(url ? { url, schema } : {});
await migrate(db); // a kept schema gains the migrations added since it was loaded
if (!loaded) {
  await db.transaction((tx) => seed(tx));
  if (bulk > 0) {
    await bulkLoad(db, bulk);
    await bulkLoadQuestions(db, bulk);
    await db.exec('ANALYZE');
  }
  if (keep) await db.exec('CREATE TABLE bench_loaded (at timestamptz DEFAULT now())');
}
const loadMs = Date.now() - t0;
const auth = hs256Auth('bench-secret', true);
const rec = recorder(db);
const { app } = createApp({ db: rec.db, auth, config: { rateLimit: { max: 1e9, windowMs: 60_000 }, channel: `bench_${schema ?? 'mem'}` } });
const bare = new Hono();
bare.get('/bare', (c) => c.json({ ok: true }));
const listen = (fetch: any) =>
  new Promise<number>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' });
    s.once('listening', () => resolve((s.address() as any).port));
  });
const appPort = await listen(app.fetch);
const barePort = await listen(bare.fetch);
const token = await auth.sign!({ id: 'p-chloe', name: 'Chloe Martin', org: 'org-globex', tier: 'gold', roles: ['marketing'] });

// Record each scenario's statements through the app itself (in-process, no network).
const gold = { authorization: `Bearer ${token}` };
/** The statements of a GET, recorded on its second call (the first may do once-per-process work, such as storing a token's mail address). */
async function recordGet(path: string, headers: Record<string, string> = {}) {
  const get = async () => {
    const r = await app.request(path, { headers });
    if (r.status !== 200) throw new Error(`recording ${path}: ${r.status} ${await r.text()}`);
  };
  await get();
  return (await rec.record(get)).statements;
}
const list = await recordGet('/api/v1/threads?limit=20');
const searchGold: Statement[][] = [];
const searchAnon: Statement[][] = [];
for (const t of SEARCH_TERMS) {
  searchGold.push(await recordGet(`/api/v1/articles/search?q=${encodeURIComponent(t)}`, gold));
  searchAnon.push(await recordGet(`/api/v1/articles/search?q=${encodeURIComponent(t)}`));
}
let askedId = '';
const ask = await rec.record(async () => {
  const r = await app.request('/api/v1/questions', { method: 'POST', headers: { ...gold, 'content-type': 'application/json' }, body: JSON.stringify(ASK_BODY(0)) });
  if (r.status !== 200 && r.status !== 201) throw new Error(`recording ask: ${r.status} ${await r.text()}`);
  askedId = ((await r.json()) as { id: string }).id;
});

// The driver the floor uses: its own pg pool (as large as the app's) on PostgreSQL; on PGlite the one
// in-process database (PGlite has a single connection), queried directly.
type Send = (st: Statement[], tx: boolean) => Promise<unknown[][]>;
let send: Send;
let closeRaw = async () => {};
const stub = process.env.BENCH_STUB === 'true';
if (stub) {
  // --stub-db: app and floor both get the recorded reads' rows from memory, so the figures are the
  // framework's own (routing, middlewares, validation, mapping, serialising, the HTTP response).
  rec.answerFromMemory();
  send = async (st) => {
    const out: unknown[][] = [];
    for (const s of st) if (!s.exec) out.push((await rec.db.query(s.sql, s.params)).rows);
    return out;
  };
} else if (url) {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema},public`, max: 10 });
  send = async (st, tx) => {
    const c = await pool.connect();
    try {
      const out: unknown[][] = [];
      // The app sends a transaction's setup with its BEGIN (Db.transaction), and so does the floor.
      const setup = tx && st[0]?.begin ? st[0] : null;
      if (tx) await c.query(setup ? `BEGIN; ${setup.sql}` : 'BEGIN');
      for (const s of st) {
        if (s === setup) continue;
        // No parameters: the simple protocol, which takes the several statements of an exec.
        if (s.exec) await c.query(s.sql);
        else out.push((await c.query(s.sql, s.params)).rows);
      }
      if (tx) await c.query('COMMIT');
      return out;
    } catch (e) {
      if (tx) await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  };
  closeRaw = () => pool.end();
} else {
  const run = async (q: Queryable, st: Statement[]) => {
    const out: unknown[][] = [];
    for (const s of st) {
      if (s.exec) await q.exec(s.sql);
      else out.push((await q.query(s.sql, s.params)).rows);
    }
    return out;
  };
  send = (st, tx) => (tx ? db.transaction((q) => run(q, st)) : run(db, st));
}
/**
 * Replays a request's statements with its transactions: each run of statements the app sent inside a
 * transaction goes in one (the search reads' SET LOCAL planner settings apply there only), the rest
 * outside, as the app sent them.
 */
async function sendAsRecorded(st: Statement[]): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (let i = 0; i < st.length;) {
    let j = i;
    while (j < st.length && !!st[j].tx === !!st[i].tx) j++;
    out.push(...(await send(st.slice(i, j), !!st[i].tx)));
    i = j;
  }
  return out;
}
let asks = 0;
const rawRoutes: Record<string, (i: number) => Promise<unknown[][]>> = {
  list: () => send(list, false),
  'search-gold': (i) => sendAsRecorded(withFreshIds(searchGold[i % searchGold.length], [], String)),
  'search-anon': (i) => sendAsRecorded(withFreshIds(searchAnon[i % searchAnon.length], [], String)),
  ask: () => {
    const n = ++asks;
    return send(withFreshIds(ask.statements, [askedId], (old) => `${old}r${n}`), ask.inTransaction);
  },
};
const raw = createServer(async (req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const route = rawRoutes[u.pathname.slice('/raw/'.length)];
  req.resume();
  if (!route) return void res.writeHead(404).end();
  try {
    const rows = await route(Number(u.searchParams.get('i') ?? 0));
    const body = JSON.stringify(rows.length === 1 ? rows[0] : rows);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
  }
});
const rawPort = await new Promise<number>((resolve) => raw.listen(0, '127.0.0.1', () => resolve((raw.address() as { port: number }).port)));

process.send!({ appPort, barePort, rawPort, token, loadMs, db: db.kind, statements: { list: list.length, search: searchGold[0].length, ask: ask.statements.length } });
const stop = async () => {
  raw.close();
  await closeRaw().catch(() => {});
  await db.close().catch(() => {});
  if (url && schema && !keep) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
  process.exit(0);
};
// The bench asks for this process's CPU time around each scenario: CPU per request is the figure that
// stays comparable when other work on the machine slows everything down (req/s does not).
process.on('message', (m: unknown) => {
  if (m === 'stop') stop();
  if (m === 'cpu') process.send!({ cpu: process.cpuUsage() });
  // --cpu-prof: a profile of one scenario's load, started and stopped by the bench around it.
  if (m === 'profile-start') startProfile().then(() => process.send!({ profiling: true }));
  const to = (m as { profileTo?: string } | null)?.profileTo;
  if (to) stopProfile(to).then(() => process.send!({ profiled: to }));
  // --cost: the CPU n requests cost this process, from an in-process client (cost.ts).
  const cost = (m as { cost?: { side: 'app' | 'raw'; path: string; n: number } } | null)?.cost;
  if (cost) costPerRequest(cost.side === 'app' ? appPort : rawPort, cost.path, cost.n).then((costed) => process.send!({ costed }));
});
process.on('SIGTERM', stop);
