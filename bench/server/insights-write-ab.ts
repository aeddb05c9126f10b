// Write cost of the insights rollups, two migration sets side by side: schema A migrated up to
// --a (default 017), schema B with every migration. Both get the same busy day (--rows questions and
// answers), then the same writes run alternately in A and B, each in a transaction rolled back: a
// question insert, an answer to it (a first answer), an up-vote on it, and a moderator hiding an
// answer of the busy day (the recount path). Alternating keeps the machine's load the same for both,
// so the ratio B/A survives a busy machine better than two runs one after the other.
//   DATABASE_URL=postgres://… node --import tsx bench/server/insights-write-ab.ts [--rows=3000] [--runs=200] [--a=017] [--keep]
// Both schemas are dropped at the end; --keep leaves them for a look with psql.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../../server/src/db.js';
import { migrate, MIGRATIONS_DIR } from '../../server/src/migrate.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const rows = Number(args.rows ?? 3000);
const runs = Number(args.runs ?? 200);
const upto = String(args.a ?? '017');
const DAY = '2019-03-04';

async function dropSchemas(names: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  for (const name of names) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await admin.end();
}

async function schema(name: string, only?: string): Promise<Db> {
  await dropSchemas([name]);
  let dir = MIGRATIONS_DIR;
  if (only) {
    dir = mkdtempSync(join(tmpdir(), 'confab-migrations-')) + '/';
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_/.test(f) && f.slice(0, 3) <= only)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
  }
  const db = await createDb({ url: process.env.DATABASE_URL!, schema: name });
  const applied = await migrate(db, dir);
  if (only) rmSync(dir, { recursive: true });
  console.log(`${name}: ${applied[0]} … ${applied[applied.length - 1]}`);
  await db.exec(`INSERT INTO orgs (id, name, tier, email) VALUES ('org-w', 'Write bench', 'gold', 'w@example.com') ON CONFLICT DO NOTHING`);
  await db.exec(`INSERT INTO people (id, name, org_id, tier) VALUES ('p-w', 'Write bench', 'org-w', 'gold'), ('p-v', 'Voter', 'org-w', 'gold') ON CONFLICT DO NOTHING`);
  await db.query(`INSERT INTO questions (id, title, body, category, author_id, product, created_at, last_activity_at)
    SELECT 'bq-' || i, 'Busy ' || i, 'b', (ARRAY['technical', 'marketing'])[1 + i % 2], 'p-w', (ARRAY['P1', 'P2', 'P3'])[1 + i % 3], $1::timestamptz + i * interval '10 seconds', $1::timestamptz
    FROM generate_series(1, $2::int) i`, [`${DAY}T00:00:00Z`, rows]);
  await db.query(`INSERT INTO answers (id, question_id, author_id, body, created_at) SELECT 'ba-' || i, 'bq-' || i, 'p-w', 'a', $1::timestamptz + i * interval '10 seconds' FROM generate_series(1, $2::int) i`, [`${DAY}T01:00:00Z`, rows]);
  await db.exec(`ANALYZE`);
  return db;
}

const steps: [string, string, unknown[]][] = [
  ['question insert', `INSERT INTO questions (id, title, body, category, author_id, product, created_at, last_activity_at) VALUES ('wq', 'W', 'b', 'technical', 'p-w', 'P1', $1, $1)`, [`${DAY}T12:00:00Z`]],
  ['first answer', `INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ('wa', 'wq', 'p-w', 'a', $1)`, [`${DAY}T13:00:00Z`]],
  ['up-vote', `INSERT INTO votes (person_id, target_kind, target_id, value, created_at) VALUES ('p-v', 'answer', 'wa', 1, $1)`, [`${DAY}T14:00:00Z`]],
  ['hide an answer (recount)', `UPDATE answers SET status = 'hidden' WHERE id = 'ba-7'`, []],
];

const dbs = { A: await schema('bench_insights_ab_a', upto), B: await schema('bench_insights_ab_b') };
const ms: Record<string, Record<string, number[]>> = { A: {}, B: {} };
for (let r = 0; r < runs; r++) {
  for (const side of (r % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) {
    await dbs[side].transaction(async (tx) => {
      for (const [label, sql, params] of steps) {
        const t = performance.now();
        await tx.query(sql, params);
        (ms[side][label] ??= []).push(performance.now() - t);
      }
      throw Object.assign(new Error('rollback'), { rollback: true });
    }).catch((e) => { if (!e.rollback) throw e; });
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${rows} questions and answers on the busy day, ${runs} runs each, alternating; median ms (load ${readFileSync('/proc/loadavg', 'utf8').trim()})`);
for (const [label] of steps) {
  const a = median(ms.A[label]);
  const b = median(ms.B[label]);
  console.log(`  ${label.padEnd(26)} A (≤ ${upto}) ${a.toFixed(2).padStart(7)}   B (all) ${b.toFixed(2).padStart(7)}   B/A ${(b / a).toFixed(2)}`);
}
await dbs.A.close();
await dbs.B.close();
// The two schemas hold only this bench's rows: dropped unless --keep asks to look at them afterwards.
if (args.keep !== 'true') await dropSchemas(['bench_insights_ab_a', 'bench_insights_ab_b']);
