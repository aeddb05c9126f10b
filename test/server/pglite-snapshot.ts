// One migrated and seeded PGlite data directory, written once per server-suite run; every test database
// starts on its own copy of it.
//
// An in-memory PGlite start runs initdb, which is most of its cost (measured on the 2-core machine:
// 4.4-7.7 s of CPU for a fresh start), and the migrations and the demo seed add 3 s more. The suite
// makes over twenty databases, one per test file, so run.mjs writes the directory once
// (`node --import tsx test/server/pglite-snapshot.ts <dir>`) and names it in CONFAB_TEST_PGLITE_SNAPSHOT.
// Every database still runs `migrate` (a no-op when the snapshot is current, so a stale snapshot cannot
// hide a new migration). The snapshot is rebuilt on every run. A file run on its own, without the
// variable, starts fresh and seeds as before.
//
// A directory, opened where it lies (PGlite's NODEFS), rather than a tarball loaded into memory
// (`loadDataDir`), which session 9 used: loading a 67 MB tarball copied it five times (file, Blob,
// ArrayBuffer, each entry's slice, the in-memory file system) at 1.5-2.5 s of CPU per database, while a
// copy of the directory is one kernel copy and PostgreSQL then reads only the pages a test touches.
// Measured on the 2-core machine, one test database (start, migrate, one query, close) with the
// suite's other costs beside it: see the note in test/server/run.mjs.
//
// The snapshot is made small, since every database copies it whole: initdb's WAL segments are 1 MB
// (`--wal-segsize=1`) instead of 16 (the tarball carried two 16 MB segments, half its size), and
// `min_wal_size` keeps few recycled ones. It sets shared_buffers to 16 MB too: PGlite's 128 MB default
// is set up on every start, and no test database comes near it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '../../server/src/db.js';
import { migrate } from '../../server/src/migrate.js';
import { seed } from '../../server/src/seed.js';

/**
 * A fresh copy of the snapshot named in CONFAB_TEST_PGLITE_SNAPSHOT, in a new directory beside it, and
 * a function that removes it (after the database is closed); undefined without a snapshot.
 *
 * Beside it: run.mjs puts the snapshot in a scratch folder of its own and removes that folder at the end
 * or when stopped, so a copy that a stopped run or a crashed file never removed goes with it.
 */
export function copyPgliteSnapshot(): { dataDir: string; remove(): void } | undefined {
  const snapshot = process.env.CONFAB_TEST_PGLITE_SNAPSHOT;
  if (!snapshot) return undefined;
  const dataDir = mkdtempSync(join(dirname(snapshot), 'db-'));
  cpSync(snapshot, dataDir, { recursive: true });
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Writes a freshly migrated and seeded PGlite data directory to `dir` (which must not exist yet). */
export async function writePgliteSnapshot(dir: string): Promise<void> {
  // initdb with 1 MB WAL segments; createDb opens the directory as any data dir afterwards. The
  // settings go in postgresql.auto.conf first, so that they hold while the seed writes its WAL too.
  const { PGlite } = await import('@electric-sql/pglite');
  const init = await PGlite.create(dir, { initDbStartParams: ['--wal-segsize=1'] });
  await init.exec("ALTER SYSTEM SET shared_buffers = '16MB'");
  await init.exec("ALTER SYSTEM SET min_wal_size = '2MB'");
  await init.exec("ALTER SYSTEM SET max_wal_size = '2MB'");
  await init.close();
  const db = await createDb({ dataDir: dir });
  await migrate(db);
  await db.transaction((tx) => seed(tx));
  await db.exec('ALTER SYSTEM RESET max_wal_size');
  // A clean shutdown writes every page and a shutdown checkpoint, so a copy starts without WAL replay
  // (a replay would move each sequence up to 32 values ahead of what the seed handed out).
  await db.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2]!;
  try {
    await writePgliteSnapshot(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
