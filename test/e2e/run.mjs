// End-to-end tests: the demo portal in Chromium against the reference server. Needs `npm run build`.
import { readdirSync, appendFileSync } from 'node:fs';
import { runNodeTests } from '../support/run-node-tests.mjs';

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.mjs')).map((f) => `test/e2e/${f}`);
const { pass, fail } = await runNodeTests(files, { label: 'e2e' });
if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${pass} ${fail}\n`);
process.exit(fail ? 1 : 0);
