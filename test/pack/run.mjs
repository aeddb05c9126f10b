// The package test (`npm test` step "pack"). Needs `npm run build`.
import { appendFileSync } from 'node:fs';
import { runNodeTests } from '../support/run-node-tests.mjs';

const { pass, fail } = await runNodeTests(['test/pack/pack.test.mjs'], { label: 'pack' });
if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${pass} ${fail}\n`);
process.exit(fail ? 1 : 0);
