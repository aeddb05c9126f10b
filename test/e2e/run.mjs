// End-to-end tests: the demo portal in Chromium against the reference server. Needs `npm run build`.
import { readdirSync, appendFileSync } from 'node:fs';
import { runNodeTests } from '../support/run-node-tests.mjs';

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.mjs')).map((f) => `test/e2e/${f}`);
// Two files at a time: each starts its own server on a free port with its own PGlite data dir and its
// own browser, so files share nothing; on the 2-core CI machine this takes the suite from about 340 s.
const { pass, fail } = await runNodeTests(files, { label: 'e2e', concurrency: Number(process.env.CONFAB_E2E_CONCURRENCY) || 2 });
if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${pass} ${fail}\n`);
process.exit(fail ? 1 : 0);
