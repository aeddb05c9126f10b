// One migrated and seeded PGlite database, saved once per server-suite run and loaded by every test
// database.
//
// An in-memory PGlite start runs initdb, which is most of its cost: measured on the 2-core machine,
// 4.4-7.7 s of CPU for a fresh start against 1.7-1.9 s for a start from a data dir tarball, and the
// migrations add 0.5 s more. The suite makes over twenty databases, one after another, so run.mjs
// writes the tarball once (`node --import tsx test/server/pglite-snapshot.ts <file>`) and names it in
// CONFAB_TEST_PGLITE_SNAPSHOT. Every database still runs `migrate` (a no-op when the snapshot is
// current, so a stale snapshot cannot hide a new migration). The snapshot is rebuilt on every run.
// A file run on its own, without the variable, starts fresh and seeds as before.
//
// The snapshot holds the demo seed too (helpers.ts seeds only a fresh database): seeding was 2.4 s of
// CPU per test file, the same rows every time (a fixed PRNG seed; dates relative to the snapshot's
// "now", minutes earlier). And it sets shared_buffers to 16 MB for the test databases: PGlite's
// 128 MB default is set up on every start, and no test database comes near it. Measured on the 2-core
// machine at load 9-13, min of 3 (load a snapshot, migrate, seed if needed, one query): 6.2 s of
// CPU with the migrated-only snapshot and a seed, 4.7 s from a seeded one, 4.1 s with 16 MB buffers.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDb } from '../../server/src/db.js';
import { migrate } from '../../server/src/migrate.js';
import { seed } from '../../server/src/seed.js';

let loaded: Promise<Blob | undefined> | undefined;

/** The snapshot named in CONFAB_TEST_PGLITE_SNAPSHOT, read once per process; undefined without one. */
export function pgliteSnapshot(): Promise<Blob | undefined> {
  const file = process.env.CONFAB_TEST_PGLITE_SNAPSHOT;
  loaded ??= file ? readFile(file).then((bytes) => new Blob([bytes])) : Promise.resolve(undefined);
  return loaded;
}

/** Writes a freshly migrated and seeded in-memory PGlite data dir to `file`. */
export async function writePgliteSnapshot(file: string): Promise<void> {
  const db = await createDb({});
  await migrate(db);
  await db.transaction((tx) => seed(tx));
  // A database started from the tarball recovers from its WAL, where PostgreSQL logs each sequence 32
  // values ahead of what it handed out: the seed's sequences (certification_status_index) would jump
  // by up to 32, and a new row would not get the next number as it does after a seed in place. setval
  // logs the exact value.
  await db.exec(`DO $$ DECLARE s record; BEGIN
    FOR s IN SELECT schemaname, sequencename, last_value FROM pg_sequences WHERE last_value IS NOT NULL LOOP
      PERFORM setval(format('%I.%I', s.schemaname, s.sequencename), s.last_value, true);
    END LOOP; END $$`);
  // Read from postgresql.auto.conf, which the tarball carries, when a test database starts.
  await db.exec("ALTER SYSTEM SET shared_buffers = '16MB'");
  const tarball = await db.dumpDataDir!();
  await db.close();
  await writeFile(file, new Uint8Array(await tarball.arrayBuffer()));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writePgliteSnapshot(process.argv[2]!);
