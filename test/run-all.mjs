// `npm test`: every suite in order, then one plain `N passed, M failed` line for CI log readers.
// A step that fails without reporting a count (a build error, a crash) counts as one failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const steps = [
  // The SDK, then the server with its tests and benchmarks (tsx runs them without checking types).
  { name: 'typecheck', cmd: 'npx tsc --noEmit -p . && npx tsc -p server/tsconfig.json' },
  // Type tests: the React wrappers' and JSX typings' @ts-expect-error lines (`sort="oldest"` and the like).
  { name: 'types', cmd: 'npx tsc -p test/browser/tsconfig.types.json' },
  // ARCHITECTURE's layering: no element touches IndexedDB or the global fetch.
  { name: 'layering', cmd: 'node --test test/layering/elements.test.mjs' },
  // No import cycles in the SDK or the server (type-only imports count too): madge exits 1 on any.
  // A cycle usually means a lazy part imports its element; parts import the element's host.ts instead.
  { name: 'cycles', cmd: 'npx madge --circular --extensions ts --ts-config tsconfig.json src server/src' },
  { name: 'build', cmd: 'npm run build --silent' },
  // The custom-elements.json that build wrote: tokens, parts, event types and unions for every element.
  { name: 'manifest', cmd: 'node --test test/manifest/custom-elements.test.mjs' },
  // The OpenAPI document as the server generates it, at 0 errors and 0 warnings of redocly's recommended rules.
  { name: 'openapi', cmd: 'node test/openapi/lint.mjs' },
  // The tarball npm would publish: publint, arethetypeswrong, and every exported file present.
  { name: 'pack', cmd: 'node test/pack/run.mjs', counted: true },
  // Every budget fails the run: loader, IIFE, each element's first load and all of them together.
  { name: 'size', cmd: 'npm run size' },
  { name: 'browser', cmd: 'npx web-test-runner', counted: true },
  { name: 'server', cmd: 'node test/server/run.mjs', counted: true, when: () => existsSync('test/server/run.mjs') },
  { name: 'e2e', cmd: 'node test/e2e/run.mjs', counted: true, when: () => existsSync('test/e2e/run.mjs') },
  // After build: Storybook's autodocs read the custom-elements.json that build generates.
  { name: 'storybook', cmd: 'node test/storybook/smoke.mjs', counted: true, when: () => existsSync('test/storybook/smoke.mjs') },
];

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  if (step.when && !step.when()) continue;
  const countFile = join(mkdtempSync(join(tmpdir(), 'confab-count-')), 'count');
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd}`);
  const r = spawnSync(step.cmd, { shell: true, stdio: 'inherit', env: { ...process.env, CONFAB_COUNT_FILE: countFile } });
  let p = 0;
  let f = 0;
  if (step.counted && existsSync(countFile)) {
    for (const line of readFileSync(countFile, 'utf8').trim().split('\n')) {
      const [a, b] = line.split(' ').map(Number);
      p += a;
      f += b;
    }
    if (r.status !== 0 && f === 0) f = 1;
  } else if (r.status === 0) p = 1;
  else f = 1;
  passed += p;
  failed += f;
  summary.push(`${step.name}: ${p} passed, ${f} failed (${Math.round((Date.now() - started) / 1000)} s)`);
}
console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
