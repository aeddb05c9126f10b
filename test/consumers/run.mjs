// The consumer projects (`npm test` step "consumers"). Needs `npm run build`; reuses the tarball the
// "pack" step packed (test/pack/tarball.mjs), or packs one when run alone.
import { appendFileSync } from 'node:fs';
import { runNodeTests } from '../support/run-node-tests.mjs';

const { pass, fail } = await runNodeTests(['test/consumers/consumers.test.mjs'], { label: 'consumers' });
if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${pass} ${fail}\n`);
process.exit(fail ? 1 : 0);
