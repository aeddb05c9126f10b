// The keep-alive race, on demand (server/src/listen.ts says why the server keeps idle connections 65 s).
// A client (Node's fetch, undici) reuses an idle keep-alive connection inside its own idle limit (the
// server's `Keep-Alive: timeout=N` hint less undici's 2 s margin), while the server, busy running
// JavaScript for other clients, gets no CPU across its keep-alive deadline: a starved process on a busy
// 2-core machine, modelled here by SIGSTOP/SIGCONT of the server this script starts. Where the deadline
// falls in the stop, the server's timer closes the connection before it reads the request that arrived
// meanwhile: `fetch failed`, `read ECONNRESET`, with the server up. Prints one line per round and the
// counts, for the server's keep-alive (default 65 s; CONFAB_KEEP_ALIVE_MS=5000 gives Node's default).
//
//   node bench/server/keep-alive-race.mjs [rounds=4]     (after `npm run build`; about 10 s a round)
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../test/e2e/server.mjs';
import { makeScratchDir } from '../../test/support/scratch-dir.mjs';

const rounds = Number(process.argv[2] ?? 4);
const root = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A seeded data dir from the server suite's snapshot writer (as test/e2e/run.mjs makes it).
const scratch = makeScratchDir('confab-ka-race-');
const seeded = join(scratch, 'data');
const made = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/server/pglite-snapshot.ts'), seeded], { stdio: 'inherit' });
if (made.status !== 0) throw new Error('seeding failed');
const server = await startServer({}, { seeded });
const pid = Number(/pid (\d+)/.exec(server.status())[1]);

// Other clients keep the server running JavaScript: a new connection per request (not undici's pool).
let loading = true;
const get = () => new Promise((res) => http.get(`${server.origin}/api/v1/threads?sort=latest&limit=50`, { agent: false }, (r) => r.resume().on('end', res)).on('error', res));
const load = Promise.all(Array.from({ length: 8 }, async () => { while (loading) await get(); }));

let resets = 0;
let hint = '';
try {
  for (let i = 0; i < rounds; i++) {
    const first = await fetch(`${server.origin}/api/health`);
    hint = first.headers.get('keep-alive') ?? '';
    await first.text();
    // Inside undici's idle limit for any hint of 5 s or more (it reuses this connection), the server stops
    // until past a 5 s deadline.
    await sleep(2500);
    process.kill(pid, 'SIGSTOP');
    const reused = fetch(`${server.origin}/api/health`).then((r) => `HTTP ${r.status}`, (e) => `${e.message}: ${e.cause?.message}`);
    await sleep(3500);
    process.kill(pid, 'SIGCONT');
    const outcome = await reused;
    if (outcome.includes('ECONNRESET')) resets++;
    console.log(`round ${i + 1}: ${outcome}; ${server.status()}`);
  }
} finally {
  loading = false;
  await load;
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`Keep-Alive ${hint}: ${resets} of ${rounds} reused connections reset while the server was up`);
