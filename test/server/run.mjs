#!/usr/bin/env node
// Runs the server suite on PGlite (DATABASE_URL removed) and, when DATABASE_URL is set, on PostgreSQL
// at the same time: the two runs share nothing (PGlite in memory or its own temp dir, ports picked
// free), and each is a single node process mostly busy on its own database, so on 2 cores they take
// about as long as the slower one instead of the sum. The PostgreSQL run's output is held back and
// printed after the PGlite run's, so the log reads as before.
// Prints `server: N passed, M failed` (the sum of both runs) and exits non-zero on failure.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_WASM_FLAGS } from '../support/node-flags.mjs';
import { makeScratchDir } from '../support/scratch-dir.mjs';
import { stopChildren } from '../support/run-node-tests.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const only = process.argv.slice(2);
const files = (only.length ? only : readdirSync(here).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(here, f))).map((f) =>
  relative(root, f),
);

// Files at a time in each of the two runs (CONFAB_SERVER_CONCURRENCY to try another figure).
const CONCURRENCY = Number(process.env.CONFAB_SERVER_CONCURRENCY) || 1;

// The multiprocess*.test.ts files register nothing without DATABASE_URL, so the PGlite run leaves them out.
const PG_ONLY = /multiprocess(-[\w-]+)?\.test\.ts$/;

// What a stop from outside (run-all's time limit, which signals the whole process group, or Ctrl-C)
// has to clean up: the scratch folder (the PGlite snapshot and every test database's copy of it) and
// the template databases (the template and every copy of it, dropped by name prefix). The handlers are
// in place before anything is made, and they stop the children (the snapshot and template writers, the
// `node --test` runs) and wait for them to exit before removing what those children use.
let scratch;
let template;
const children = new Set();
function track(child) {
  children.add(child);
  child.on('close', () => children.delete(child));
  return child;
}
let stopping = false;
async function stop() {
  if (stopping) return; // a second signal while cleaning up
  stopping = true;
  await stopChildren(children, { graceMs: 5000 });
  if (scratch) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  if (template) spawnSync(process.execPath, ['--import', 'tsx', join(here, 'pg-template.ts'), 'drop', template], { cwd: root, stdio: 'inherit' });
  process.exit(1);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

function run(label, env, { live = true } = {}) {
  const list = env.DATABASE_URL ? files : files.filter((f) => !PG_ONLY.test(f));
  return new Promise((resolve) => {
    const held = [];
    const out = (text) => (live ? process.stdout.write(text) : held.push(text));
    out(`\n=== server tests on ${label} (${list.length} files)\n`);
    // The test runner passes its own V8 flags on to each file's process (NODE_WASM_FLAGS: see node-flags.mjs).
    const child = spawn(process.execPath, [...NODE_WASM_FLAGS, '--import', 'tsx', '--test', `--test-concurrency=${CONCURRENCY}`, '--test-reporter=tap', ...list], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', live ? 'inherit' : 'pipe'],
    });
    track(child);
    let pass = 0;
    let fail = 0;
    let rest = '';
    child.stderr?.on('data', (d) => held.push(d.toString()));
    child.stdout.on('data', (d) => {
      out(d.toString());
      rest += d.toString();
      const lines = rest.split('\n');
      rest = lines.pop();
      for (const l of lines) {
        let m;
        if ((m = /^# pass (\d+)/.exec(l))) pass += Number(m[1]);
        if ((m = /^# fail (\d+)/.exec(l))) fail += Number(m[1]);
      }
    });
    child.on('close', (code) => {
      for (const l of rest.split('\n')) {
        let m;
        if ((m = /^# pass (\d+)/.exec(l))) pass += Number(m[1]);
        if ((m = /^# fail (\d+)/.exec(l))) fail += Number(m[1]);
      }
      // A run that died without a summary (or exited non-zero with no failures counted) is a failure.
      if (code !== 0 && fail === 0) fail = 1;
      out(`--- ${label}: ${pass} passed, ${fail} failed\n`);
      resolve({ pass, fail, held });
    });
  });
}

// The PGlite run starts every database on a copy of one migrated and seeded data directory made here
// (see pglite-snapshot.ts), in scratch space (test/support/scratch-dir.mjs). The copies go in the same
// scratch folder, beside the snapshot, so that removing the folder removes them all.
function writeSnapshot() {
  scratch = makeScratchDir('confab-pglite-');
  const dir = join(scratch, 'data');
  return new Promise((resolve) => {
    const child = track(spawn(process.execPath, ['--import', 'tsx', join(here, 'pglite-snapshot.ts'), dir], { cwd: root, stdio: 'inherit' }));
    // Without a snapshot the files start fresh databases: slower, same results.
    child.on('close', (code) => resolve(code === 0 ? dir : undefined));
  });
}

// The PostgreSQL run copies every test database from one migrated and seeded template made here (see
// pg-template.ts). Named after DATABASE_URL's database, so that runs of several people on one
// PostgreSQL stay apart, and with a random part, so that two runs of one person do too.
const pgTemplate = (command, name) =>
  new Promise((resolve) => {
    const child = track(spawn(process.execPath, ['--import', 'tsx', join(here, 'pg-template.ts'), command, name], { cwd: root, stdio: 'inherit' }));
    child.on('close', resolve);
  });
async function makeTemplate() {
  // Recorded before `create` starts, so that a stop while it runs drops what it made so far.
  template = `${new URL(process.env.DATABASE_URL).pathname.slice(1).replace(/\W/g, '_').slice(0, 30)}_tpl${randomBytes(3).toString('hex')}`;
  const code = await pgTemplate('create', template);
  if (code === 0) return template;
  // Killed (by a stop, or else): the name stays recorded, for stop() or the end of the run to drop.
  if (stopping || code === null) return undefined;
  // No CREATEDB (or another failure, printed above): a fresh schema per test env, as before; slower, same results.
  // (`create` drops a template it failed to finish.)
  template = undefined;
  console.log(`server tests on PostgreSQL: no template database (${code === 3 ? 'the role may not create databases' : `exit ${code}`}); a fresh schema per test file`);
  return undefined;
}

const base = { ...process.env };
delete base.DATABASE_URL;
const [snapshot, made] = await Promise.all([writeSnapshot(), process.env.DATABASE_URL ? makeTemplate() : undefined]);
const pgRun = process.env.DATABASE_URL ? run('PostgreSQL', { ...process.env, ...(made && { CONFAB_TEST_PG_TEMPLATE: made }) }, { live: false }) : undefined;
if (snapshot) base.CONFAB_TEST_PGLITE_SNAPSHOT = snapshot;
const runs = [run('PGlite', base)];
if (pgRun) runs.push(pgRun);
const results = [await runs[0]];
rmSync(scratch, { recursive: true, force: true });
if (runs[1]) {
  const pg = await runs[1];
  if (template) await pgTemplate('drop', template);
  template = undefined;
  process.stdout.write(pg.held.join(''));
  results.push(pg);
}
const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
console.log(`server: ${pass} passed, ${fail} failed`);
if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${pass} ${fail}\n`);
process.exit(fail > 0 ? 1 : 0);
