// The benchmark target, run as a child process: the Confab app on one port and a bare Hono route on
// another, in the same process, so both share the same machine and runtime.
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../server/src/app.js';
import { hs256Auth } from '../../server/src/auth.js';
import { createDb } from '../../server/src/db.js';
import { migrate } from '../../server/src/migrate.js';
import { bulkLoad, seed } from '../../server/src/seed.js';
import { bulkLoadQuestions } from '../../server/src/seed-bulk-questions.js';

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
const { app } = createApp({ db, auth, config: { rateLimit: { max: 1e9, windowMs: 60_000 }, channel: `bench_${schema ?? 'mem'}` } });
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
process.send!({ appPort, barePort, token, loadMs, db: db.kind });
const stop = async () => {
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
process.on('message', (m) => {
  if (m === 'stop') stop();
});
process.on('SIGTERM', stop);
