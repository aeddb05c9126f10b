// Migration 024's backfill: a database migrated to 023 holding questions whose accepted answer is
// hidden (or gone) comes out with those questions unaccepted everywhere, the choice kept for a
// restore, and question_search and the insights rollups refreshed through their own triggers.
// A database of its own (PGlite in memory, or a fresh schema on PostgreSQL), migrated in two steps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationSteps } from './migration-steps.js';

const MIGRATION = '024_accepted_while_published.sql';
const steps = migrationSteps(MIGRATION);

const rows = async <T>(sql: string, params: unknown[] = []) => (await steps.db.query<T>(sql, params)).rows;
const resolved = async () => Number((await rows<{ n: number }>(`SELECT COALESCE(sum(resolved), 0)::int AS n FROM insights_question_days`))[0].n);

test('migration 024 unaccepts questions whose accepted answer is hidden or gone, keeps the choice, and refreshes search and rollups', async () => {
  const applied = await steps.before();
  assert.match(applied.at(-1) ?? '', /^023_/);
  await steps.db.exec(`
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

  assert.deepEqual(await steps.apply(), [MIGRATION]);
  assert.deepEqual(await rows(`SELECT id, accepted_answer_id, chosen_answer_id FROM questions WHERE id LIKE 'm-%' ORDER BY id`), [
    { id: 'm-q1', accepted_answer_id: 'm-a1', chosen_answer_id: 'm-a1' },
    { id: 'm-q2', accepted_answer_id: null, chosen_answer_id: 'm-a2' },
    { id: 'm-q3', accepted_answer_id: null, chosen_answer_id: null },
  ]);
  assert.deepEqual(await answered(), { 'm-q1': 2, 'm-q2': 0, 'm-q3': 0 });
  assert.equal(await resolved(), before - 2);

  // And the triggers it installs: publishing the hidden answer brings its acceptance back.
  await steps.db.query(`UPDATE answers SET status = 'published' WHERE id = 'm-a2'`);
  assert.deepEqual(await rows(`SELECT accepted_answer_id FROM questions WHERE id = 'm-q2'`), [{ accepted_answer_id: 'm-a2' }]);
  assert.equal(await resolved(), before - 1);
});
