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
//            --rounds=10              slices per side: a scenario and its raw floor take turns (see `interleaved`)
//            --only=list,search,similar,ask   run only these scenarios (and the bare route)
//            --keep                   PostgreSQL: keep the loaded schema (bench_keep_<bulk>) and reuse it next time
//            --stub-db                answer the recorded reads from memory (app and floor alike): the
//                                     framework's own cost, with the database out of the figure (list only)
//            --cost=N                 list only, instead of the load: the target's CPU per request from an
//                                     in-process client sending N requests back to back (bench/server/cost.ts),
//                                     app and floor alternately, 10 rounds; prints the medians and their ratio.
//                                     The figure that holds on a busy machine: CPU, warm caches, no idle time
//            --cpu-prof=DIR           the target writes a V8 CPU profile of each scenario's load (not of its
//                                     start-up) into DIR/<scenario>.cpuprofile and <scenario>.raw.cpuprofile, at the
//                                     TypeScript lines (summarise it with bench/server/profile-summary.mjs;
//                                     profiling costs CPU: read CPU µs/req from a run without it). With --cost,
//                                     of its requests instead (list-threads.cost[.raw].cpuprofile): no idle time
//                                     in the samples, so many more of them land on the request path
// Figures, not pass/fail: it prints a table. Loopback only; no external targets.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ASK_BODY, SEARCH_TERMS, SIMILAR_DRAFTS } from './scenarios.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const duration = Number(args.duration ?? 5) * 1000;
const connections = Number(args.connections ?? 16);
const rounds = Math.max(1, Number(args.rounds ?? 10));
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

/** One stretch of load: `connections` loops sending requests until `ms` have passed. */
async function slice(makeRequest, ms, labelOf, counter) {
  const lat = [];
  const perLabel = {};
  let errors = 0;
  const cpu0 = await targetCpu();
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const i = counter.n++;
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
  return { lat, perLabel, errors, secs, cpu: (await targetCpu()) - cpu0 };
}

/** Slices of one load added up: req/s, p50/p99, CPU per request. */
function summary(name, slices) {
  const lat = slices.flatMap((s) => s.lat).sort((a, b) => a - b);
  const perLabel = {};
  for (const s of slices) for (const [k, l] of Object.entries(s.perLabel)) (perLabel[k] ??= []).push(...l);
  const secs = slices.reduce((a, s) => a + s.secs, 0);
  const cpu = slices.reduce((a, s) => a + s.cpu, 0);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  const errors = slices.reduce((a, s) => a + s.errors, 0);
  return { name, rps: lat.length / secs, p50: q(0.5), p99: q(0.99), n: lat.length, errors, cpuPerReq: cpu / lat.length, perLabel };
}

/**
 * `profileAs`: with --cpu-prof, the file name the target profiles this load into. `labelOf`: a label
 * per request index (the search term), for p50/p99 per label.
 */
async function load(name, makeRequest, profileAs, labelOf) {
  // warm-up
  for (let i = 0; i < 20; i++) await (await makeRequest(i)).arrayBuffer();
  const profiled = profileDir && profileAs;
  if (profiled) await ask('profile-start', 'profiling');
  const s = await slice(makeRequest, duration, labelOf, { n: 0 });
  if (profiled) console.log(`profile: ${await ask({ profileTo: `${profileDir}/${profileAs}.cpuprofile` }, 'profiled')}`);
  return summary(name, [s]);
}

/**
 * A scenario and its raw floor, interleaved: `rounds` pairs of short slices (app then floor, floor then
 * app, alternately), so both see the same moments of a shared machine's load, which drifts over the
 * seconds a run takes. "of raw" is total over total; `spread` is the range of the per-round ratios
 * (min, p25–p75, max): how far one run's figure can be trusted.
 */
async function interleaved(name, makeRequest, rawRequest, labelOf) {
  for (let i = 0; i < 20; i++) await (await makeRequest(i)).arrayBuffer();
  for (let i = 0; i < 20; i++) await (await rawRequest(i)).arrayBuffer();
  const ms = duration / rounds;
  const app = [];
  const raw = [];
  const appN = { n: 0 };
  const rawN = { n: 0 };
  for (let k = 0; k < rounds; k++) {
    if (k % 2 === 0) {
      app.push(await slice(makeRequest, ms, labelOf, appN));
      raw.push(await slice(rawRequest, ms, undefined, rawN));
    } else {
      raw.push(await slice(rawRequest, ms, undefined, rawN));
      app.push(await slice(makeRequest, ms, labelOf, appN));
    }
  }
  const r = summary(name, app);
  r.raw = summary('  raw SQL floor', raw);
  const ratios = app.map((s, k) => s.lat.length / s.secs / (raw[k].lat.length / raw[k].secs)).sort((a, b) => a - b);
  const at = (p) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))];
  r.spread = { min: ratios[0], p25: at(0.25), p75: at(0.75), max: ratios[ratios.length - 1] };
  return r;
}

const results = [];
// Each scenario beside its raw floor, interleaved (same load, same moments of the machine's load); with
// --cpu-prof one after the other instead, so each profile holds one of them only.
const scenario = async (name, makeRequest, rawRequest, labelOf) => {
  const file = name.replace(/\W+/g, '-').replace(/^-|-$/g, '');
  let r;
  if (profileDir) {
    r = await load(name, makeRequest, file, labelOf);
    r.raw = await load('  raw SQL floor', rawRequest, `${file}.raw`);
  } else r = await interleaved(name, makeRequest, rawRequest, labelOf);
  results.push(r, r.raw);
};
if (args.cost) {
  // Load-robust CPU per request (see --cost): list threads beside its floor, alternately.
  const n = Number(args.cost);
  const app = [];
  const floor = [];
  const costed = (side) => ask({ cost: { side, path: side === 'app' ? '/api/v1/threads?limit=20' : '/raw/list', n } }, 'costed');
  if (profileDir) {
    // With --cpu-prof: all app rounds in one profile, then all floor rounds in another (the CPU figures
    // below then include the profiler's cost: read them from a run without it).
    for (const [side, into, file] of [['app', app, 'list-threads.cost'], ['raw', floor, 'list-threads.cost.raw']]) {
      await ask('profile-start', 'profiling');
      for (let k = 0; k < 10; k++) into.push(await costed(side));
      console.log(`profile: ${await ask({ profileTo: `${profileDir}/${file}.cpuprofile` }, 'profiled')}`);
    }
  } else {
    for (let k = 0; k < 10; k++) {
      app.push(await costed('app'));
      floor.push(await costed('raw'));
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  const [ac, fc] = [app.map((x) => x.cpu), floor.map((x) => x.cpu)];
  const ratios = app.map((x, k) => floor[k].cpu / x.cpu);
  console.log(`CPU µs per request, median of 10 rounds of ${n} (range):`);
  console.log(`  list threads    ${med(ac).toFixed(0)} (${range(ac)})   wall ${med(app.map((x) => x.wall)).toFixed(0)} µs`);
  console.log(`  raw SQL floor   ${med(fc).toFixed(0)} (${range(fc)})   wall ${med(floor.map((x) => x.wall)).toFixed(0)} µs`);
  console.log(`  floor/app CPU   ${med(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); app − floor ${(med(ac) - med(fc)).toFixed(0)} µs`);
  const [la1] = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ');
  console.log(`load average at the end: ${la1} (1 min)`);
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  process.exit(0);
}
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
const ratio = (x) => x.toFixed(2);
const spreadText = (s) => `${ratio(s.min)} ${ratio(s.p25)}–${ratio(s.p75)} ${ratio(s.max)}`;
// "CPU µs/req": the target process's CPU time per request (the load generator and the database are
// other processes); "raw CPU" is the floor's CPU per request over the scenario's (1.00× = as lean as the
// floor; read it like "of raw").
console.log(`${pad('scenario', 28)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('of bare', 9)}${lpad('of raw', 9)}${lpad('CPU µs/req', 12)}${lpad('raw CPU', 9)}${lpad('errors', 8)}  of raw per round: min p25–p75 max`);
for (const r of results) {
  console.log(
    `${pad(r.name, 28)}${lpad(r.rps.toFixed(0), 9)}${lpad(r.p50.toFixed(1), 9)}${lpad(r.p99.toFixed(1), 9)}${lpad(pct(r.rps / ceiling), 9)}${lpad(r.raw ? pct(r.rps / r.raw.rps) : '', 9)}${lpad(r.cpuPerReq.toFixed(0), 12)}${lpad(r.raw ? (r.raw.cpuPerReq / r.cpuPerReq).toFixed(2) + '×' : '', 9)}${lpad(r.errors, 8)}${r.spread ? `  ${spreadText(r.spread)}` : ''}`,
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
