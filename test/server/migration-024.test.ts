// Migration 024's backfill: a database migrated to 023 holding questions whose accepted answer is
// hidden (or gone) comes out with those questions unaccepted everywhere, the choice kept for a
// restore, and question_search and the insights rollups refreshed through their own triggers.
// A database of its own (PGlite in memory, or a fresh schema on PostgreSQL), migrated in two steps.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../server/src/db.js';
import { MIGRATIONS_DIR, migrate } from '../../server/src/migrate.js';

const MIGRATION = '024_accepted_while_published.sql';
let db: Db;
let dir: string;
let dispose: () => Promise<void>;

before(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_migration_024_${randomBytes(4).toString('hex')}`;
    db = await createDb({ url, schema });
    dispose = async () => {
      await db.close();
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    };
  } else {
    db = await createDb();
    dispose = () => db.close();
  }
  // migrate() joins the directory and a file name as text: the folder ends in a slash, as MIGRATIONS_DIR does.
  dir = mkdtempSync(join(tmpdir(), 'confab-migration-024-')) + '/';
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_/.test(f) && f < MIGRATION)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
});
after(async () => {
  await dispose();
  rmSync(dir, { recursive: true, force: true });
});

const rows = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;
const resolved = async () => Number((await rows<{ n: number }>(`SELECT COALESCE(sum(resolved), 0)::int AS n FROM insights_question_days`))[0].n);

test('migration 024 unaccepts questions whose accepted answer is hidden or gone, keeps the choice, and refreshes search and rollups', async () => {
  const applied = await migrate(db, dir);
  assert.match(applied.at(-1) ?? '', /^023_/);
  await db.exec(`
    INSERT INTO people (id, name) VALUES ('m-ava', 'Ava'), ('m-ben', 'Ben');
    INSERT INTO questions (id, title, body, category, author_id, answer_count, accepted_answer_id) VALUES
      ('m-q1', 'Kept accepted', 'b', 'technical', 'm-ava', 1, 'm-a1'),
      ('m-q2', 'Accepted answer hidden', 'b', 'technical', 'm-ava', 0, 'm-a2'),
      ('m-q3', 'Accepted answer gone', 'b', 'technical', 'm-ava', 0, 'm-a3');
    INSERT INTO answers (id, question_id, author_id, body, status) VALUES
      ('m-a1', 'm-q1', 'm-ben', 'published', 'published'), ('m-a2', 'm-q2', 'm-ben', 'hidden', 'hidden');`);
  // The state the audit found: before 024 all three count as accepted.
  const answered = async () => Object.fromEntries((await rows<{ id: string; answered: number }>(`SELECT id, answered FROM question_search WHERE id LIKE 'm-%' ORDER BY id`)).map((r) => [r.id, Number(r.answered)]));
  assert.deepEqual(await answered(), { 'm-q1': 2, 'm-q2': 2, 'm-q3': 2 });
  const before = await resolved();

  copyFileSync(join(MIGRATIONS_DIR, MIGRATION), join(dir, MIGRATION));
  assert.deepEqual(await migrate(db, dir), [MIGRATION]);
  assert.deepEqual(await rows(`SELECT id, accepted_answer_id, chosen_answer_id FROM questions WHERE id LIKE 'm-%' ORDER BY id`), [
    { id: 'm-q1', accepted_answer_id: 'm-a1', chosen_answer_id: 'm-a1' },
    { id: 'm-q2', accepted_answer_id: null, chosen_answer_id: 'm-a2' },
    { id: 'm-q3', accepted_answer_id: null, chosen_answer_id: null },
  ]);
  assert.deepEqual(await answered(), { 'm-q1': 2, 'm-q2': 0, 'm-q3': 0 });
  assert.equal(await resolved(), before - 2);

  // And the triggers it installs: publishing the hidden answer brings its acceptance back.
  await db.query(`UPDATE answers SET status = 'published' WHERE id = 'm-a2'`);
  assert.deepEqual(await rows(`SELECT accepted_answer_id FROM questions WHERE id = 'm-q2'`), [{ accepted_answer_id: 'm-a2' }]);
  assert.equal(await resolved(), before - 1);
});
