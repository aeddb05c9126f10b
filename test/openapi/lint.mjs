#!/usr/bin/env node
// Lints the OpenAPI document the server generates with redocly's recommended rules and fails on any
// error or warning (redocly itself exits 0 on warnings). `npm run openapi` writes openapi.json first,
// so what is linted is what /api/openapi.json serves and what the package ships.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const write = run('npm', ['run', 'openapi', '--silent']);
if (write.status !== 0) {
  process.stderr.write(write.stdout + write.stderr);
  console.error('openapi: could not write openapi.json');
  process.exit(1);
}

// --extends pins the rule set even if a redocly.yaml appears later.
const lint = run('npx', ['@redocly/cli', 'lint', '--extends=recommended', '--format=json', '--max-problems=1000', 'openapi.json']);
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  process.stderr.write(lint.stdout + lint.stderr);
  console.error('openapi: redocly printed no JSON report');
  process.exit(1);
}
for (const p of report.problems) {
  const where = p.location?.map((l) => l.pointer).join(', ') ?? '';
  console.log(`${p.severity} ${p.ruleId}: ${p.message} ${where}`);
}
const { errors, warnings } = report.totals;
console.log(`openapi lint (redocly ${report.version}, recommended): ${errors} errors, ${warnings} warnings`);
process.exit(errors + warnings === 0 ? 0 : 1);
