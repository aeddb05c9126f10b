// `npm run bench`: every benchmark in turn; each prints its own table. Peers for the size comparison
// live in bench/package.json (never the SDK's dependencies) and are installed here on first use.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, opts = {}) => {
  console.log(`\n### ${cmd}`);
  const r = spawnSync(cmd, { shell: true, stdio: 'inherit', ...opts });
  return r.status === 0;
};

if (!existsSync('dist/confab.js')) run('npm run build --silent');
if (!existsSync('bench/node_modules')) run('npm install --no-audit --no-fund', { cwd: 'bench' });
const results = [
  ['size budgets', run('node bench/size.mjs --report-first-loads')],
  ['size floor of the mandated stack', run('node bench/size-floor.mjs')],
  ['size beside peers', run('node bench/size-peers.mjs')],
  ['render (cold, warm, static lower bound)', run('node bench/render.mjs')],
  ['scale in the page (1,000 threads; 100k articles)', run('node bench/scale.mjs')],
  ['server', run('node bench/server/bench.mjs')],
  ['server load (200 SSE clients, 60 s)', run('node bench/sse-load.mjs')],
];
console.log(`\n${results.map(([n, ok]) => `${ok ? 'ok  ' : 'FAIL'} ${n}`).join('\n')}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
