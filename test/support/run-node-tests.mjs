// Runs node's test runner (TypeScript through tsx) over `files`, echoes its output, and returns the
// pass/fail counts from each file's closing summary (`# pass N`, `# fail M`).
//
// Each file runs in its own `node --test` process (node's runner does that too, one subprocess per
// file), from a pool of `concurrency`. Doing the pooling here, rather than with --test-concurrency,
// is what lets the runner time every file and print the slowest ones: where a suite's time goes.
// With more than one file at a time, a file's output is held and printed whole when it ends, so the
// log reads one file after another.
import { spawn } from 'node:child_process';

// The files' processes still running, for stopNodeTests.
const running = new Set();

/**
 * Signals every child in `children` that has not exited (SIGTERM; SIGKILL after `graceMs`) and
 * resolves when all have exited. The runners' clean-up on a stop from outside (run-all's time limit,
 * Ctrl-C) uses it before removing what those children use (data dirs, template databases).
 */
export function stopChildren(children, { graceMs = 15_000 } = {}) {
  return Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
        }),
    ),
  );
}

/** Stops every file still running (stopChildren) and resolves when all have exited. */
export const stopNodeTests = (options) => stopChildren(running, options);

function runFile(file, env, live) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=stderr', file],
      { env, stdio: ['ignore', live ? 'inherit' : 'pipe', 'pipe'] },
    );
    running.add(child);
    child.on('exit', () => running.delete(child));
    const held = [];
    let tap = '';
    child.stdout?.on('data', (d) => held.push(d));
    child.stderr.on('data', (d) => (tap += d));
    child.on('close', (code) => {
      const pass = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
      let fail = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
      // A crash before the summary is a failure, never a silent pass.
      if (code !== 0 && fail === 0) fail = 1;
      // Non-TAP stderr (a crashed child's message) is still worth showing.
      const stray = tap.split('\n').filter((l) => l && !/^(#|ok|not ok|\s|TAP|1\.\.|---|\.\.\.)/.test(l));
      resolve({ file, pass, fail, code, ms: Date.now() - started, out: Buffer.concat(held), stray });
    });
  });
}

export async function runNodeTests(files, { env = process.env, concurrency = 1, label = 'tests' } = {}) {
  const queue = [...files];
  const live = concurrency === 1;
  const results = [];
  async function worker() {
    while (queue.length) {
      const r = await runFile(queue.shift(), env, live);
      if (!live) process.stdout.write(Buffer.concat([Buffer.from(`\n--- ${r.file}\n`), r.out]));
      if (r.stray.length) console.error(r.stray.join('\n'));
      results.push(r);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  const pass = results.reduce((n, r) => n + r.pass, 0);
  const fail = results.reduce((n, r) => n + r.fail, 0);
  if (results.length > 1) {
    console.log(`\n${label}: time per file (${concurrency} at a time), slowest first`);
    for (const r of [...results].sort((a, b) => b.ms - a.ms)) console.log(`  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.file}${r.fail ? `  (${r.fail} failed)` : ''}`);
  }
  console.log(`${label}: ${pass} passed, ${fail} failed`);
  return { pass, fail, code: fail ? 1 : 0 };
}
