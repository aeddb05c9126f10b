// End-to-end tests: the demo portal in Chromium against the reference server. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { readdirSync, appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { runNodeTests, stopNodeTests, stopChildren } from '../support/run-node-tests.mjs';
import { makeScratchDir } from '../support/scratch-dir.mjs';
import { bundleServer } from '../support/server-bundle.mjs';
import { LAUNCH_OPTIONS } from '../../bench/browser.mjs';

// `node test/e2e/run.mjs [file...]`: the files named, else every *.test.mjs here.
const named = process.argv.slice(2);
const found = named.length ? named : readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.mjs')).map((f) => `test/e2e/${f}`);
// Slowest first, so that no long file starts last and runs alone at the end (the pool takes files in
// order). Seconds per file at 4 at a time, from the runner's own list (fresh-check of session 12, load
// 2-20); a file not listed counts as the slowest, so a new file is never the one left running alone.
const SECONDS = {
  'hardening-isolation': 128, 'hardening-xss-qa': 124, 'hardening-faults': 121, 'elements-search-badge': 111, 'elements-feed-qa': 94,
  'hardening-xss-fake': 93, portal: 70, 'hardening-faults-timeout': 58, 'hardening-xss': 42, 'hardening-xss-bodies': 40,
  'hardening-copies': 28, 'moderation-queue': 20, spa: 18, notifications: 17, insights: 17, 'hardening-csp': 14, classic: 12, react: 9,
};
const secondsOf = (file) => SECONDS[file.replace(/^.*\//, '').replace(/\.test\.mjs$/, '')] ?? Math.max(...Object.values(SECONDS));
const files = [...found].sort((a, b) => secondsOf(b) - secondsOf(a));
// Files at a time: each starts its own server on a free port with its own PGlite data dir and its own
// browser, so files share nothing. 4 run at once. (The figure that chose 4, "2 at a time kept 0.7 of a
// core busy", left out Chromium's CPU: see test/support/cpu-time.mjs. Counted whole, 4 at a time kept
// 0.9 of a core busy: 262 s CPU over 280 s, in a fresh-check at load 8-23.)
// Seed the demo community once, into a data dir every file's server copies (see server.mjs): the server
// suite's snapshot writer (test/server/pglite-snapshot.ts: migrated, seeded, closed cleanly, 1 MB WAL
// segments so that each copy is small), in scratch space (test/support/scratch-dir.mjs).
const scratch = makeScratchDir('confab-e2e-seeded-');
const seeded = join(scratch, 'data');
// The server as one bundle, built while the seeding runs: each file's servers start from it (server.mjs).
// In <repo>/tmp/ (test/support/server-bundle.mjs says why), removed at the end or when stopped.
let bundle;
let bundling;
// Stopped from outside (run-all's time limit signals the whole process group; Ctrl-C): the files are
// stopped and awaited (each stops its servers first: server.mjs), then the scratch folder goes, with the
// seeded dir and every server's copy of it (server.mjs puts them there), and the bundle. Chromium is killed on exit.
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await stopChildren([seeding]);
  await stopNodeTests();
  rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  await bundling?.catch(() => {});
  if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  process.exit(1);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const t0 = Date.now();
// One Chromium for every file, started while the seeding runs: each file connects to it (bench/browser.mjs
// `launch()` with CONFAB_BROWSER_WS) and opens its own contexts, so files still share no cookies,
// storage or cache, but 18 browser start-ups become one. Playwright's own SIGINT handler would exit
// before the clean-up above; its exit handler kills the browser.
const browsing = chromium.launchServer({ ...LAUNCH_OPTIONS, handleSIGINT: false });
bundling = bundleServer('e2e-server-').then((b) => (bundle = b));
// Awaited below; a failure while the seeding still runs must not end the process before the clean-up.
bundling.catch(() => {});
const seeding = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../server/pglite-snapshot.ts', import.meta.url)), seeded], { stdio: 'inherit' });
const code = await new Promise((resolve) => seeding.on('close', resolve));
if (code !== 0) {
  rmSync(scratch, { recursive: true, force: true });
  await bundling.then(() => rmSync(bundle.dir, { recursive: true, force: true }), () => {});
  throw new Error(`e2e: seeding the demo community failed (exit ${code})`);
}
console.log(`e2e: seeded the demo community once in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const browser = await browsing;
await bundling;
const env = { ...process.env, CONFAB_E2E_SEEDED_DIR: seeded, CONFAB_BROWSER_WS: browser.wsEndpoint(), CONFAB_E2E_SERVER_BUNDLE: bundle.file };
const { pass, fail } = await runNodeTests(files, { env, label: 'e2e', concurrency: Number(process.env.CONFAB_E2E_CONCURRENCY) || 4 });
await browser.close();
rmSync(scratch, { recursive: true, force: true });
rmSync(bundle.dir, { recursive: true, force: true });
if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${pass} ${fail}\n`);
process.exit(fail ? 1 : 0);
