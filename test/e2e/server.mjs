// Starts the reference server as `npm start` does (after a build), on a free port with a fresh
// PGlite data dir, and waits until it answers /api/health.
//
// Seeding the demo community is most of a fresh server's start (measured on the shared 2-core machine:
// 136 s fresh, 24 s from a copy; about 5:1 on a quiet one). run.mjs writes one migrated and seeded data
// dir before the files start (test/server/pglite-snapshot.ts, the server suite's snapshot) and names it
// in CONFAB_E2E_SEEDED_DIR; every server then starts on its own copy of it, in scratch space
// (test/support/scratch-dir.mjs), which is the same fresh, seeded state. Without that variable (a file
// run on its own) the server seeds.
// Started by run.mjs, the server runs from one bundle of server/src (CONFAB_E2E_SERVER_BUNDLE:
// test/support/server-bundle.mjs) instead of through tsx; a file run on its own uses tsx as `npm start` does.
// The server runs with NODE_WASM_FLAGS (test/support/node-flags.mjs): its PGlite's WebAssembly stays
// on V8's baseline compiler.
// The wait for /api/health returns when the server answers; its 180 s limit only bounds a failure (at
// load 25 on the shared machine, four copies starting beside the server suite went past 90 s).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_WASM_FLAGS } from '../support/node-flags.mjs';
import { stopChildren } from '../support/run-node-tests.mjs';
import { makeScratchDir } from '../support/scratch-dir.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// Servers of this file not yet stopped. A stop from outside (run-all signals the whole process group;
// test/e2e/run.mjs signals its files) would otherwise kill the file at once and leave each server
// running and its data dir in place: the first signal stops them all, then the file exits.
const running = new Set();
let stopping = false;
let handling = false;
function onSignal(signal) {
  if (stopping) return;
  stopping = true;
  Promise.allSettled([...running].map((stop) => stop())).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}

export async function startServer(extraEnv = {}, { dataDir, seeded = process.env.CONFAB_E2E_SEEDED_DIR, timeoutMs = 180_000 } = {}) {
  if (!handling) {
    handling = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  // A copy of the seeded dir goes beside it, in run.mjs's scratch folder, which run.mjs removes whole
  // at the end or when stopped.
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  dataDir ??= seeded ? mkdtempSync(join(dirname(seeded), 'server-')) : makeScratchDir('confab-e2e-');
  try {
    if (seeded) cpSync(seeded, dataDir, { recursive: true });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONFAB_DATA_DIR: dataDir, NODE_ENV: 'development', ...extraEnv };
  delete env.DATABASE_URL;
  // run.mjs names a bundle of the server (test/support/server-bundle.mjs): the same code, loaded faster.
  const bundle = process.env.CONFAB_E2E_SERVER_BUNDLE;
  const entry = bundle ? ['--enable-source-maps', bundle] : ['--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(process.execPath, [...NODE_WASM_FLAGS, ...entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  // A server that exits on its own while a file uses it (a crash) resets every request in flight, and
  // the test then reports only `fetch failed ... ECONNRESET`. So such an exit is recorded and reported
  // at once, with the server's log (nothing else prints the log of a server that started fine), and
  // `status()` tells a failed request whether the server was still up (after `settle()`). 'close' comes
  // after the last of its output; `status()` reads the exit code itself, which is set earlier, at 'exit'.
  const started = Date.now();
  let ready = false;
  let stopRequested = false;
  let exitedAt = 0;
  const exited = new Promise((r) => child.once('exit', () => r((exitedAt = Date.now()))));
  // A crash resets the server's connections before this process hears of its exit: a request that
  // failed waits up to `ms` for that news before it calls the server alive.
  const settle = (ms = 2000) => Promise.race([exited, new Promise((r) => setTimeout(r, ms))]);
  let reported = false;
  const exitOf = () =>
    child.exitCode === null && child.signalCode === null ? null : `(exit code ${child.exitCode}, signal ${child.signalCode}) ${(((exitedAt || Date.now()) - started) / 1000).toFixed(1)} s after its start`;
  const report = () => {
    if (reported || !ready) return;
    reported = true;
    process.stderr.write(`[e2e] server ${origin} (pid ${child.pid}) exited on its own ${exitOf()}; its log:\n${quote(log)}\n`);
  };
  child.once('close', () => {
    if (!stopRequested) report();
  });
  const alive = () => !stopRequested && exitOf() === null;
  const status = () => {
    const exit = exitOf();
    if (stopRequested) return 'server being stopped by the test';
    return exit ? `server exited on its own ${exit}` : `server alive (pid ${child.pid})`;
  };
  async function stop({ keepData = false } = {}) {
    running.delete(stop);
    // Exited before the test stopped it (its 'close' may not have come yet): that is reported too.
    if (exitOf() !== null && !stopRequested) report();
    stopRequested = true;
    await stopChildren([child], { graceMs: 10_000 });
    if (!keepData) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
  running.add(stop);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A server that did not come up is stopped and its data dir removed before the error.
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`server exited early:\n${log}`);
    }
    try {
      const r = await fetch(`${origin}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /api/health in ${timeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  ready = true;
  return { origin, log: () => log, alive, settle, status, stop };
}

// Each line marked, so that the test runner's stderr filter (test/support/run-node-tests.mjs shows
// only lines that do not look like TAP) keeps indented ones such as a stack trace.
const quote = (text) => text.trimEnd().split('\n').map((l) => `[e2e server] ${l}`).join('\n');

/**
 * What a test says about a request to `server` that failed without an answer (`fetch failed`): the
 * network error under it (ECONNRESET...), whether the server was still up, and the end of its log.
 * Use it as the message of the error thrown in its place (the original goes in `cause`). It first
 * waits (`settle()`) for news of an exit, which a crash's resets arrive before.
 */
export async function describeRequestFailure(server, what, error) {
  await server.settle();
  const cause = error?.cause;
  const net = cause ? ` (${[cause.code, cause.message].filter(Boolean).join(': ')})` : '';
  return `${what}: ${error?.message ?? error}${net}; ${server.status()}; last lines of its log:\n${quote(server.log().split('\n').slice(-30).join('\n'))}`;
}
