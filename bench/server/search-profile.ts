// Where one knowledge-base search (or similar-question lookup) spends its time, end to end, in-process:
// the app answers `app.request` (middlewares, auth, validation, handler, JSON) on the kept benchmark
// schema, and every round trip to PostgreSQL is timed at the driver (pg's Client.query, which sends one
// message sequence and waits for ReadyForQuery). Per search it prints the round trips, the wall time
// spent waiting on them, the CPU the app process spent (app + driver), the CPU the PostgreSQL backends
// of its pool spent (planning + execution + protocol, read from /proc/<pid>/stat), and the wall time.
//
//   DATABASE_URL=postgres://… node --import tsx bench/server/search-profile.ts [--bulk=100000] [--n=20] [--terms=sizing,okta sso] [--similar]
//
// Run it beside `cat /proc/loadavg`: round trips and CPU µs hold on a busy machine better than wall time.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createApp } from '../../server/src/app.js';
import { hs256Auth } from '../../server/src/auth.js';
import { createDb } from '../../server/src/db.js';
import { SEARCH_TERMS, SIMILAR_DRAFTS } from './scenarios.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL (the kept schema of bench.mjs --bulk=N --keep)');
const bulk = Number(args.bulk ?? 100000);
const n = Number(args.n ?? 20);
const terms: string[] = args.terms ? String(args.terms).split(',') : SEARCH_TERMS;

// Every round trip goes through Client.prototype.query (the pool's too): time it from call to settle.
let trips = 0;
let waitedNs = 0n;
let inFlight = 0;
let since = 0n;
const ClientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const origQuery = ClientProto.query;
ClientProto.query = function (this: unknown, ...a: unknown[]) {
  const r = origQuery.apply(this, a);
  if (!(r instanceof Promise)) return r;
  trips++;
  // Concurrent trips (on two connections) overlap: count the wall time while at least one is open.
  if (inFlight++ === 0) since = process.hrtime.bigint();
  const done = () => {
    if (--inFlight === 0) waitedNs += process.hrtime.bigint() - since;
  };
  r.then(done, done);
  return r;
};

// The pool's connections are named, so that their backends' CPU can be read from /proc.
const appName = `search-profile-${process.pid}`;
const named = `${url}${url.includes('?') ? '&' : '?'}application_name=${appName}`;
const db = await createDb({ url: named, schema: `bench_keep_${bulk}` });
const watcher = new pg.Client({ connectionString: url });
await watcher.connect();
const clockTicks = 100; // USER_HZ on Linux
/** CPU ms so far of the backends serving the app's pool (utime + stime of /proc/<pid>/stat). */
async function backendCpu(): Promise<Map<number, number>> {
  const { rows } = await watcher.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks);
    } catch {
      // a backend that ended meanwhile
    }
  }
  return out;
}
const cpuDelta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((s, [pid, t]) => s + t - (a.get(pid) ?? t), 0);
const auth = hs256Auth('bench-secret', true);
const { app, close } = createApp({ db, auth, config: { rateLimit: { max: 1e9, windowMs: 60_000 }, channel: `profile_${bulk}` } });
const token = await auth.sign!({ id: 'p-chloe', name: 'Chloe Martin', org: 'org-globex', tier: 'gold', roles: ['marketing'] });
const gold = { authorization: `Bearer ${token}` };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function profile(label: string, path: string, headers: Record<string, string>) {
  const get = async () => {
    const r = await app.request(path, { headers });
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  };
  await get();
  await get();
  const rows: { trips: number; wait: number; cpu: number; wall: number }[] = [];
  // Backend CPU ticks are 10 ms: summed over the n requests, then divided.
  const b0 = await backendCpu();
  for (let i = 0; i < n; i++) {
    trips = 0;
    waitedNs = 0n;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await get();
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    rows.push({ trips, wait: Number(waitedNs) / 1e6, cpu: (c.user + c.system) / 1000, wall });
  }
  const dbCpu = cpuDelta(b0, await backendCpu()) / n;
  const m = (k: keyof (typeof rows)[0]) => median(rows.map((r) => r[k]));
  console.log(`${label.padEnd(34)} ${String(m('trips')).padStart(5)} ${m('wait').toFixed(2).padStart(8)} ${m('cpu').toFixed(2).padStart(8)} ${dbCpu.toFixed(2).padStart(8)} ${m('wall').toFixed(2).padStart(8)}`);
  return rows;
}

console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
console.log(`medians of ${n}: round trips, ms waiting on PostgreSQL, ms of app CPU; mean ms of backend CPU; median ms wall`);
console.log(`${'request'.padEnd(34)} trips  db wait   app cpu   db cpu  wall ms`);
const all: number[] = [];
if (args.similar !== 'only') {
  for (const t of terms) {
    const q = `/api/v1/articles/search?q=${encodeURIComponent(t)}`;
    for (const r of await profile(`gold ${t}`, q, gold)) all.push(r.wall);
    for (const r of await profile(`anon ${t}`, q, {})) all.push(r.wall);
  }
  console.log(`all searches: wall p50 ${median(all).toFixed(2)} ms`);
}
if (args.similar) {
  const sim: number[] = [];
  for (const d of SIMILAR_DRAFTS) for (const r of await profile(`similar ${d}`, `/api/v1/questions/similar?q=${encodeURIComponent(d)}`, gold)) sim.push(r.wall);
  console.log(`all similar: wall p50 ${median(sim).toFixed(2)} ms`);
}
console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
await close();
await db.close();
await watcher.end();
