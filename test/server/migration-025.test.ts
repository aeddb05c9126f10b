// Migration 025: follows stored before path parameters were checked, whose target cannot exist (a tag
// over 40 characters, a category over 80, an id over 128), are deleted; every other follow stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationSteps } from './migration-steps.js';

const MIGRATION = '025_follows_that_cannot_exist.sql';
const steps = migrationSteps(MIGRATION);

test('migration 025 deletes the follows of targets that cannot exist and keeps the others', async () => {
  assert.match((await steps.before()).at(-1) ?? '', /^024_/);
  const follows: [string, string][] = [
    ['tag', 'x'.repeat(40)], ['tag', 'y'.repeat(41)],
    ['category', 'c'.repeat(80)], ['category', 'd'.repeat(81)],
    ['thread', 't'.repeat(128)], ['question', 'q'.repeat(129)], ['thread', 'th_1'],
  ];
  for (const [kind, id] of follows) {
    await steps.db.query(`INSERT INTO follows (person_id, kind, target_id, level) VALUES ('m-ava', $1, $2, 'watching')`, [kind, id]);
  }
  assert.deepEqual(await steps.apply(), [MIGRATION]);
  const left = (await steps.db.query<{ kind: string; n: number }>(`SELECT kind, length(target_id) AS n FROM follows WHERE person_id = 'm-ava' ORDER BY kind, n`)).rows;
  assert.deepEqual(left.map((r) => `${r.kind}:${Number(r.n)}`), ['category:80', 'tag:40', 'thread:4', 'thread:128']);
});
