// `npm test`: every suite, then one plain `N passed, M failed` line for CI log readers.
// A step that fails without reporting a count (a build error, a crash) counts as one failure.
//
// Steps run as soon as what they need has finished and their `cores` fit beside the running ones (CI has
// 2 cores; a step without `cores` keeps one busy, like a tsc). `cores` is measured: each step's line
// ends with its CPU seconds over its wall seconds. Measured on the 2-core machine: the browser suite
// (one file at a time) keeps 0.74 of a core busy (167 s CPU over 225 s), e2e 1.24 (377 s over 305 s),
// so the two run side by side. Server keeps both cores busy and runs alone (cores: 2). The first
// fresh-check with that pairing measured e2e 0.7, browser 0.3 and storybook 0.2 of a core (337, 116 and
// 22 s CPU over 517, 401 and 95 s): all three wait more than they compute, so storybook (which ran
// alone after them, 95 s) now runs beside them too: 1.25 + 0.5 + 0.25 = the two cores.
// Server measured 1.5 cores alone (169-189 s) and is declared so: server and e2e (1.25) never run
// together, but the browser suite and storybook fit beside whichever of the two runs first.
// Session 10: the order is build, server beside the browser suite, then e2e beside the short checks and
// storybook (see SHORT and the comment above server).
// Session 11: every figure above was taken before cpu-time.mjs counted Chromium (its processes outlive
// the browser's exit and were never counted), so "waits more than it computes" was partly that gap.
// Counted whole, in a fresh-check at load 8-23: e2e 262 s CPU over 280 s (0.9 of a core), browser 131 s
// over 181 s (0.7), storybook 50 s over 116 s (0.4); server 115 s over 252 s (0.5, plus the PostgreSQL
// backends, which no figure counts). So the server suite is now declared at 1 core and starts at 0, beside
// the build (see the comment above it).
// A step that runs with nothing beside it shows its output live; the output of steps that overlap is
// held and printed whole when each finishes, so the log stays readable.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The short checks that wait for the build (manifest, openapi, pack, consumers, size, storybook-build:
// 1 to 50 s each, 120 s in all) are declared at 0.4 of a core, so that one at a time fits beside e2e
// (1.25) and the browser suite (0.3) once the server suite is done, instead of waiting for e2e's end.
const SHORT = 0.4;

const steps = [
  // The build and the server suite first, side by side: the longest chain is server -> e2e (e2e does
  // not fit beside the server suite), and the server suite needs no build. Until session 11 the typecheck
  // steps below went beside the build, so the server suite began only as the build ended (76-110 s in).
  // Declared at 1 core: counted whole (cpu-time.mjs), it kept 0.5 of a core busy (115 s CPU over 252 s,
  // fresh-check at load 8-23), and its PostgreSQL run's backends, which no figure counts, add some.
  { name: 'build', cmd: 'npm run build --silent' },
  { name: 'server', cmd: 'node test/server/run.mjs', counted: true, cores: 1, when: () => existsSync('test/server/run.mjs') },
  // The SDK, then the server with its tests and benchmarks (tsx runs them without checking types).
  { name: 'typecheck', cmd: 'npx tsc --noEmit -p .' },
  { name: 'typecheck-server', cmd: 'npx tsc -p server/tsconfig.json' },
  // Type tests: the React wrappers' and JSX typings' @ts-expect-error lines (`sort="oldest"` and the like).
  { name: 'types', cmd: 'npx tsc -p test/browser/tsconfig.types.json' },
  // ARCHITECTURE's layering: no element touches IndexedDB or the global fetch.
  { name: 'layering', cmd: 'node --test test/layering/elements.test.mjs' },
  // No import cycles in the SDK or the server (type-only imports count too): madge exits 1 on any.
  // A cycle usually means a lazy part imports its element; parts import the element's host.ts instead.
  { name: 'cycles', cmd: 'npx madge --circular --extensions ts --ts-config tsconfig.json src server/src' },
  // e2e is declared before the short checks that also wait for the build: declared order is priority
  // order, so it starts as soon as the server suite ends (in session 9 the server suite, declared after
  // them, found its cores only once the last of those checks had ended, at 230-290 s of a 880-980 s run).
  { name: 'e2e', cmd: 'node test/e2e/run.mjs', counted: true, cores: 1.25, after: ['build'], when: () => existsSync('test/e2e/run.mjs') },
  // The custom-elements.json that build wrote: tokens, parts, event types and unions for every element.
  { name: 'manifest', cmd: 'node --test test/manifest/custom-elements.test.mjs', cores: SHORT, after: ['build'] },
  // The OpenAPI document as the server generates it, at 0 errors and 0 warnings of redocly's recommended rules.
  // After build: both write openapi.json.
  { name: 'openapi', cmd: 'node test/openapi/lint.mjs', cores: SHORT, after: ['build'] },
  // The tarball npm would publish: publint, arethetypeswrong, and every exported file present.
  { name: 'pack', cmd: 'node test/pack/run.mjs', counted: true, cores: SHORT, after: ['build', 'openapi'] },
  // The same tarball installed into Vite + TS, Vite + React 19 and Vue 3 apps (test/consumers/): each
  // typechecked with the README's blocks for its framework and built; the React one opened in Chromium.
  { name: 'consumers', cmd: 'node test/consumers/run.mjs', counted: true, cores: SHORT, after: ['pack'] },
  // Every budget fails the run: loader, IIFE, each element's first load and all of them together.
  { name: 'size', cmd: 'npm run size', cores: SHORT, after: ['build'] },
  // After build: Storybook's autodocs read the custom-elements.json that build generates. Built here,
  // alongside the static checks, so the smoke step below only opens stories.
  { name: 'storybook-build', cmd: 'npx storybook build --quiet -o storybook-static', cores: SHORT, after: ['build'], when: () => existsSync('test/storybook/smoke.mjs') },
  // Declared after server and e2e: it has no prerequisite, so every ready step declared before it
  // goes first, and it takes what they leave (in the s8 run: beside build, once the tsc steps were
  // done). It waits more than it computes: 0.3 of a core, measured (113-133 s CPU over 395-436 s).
  { name: 'browser', cmd: 'npx web-test-runner', counted: true, cores: 0.3 },
  { name: 'storybook', cmd: 'node test/storybook/smoke.mjs --no-build', counted: true, cores: 0.25, after: ['storybook-build'], when: () => existsSync('test/storybook/smoke.mjs') },
].filter((s) => !s.when || s.when());

const CPU_TIME = fileURLToPath(new URL('./support/cpu-time.mjs', import.meta.url));
const runStarted = Date.now();
let passed = 0;
let failed = 0;
const results = new Map(); // name -> { ok, line }
// Steps running now, so that a run stopped from outside (CI's time limit, Ctrl-C) still prints what
// their held output says so far (which file or test hung) and stops their whole process groups.
const active = new Map(); // name -> { child, held, live }

function runStep(step, live) {
  const scratch = mkdtempSync(join(tmpdir(), 'confab-count-'));
  const countFile = join(scratch, 'count');
  const cpuFile = join(scratch, 'cpu');
  const started = Date.now();
  const header = `\n=== ${step.name}: ${step.cmd}\n`;
  if (live) process.stdout.write(header);
  const held = [header];
  // Held output also goes to a file as it comes, for reading while the step runs.
  const log = live ? undefined : createWriteStream(join(scratch, `${step.name}.log`));
  if (log) process.stdout.write(`\n=== ${step.name} started beside other steps: output when it ends; meanwhile in ${log.path}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CPU_TIME, cpuFile, step.cmd], {
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CONFAB_COUNT_FILE: countFile },
      detached: true, // its own process group, so that stopping the run stops everything it started
    });
    active.set(step.name, { child, held, live });
    const keep = (d) => (held.push(d), log?.write(d));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('close', (status) => {
      active.delete(step.name);
      log?.end();
      if (!live) process.stdout.write(Buffer.concat(held.map((h) => (typeof h === 'string' ? Buffer.from(h) : h))));
      let p = 0;
      let f = 0;
      if (step.counted && existsSync(countFile)) {
        for (const line of readFileSync(countFile, 'utf8').trim().split('\n')) {
          const [a, b] = line.split(' ').map(Number);
          p += a;
          f += b;
        }
        if (status !== 0 && f === 0) f = 1;
      } else if (status === 0) p = 1;
      else f = 1;
      passed += p;
      failed += f;
      const s = Math.round((Date.now() - started) / 1000);
      const at = Math.round((started - runStarted) / 1000);
      // CPU seconds over wall seconds: how many cores the step kept busy (2 = the CI machine is full).
      // `cgroup` (every process the step started) or `waited` (Chromium's left out): see cpu-time.mjs.
      const [cpuText, how] = existsSync(cpuFile) ? readFileSync(cpuFile, 'utf8').split(' ') : [];
      const cpu = Number(cpuText ?? NaN);
      const busy = Number.isFinite(cpu) ? `, ${Math.round(cpu)} s CPU${how === 'waited' ? ' (waited)' : ''} = ${(cpu / Math.max(1, (Date.now() - started) / 1000)).toFixed(1)} cores` : '';
      results.set(step.name, { ok: f === 0, line: `${step.name}: ${p} passed, ${f} failed (${s} s, started at ${at} s${busy})` });
      resolve();
    });
  });
}

function stopAll(signal) {
  for (const [name, { child, held, live }] of active) {
    if (!live) process.stdout.write(Buffer.concat(held.map((h) => (typeof h === 'string' ? Buffer.from(h) : h))));
    process.stdout.write(`\n=== ${name}: stopped by ${signal} while running\n`);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  console.log(`${passed} passed, ${failed + Math.max(1, active.size)} failed (stopped by ${signal})`);
  process.exit(1);
}
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);

// A step whose prerequisite failed still runs (its own failure is the clearer message), as before.
const CORES = Math.max(1, Number(process.env.CONFAB_TEST_PARALLEL) || 2);
const coresOf = (step) => step.cores ?? 1;
const pending = [...steps];
const running = new Map(); // name -> { promise, cores }
while (pending.length || running.size) {
  const busy = [...running.values()].reduce((n, r) => n + r.cores, 0);
  const ready = pending.filter((s) => (s.after ?? []).every((a) => results.has(a) || !steps.some((t) => t.name === a)));
  // Declared order is priority order: the first ready step starts when its cores fit beside the
  // running ones (or nothing runs). A later step may go first only if the first one does not need the
  // whole machine, so a step that does cannot starve behind a stream of short ones.
  const fits = (s) => running.size === 0 || busy + coresOf(s) <= CORES + 1e-9;
  const first = ready[0];
  const next = first && fits(first) ? first : first && coresOf(first) < CORES ? ready.find(fits) : undefined;
  if (next) {
    pending.splice(pending.indexOf(next), 1);
    // Live output only for a step that owns the machine: anything else may start beside it.
    const live = running.size === 0 && coresOf(next) >= CORES;
    const promise = runStep(next, live).then(() => running.delete(next.name));
    running.set(next.name, { promise, cores: coresOf(next) });
    continue;
  }
  await Promise.race([...running.values()].map((r) => r.promise));
}

console.log(`\n${steps.map((s) => results.get(s.name).line).join('\n')}`);
console.log(`total ${Math.round((Date.now() - runStarted) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
