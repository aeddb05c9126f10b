#!/usr/bin/env node
// Server benchmark: requests/s and p50/p99 latency for list-threads, search and ask under concurrent
// load on loopback, beside a bare Hono route in the same run (the framework's ceiling), with the ratio.
//
//   node bench/server/bench.mjs                 seeded size, PGlite (DATABASE_URL unset) or PostgreSQL
//   node bench/server/bench.mjs --bulk=100000   plus 100k threads and 100k articles
//   options: --duration=5 (s per scenario) --connections=16
//            --keep          PostgreSQL: keep the loaded schema (bench_keep_<bulk>) and reuse it next time
//            --only=a,b      run only these scenarios (bare, list, search, similar, ask); bare always runs
// Figures, not pass/fail: it prints a table. Loopback only; no external targets.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const duration = Number(args.duration ?? 5) * 1000;
const connections = Number(args.connections ?? 16);
const bulk = Number(args.bulk ?? 0);
const only = args.only ? new Set(['bare', ...String(args.only).split(',')]) : null;
const wanted = (key) => !only || only.has(key);

const target = fileURLToPath(new URL('./target.ts', import.meta.url));
const child = fork(target, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_BULK: String(bulk), BENCH_KEEP: String(args.keep === 'true') }, stdio: 'inherit' });
console.log(`starting target (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}${bulk ? `, bulk-loading ${bulk} threads + ${bulk} articles + ${bulk} questions` : ', seeded size'}) …`);
const info = await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (c) => reject(new Error(`target exited with ${c}`)));
});
console.log(`target ready: ${info.db}, setup ${(info.loadMs / 1000).toFixed(1)} s; ${connections} connections, ${duration / 1000} s per scenario\n`);

const app = `http://127.0.0.1:${info.appPort}`;
const bare = `http://127.0.0.1:${info.barePort}`;
const auth = { authorization: `Bearer ${info.token}` };
// Drafts a partner types into the ask form, for the similar-question lookup (deflection).
const DRAFTS = ['How do I register a deal', 'high availability active-active', 'MDF request pending', 'upgrade path to the latest release', 'okta sso login fails', 'vpn tunnel drops', 'licence renewal', 'backup restore failed'];
const TERMS = ['high availability', 'firew', 'deal registration', 'okta sso', 'upgrade 5.2', 'sizing', 'mdf', 'vpn tunnel', 'licens', 'backup restore'];

async function load(name, makeRequest) {
  // warm-up
  for (let i = 0; i < 20; i++) await (await makeRequest(i)).arrayBuffer();
  const lat = [];
  let errors = 0;
  let n = 0;
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
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { name, rps: lat.length / secs, p50: q(0.5), p99: q(0.99), n: lat.length, errors };
}

const results = [];
results.push(await load('bare Hono route', () => fetch(`${bare}/bare`)));
if (wanted('list')) results.push(await load('list threads', () => fetch(`${app}/api/v1/threads?limit=20`)));
if (wanted('search')) {
  results.push(await load('search (signed in, gold)', (i) => fetch(`${app}/api/v1/articles/search?q=${encodeURIComponent(TERMS[i % TERMS.length])}`, { headers: auth })));
  results.push(await load('search (anonymous)', (i) => fetch(`${app}/api/v1/articles/search?q=${encodeURIComponent(TERMS[i % TERMS.length])}`)));
}
if (wanted('similar')) results.push(await load('similar questions', (i) => fetch(`${app}/api/v1/questions/similar?q=${encodeURIComponent(DRAFTS[i % DRAFTS.length])}`, { headers: auth })));
if (wanted('ask')) results.push(
  await load('ask (POST question)', (i) =>
    fetch(`${app}/api/v1/questions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Benchmark question number ${i} about deal registration`, body: 'How do I register this deal?', category: 'deal-registration' }),
    }),
  ),
);

const ceiling = results[0].rps;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`${pad('scenario', 28)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('of bare', 9)}${lpad('errors', 8)}`);
for (const r of results) {
  console.log(
    `${pad(r.name, 28)}${lpad(r.rps.toFixed(0), 9)}${lpad(r.p50.toFixed(1), 9)}${lpad(r.p99.toFixed(1), 9)}${lpad(((r.rps / ceiling) * 100).toFixed(1) + '%', 9)}${lpad(r.errors, 8)}`,
  );
}
child.send('stop');
await new Promise((r) => child.once('exit', r));
