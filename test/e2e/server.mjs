// Starts the reference server as `npm start` does (after a build), on a free port with a fresh
// PGlite data dir, and waits until it answers /api/health.
//
// Seeding the demo community is most of a fresh server's start (measured on the shared 2-core machine:
// 136 s fresh, 24 s from a copy; about 5:1 on a quiet one). run.mjs writes one migrated and seeded data
// dir before the files start (test/server/pglite-snapshot.ts, the server suite's snapshot) and names it
// in CONFAB_E2E_SEEDED_DIR; every server then starts on its own copy of it, in scratch space
// (test/support/scratch-dir.mjs), which is the same fresh, seeded state. Without that variable (a file
// run on its own) the server seeds.
// The server runs with NODE_WASM_FLAGS (test/support/node-flags.mjs): its PGlite's WebAssembly stays
// on V8's baseline compiler.
// The wait for /api/health returns when the server answers; its 180 s limit only bounds a failure (at
// load 25 on the shared machine, four copies starting beside the server suite went past 90 s).
import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { NODE_WASM_FLAGS } from '../support/node-flags.mjs';
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

export async function startServer(extraEnv = {}, { dataDir = makeScratchDir('confab-e2e-'), seeded = process.env.CONFAB_E2E_SEEDED_DIR, timeoutMs = 180_000 } = {}) {
  const port = await freePort();
  if (seeded) cpSync(seeded, dataDir, { recursive: true });
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONFAB_DATA_DIR: dataDir, NODE_ENV: 'development', ...extraEnv };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...NODE_WASM_FLAGS, '--import', 'tsx', 'server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const r = await fetch(`${origin}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`server did not answer /api/health in ${timeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    origin,
    log: () => log,
    async stop({ keepData = false } = {}) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
