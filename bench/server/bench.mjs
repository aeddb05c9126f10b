#!/usr/bin/env node
// Server benchmark: requests/s and p50/p99 latency for list-threads, search and ask under concurrent
// load on loopback, beside a bare Hono route in the same run (the framework's ceiling), with the ratio,
// and beside each scenario's raw-SQL floor: the very statements the app sent for it (recorded in the
// target), sent through the driver (`pg` or PGlite) by `node:http` with `JSON.stringify`, no framework.
// "of raw" is the scenario's req/s over its floor's, both measured in this run.
//
//   node bench/server/bench.mjs                 seeded size, PGlite (DATABASE_URL unset) or PostgreSQL
//   node bench/server/bench.mjs --bulk=100000   plus 100k threads and 100k articles
//   options: --duration=5 (s per scenario) --connections=16
//            --only=list,search,similar,ask   run only these scenarios (and the bare route)
//            --keep                   PostgreSQL: keep the loaded schema (bench_keep_<bulk>) and reuse it next time
//            --stub-db                answer the recorded reads from memory (app and floor alike): the
//                                     framework's own cost, with the database out of the figure (list only)
//            --cpu-prof=DIR           the target writes a V8 CPU profile of each scenario's load (not of its
//                                     start-up) into DIR/<scenario>.cpuprofile and <scenario>.raw.cpuprofile, at the
//                                     TypeScript lines (summarise it with bench/server/profile-summary.mjs;
//                                     profiling costs CPU: read CPU µs/req from a run without it)
// Figures, not pass/fail: it prints a table. Loopback only; no external targets.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ASK_BODY, SEARCH_TERMS, SIMILAR_DRAFTS } from './scenarios.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const duration = Number(args.duration ?? 5) * 1000;
const connections = Number(args.connections ?? 16);
const bulk = Number(args.bulk ?? 0);
const only = args.only ? new Set(args.only.split(',')) : null;
const wanted = (key) => !only || only.has(key);
const profileDir = args['cpu-prof'];
if (profileDir) (await import('node:fs')).mkdirSync(profileDir, { recursive: true });

const target = fileURLToPath(new URL('./target.ts', import.meta.url));
const child = fork(target, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_BULK: String(bulk), BENCH_KEEP: String(args.keep === 'true'), BENCH_STUB: String(args['stub-db'] === 'true') }, stdio: 'inherit' });
console.log(`starting target (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}${bulk ? `, bulk-loading ${bulk} threads + ${bulk} articles + ${bulk} questions` : ', seeded size'}) …`);
const info = await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (c) => reject(new Error(`target exited with ${c}`)));
});
console.log(`target ready: ${info.db}, setup ${(info.loadMs / 1000).toFixed(1)} s; ${connections} connections, ${duration / 1000} s per scenario`);
console.log(`statements per request (the raw floor sends the same): list ${info.statements.list}, search ${info.statements.search}, ask ${info.statements.ask}\n`);

const app = `http://127.0.0.1:${info.appPort}`;
const bare = `http://127.0.0.1:${info.barePort}`;
const raw = `http://127.0.0.1:${info.rawPort}/raw`;
const auth = { authorization: `Bearer ${info.token}` };
const TERMS = SEARCH_TERMS;
const DRAFTS = SIMILAR_DRAFTS;

/** Asks the target something and waits for the answer that has `key`. */
const ask = (message, key) =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m?.[key] === undefined) return;
      child.off('message', on);
      resolve(m[key]);
    };
    child.on('message', on);
    child.send(message);
  });

/** The target's CPU time so far (user + system, µs). */
const targetCpu = async () => {
  const cpu = await ask('cpu', 'cpu');
  return cpu.user + cpu.system;
};

/**
 * `profileAs`: with --cpu-prof, the file name the target profiles this load into. `labelOf`: a label
 * per request index (the search term), for p50/p99 per label.
 */
async function load(name, makeRequest, profileAs, labelOf) {
  // warm-up
  for (let i = 0; i < 20; i++) await (await makeRequest(i)).arrayBuffer();
  const profiled = profileDir && profileAs;
  if (profiled) await ask('profile-start', 'profiling');
  const cpu0 = await targetCpu();
  const lat = [];
  let errors = 0;
  let n = 0;
  const perLabel = {};
  const end = performance.now() + duration;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const s = performance.now();
        try {
          const r = await makeRequest(i);
          await r.arrayBuffer();
          if (r.status >= 400) errors++;
        } catch {
          errors++;
        }
        lat.push(performance.now() - s);
        if (labelOf) (perLabel[labelOf(i)] ??= []).push(lat[lat.length - 1]);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const cpuPerReq = ((await targetCpu()) - cpu0) / lat.length;
  if (profiled) console.log(`profile: ${await ask({ profileTo: `${profileDir}/${profileAs}.cpuprofile` }, 'profiled')}`);
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { name, rps: lat.length / secs, p50: q(0.5), p99: q(0.99), n: lat.length, errors, cpuPerReq, perLabel };
}

const results = [];
// Each scenario, then its raw floor right after it (same load, same moment of the machine's load).
const scenario = async (name, makeRequest, rawRequest, labelOf) => {
  const file = name.replace(/\W+/g, '-').replace(/^-|-$/g, '');
  const r = await load(name, makeRequest, file, labelOf);
  r.raw = await load('  raw SQL floor', rawRequest, `${file}.raw`);
  results.push(r, r.raw);
};
results.push(await load('bare Hono route', () => fetch(`${bare}/bare`)));
if (wanted('list')) await scenario('list threads', () => fetch(`${app}/api/v1/threads?limit=20`), () => fetch(`${raw}/list`));
if (wanted('search')) await scenario(
  'search (signed in, gold)',
  (i) => fetch(`${app}/api/v1/articles/search?q=${encodeURIComponent(TERMS[i % TERMS.length])}`, { headers: auth }),
  (i) => fetch(`${raw}/search-gold?i=${i % TERMS.length}`),
  (i) => TERMS[i % TERMS.length],
);
if (wanted('search')) await scenario(
  'search (anonymous)',
  (i) => fetch(`${app}/api/v1/articles/search?q=${encodeURIComponent(TERMS[i % TERMS.length])}`),
  (i) => fetch(`${raw}/search-anon?i=${i % TERMS.length}`),
  (i) => TERMS[i % TERMS.length],
);
// No raw floor for similar questions: its statements are not recorded by the target.
if (wanted('similar')) results.push(await load('similar questions', (i) => fetch(`${app}/api/v1/questions/similar?q=${encodeURIComponent(DRAFTS[i % DRAFTS.length])}`, { headers: auth })));
if (wanted('ask')) await scenario(
  'ask (POST question)',
  (i) => fetch(`${app}/api/v1/questions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(ASK_BODY(i)) }),
  () => fetch(`${raw}/ask`, { method: 'POST' }),
);

const ceiling = results[0].rps;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const pct = (x) => (x * 100).toFixed(1) + '%';
// "CPU µs/req": the target process's CPU time per request (the load generator and the database are
// other processes); "raw CPU" is the floor's CPU per request over the scenario's (1.00× = as lean as the
// floor; read it like "of raw").
console.log(`${pad('scenario', 28)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('of bare', 9)}${lpad('of raw', 9)}${lpad('CPU µs/req', 12)}${lpad('raw CPU', 9)}${lpad('errors', 8)}`);
for (const r of results) {
  console.log(
    `${pad(r.name, 28)}${lpad(r.rps.toFixed(0), 9)}${lpad(r.p50.toFixed(1), 9)}${lpad(r.p99.toFixed(1), 9)}${lpad(pct(r.rps / ceiling), 9)}${lpad(r.raw ? pct(r.rps / r.raw.rps) : '', 9)}${lpad(r.cpuPerReq.toFixed(0), 12)}${lpad(r.raw ? (r.raw.cpuPerReq / r.cpuPerReq).toFixed(2) + '×' : '', 9)}${lpad(r.errors, 8)}`,
  );
}
// Per query of the search scenarios: which terms make the tail.
for (const r of results.filter((x) => Object.keys(x.perLabel ?? {}).length)) {
  console.log(`\n${r.name}, per query: p50 / p99 ms (n)`);
  for (const [label, l] of Object.entries(r.perLabel)) {
    l.sort((a, b) => a - b);
    const at = (p) => l[Math.min(l.length - 1, Math.floor(p * l.length))];
    console.log(`  ${pad(label, 20)}${lpad(at(0.5).toFixed(1), 8)}${lpad(at(0.99).toFixed(1), 8)}  (${l.length})`);
  }
}
const [la1, la5] = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ');
console.log(`\nload average at the end: ${la1} (1 min), ${la5} (5 min)`);
child.send('stop');
await new Promise((r) => child.once('exit', r));
