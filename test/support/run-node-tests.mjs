// Runs node's test runner (TypeScript through tsx) over `files`, echoes its output, and returns the
// pass/fail counts from its closing summary (`# pass N`, `# fail M`).
import { spawn } from 'node:child_process';

export function runNodeTests(files, { env = process.env, concurrency = 1, label = 'tests' } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=stderr', ...files], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let tap = '';
    child.stderr.on('data', (d) => (tap += d));
    child.on('close', (code) => {
      const pass = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
      let fail = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
      // A crash before the summary is a failure, never a silent pass.
      if (code !== 0 && fail === 0) fail = 1;
      // Non-TAP stderr (a crashed child's message) is still worth showing.
      const stray = tap.split('\n').filter((l) => l && !/^(#|ok|not ok|\s|TAP|1\.\.|---|\.\.\.)/.test(l));
      if (stray.length) console.error(stray.join('\n'));
      console.log(`${label}: ${pass} passed, ${fail} failed`);
      resolve({ pass, fail, code });
    });
  });
}
