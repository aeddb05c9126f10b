// End-to-end tests: the demo portal in Chromium against the reference server. Needs `npm run build`.
import { readdirSync, appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNodeTests } from '../support/run-node-tests.mjs';
import { startServer } from './server.mjs';

// `node test/e2e/run.mjs [file...]`: the files named, else every *.test.mjs here.
const named = process.argv.slice(2);
const files = named.length ? named : readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.mjs')).map((f) => `test/e2e/${f}`);
// Two files at a time: each starts its own server on a free port with its own PGlite data dir and its
// own browser, so files share nothing; on the 2-core CI machine this takes the suite from about 340 s.
// Seed the demo community once, into a data dir every file's server copies (see server.mjs): a clean
// shutdown first, so the copies open a consistent PGlite directory.
const seeded = mkdtempSync(join(tmpdir(), 'confab-e2e-seeded-'));
const t0 = Date.now();
// Seeding is the slow part of a start, done once here: it gets longer than a copy's 90 s.
const seeding = await startServer({}, { dataDir: seeded, seeded: '', timeoutMs: 300_000 });
await seeding.stop({ keepData: true });
console.log(`e2e: seeded the demo community once in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const env = { ...process.env, CONFAB_E2E_SEEDED_DIR: seeded };
const { pass, fail } = await runNodeTests(files, { env, label: 'e2e', concurrency: Number(process.env.CONFAB_E2E_CONCURRENCY) || 2 });
rmSync(seeded, { recursive: true, force: true });
if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${pass} ${fail}\n`);
process.exit(fail ? 1 : 0);
