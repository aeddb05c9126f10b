// The insights write benchmark proper (bench/server/insights-write.mjs starts it under tsx).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../../server/src/db.js';
import { migrate, MIGRATIONS_DIR } from '../../server/src/migrate.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const rows = Number(args.rows ?? 3000);
const SCHEMA = 'bench_insights_write';
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();

const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
await admin.end();

// The migrations to apply: all, or those up to --upto.
let dir = MIGRATIONS_DIR;
if (args.upto) {
  dir = mkdtempSync(join(tmpdir(), 'confab-migrations-')) + '/'; // migrate() joins dir and name
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_/.test(f) && f.slice(0, 3) <= String(args.upto))) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
}
const db = await createDb({ url: process.env.DATABASE_URL!, schema: SCHEMA });
const applied = await migrate(db, dir);
console.log(`migrations: ${applied[0]} … ${applied[applied.length - 1]}`);
await db.exec(`INSERT INTO orgs (id, name, tier, email) VALUES ('org-w', 'Write bench', 'gold', 'w@example.com') ON CONFLICT DO NOTHING`);
await db.exec(`INSERT INTO people (id, name, org_id, tier) VALUES ('p-w', 'Write bench', 'org-w', 'gold') ON CONFLICT DO NOTHING`);

const insightsTriggers = async (on: boolean) => {
  for (const t of ['questions', 'answers']) {
    const { rows: ts } = await db.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname LIKE 'insights_%'`, [t]);
    for (const { tgname } of ts) await db.exec(`ALTER TABLE ${t} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${tgname}`);
  }
};

/** Inserts `n` questions one statement at a time, the i-th at `at(i)`, then an answer to each an hour later; ms per statement. */
async function run(label: string, n: number, at: (i: number) => Date) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await db.query(`INSERT INTO questions (id, title, body, category, author_id, product, created_at, last_activity_at) VALUES ($1, $2, 'b', $3, 'p-w', $4, $5, $5)`,
      [`wq-${label}-${i}`, `Write bench ${i}`, ['technical', 'marketing'][i % 2], ['P1', 'P2', 'P3'][i % 3], at(i).toISOString()]);
  }
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    await db.query(`INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ($1, $2, 'p-w', 'a', $3)`,
      [`wa-${label}-${i}`, `wq-${label}-${i}`, new Date(at(i).getTime() + 3_600_000 * (1 + (i % 48))).toISOString()]);
  }
  const t2 = performance.now();
  console.log(`  ${label.padEnd(26)} questions ${((t1 - t0) / n).toFixed(2).padStart(6)} ms/insert   answers ${((t2 - t1) / n).toFixed(2).padStart(6)} ms/insert   (load ${loadavg()})`);
}

const DAY = 86_400_000;
const base = Date.parse('2019-01-01T00:00:00Z');
console.log(`${rows} questions and answers each, one statement at a time:`);
await run('1 per day', rows, (i) => new Date(base + i * DAY));
await run(`${rows} on one day`, rows, (i) => new Date(base - 30 * DAY + Math.floor((i * DAY) / rows)));
await insightsTriggers(false);
await run(`${rows} on one day, no rollups`, rows, (i) => new Date(base - 60 * DAY + Math.floor((i * DAY) / rows)));
await insightsTriggers(true);
await db.close();
