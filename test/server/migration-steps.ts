// A database of its own (PGlite in memory, or a fresh schema on PostgreSQL) migrated up to, not
// including, one migration, and that migration applied on demand: for tests of what a migration does
// to rows that were there before it.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createDb, type Db } from '../../server/src/db.js';
import { MIGRATIONS_DIR, migrate } from '../../server/src/migrate.js';

export interface MigrationSteps {
  db: Db;
  /** Applies every migration before `migration`; resolves to their names. */
  before(): Promise<string[]>;
  /** Applies `migration` itself; resolves to the names applied (just it). */
  apply(): Promise<string[]>;
}

/** Registers the hooks; the fields are there from `before` on (read them inside tests). */
export function migrationSteps(migration: string): MigrationSteps {
  const tag = migration.slice(0, 3);
  const s = {} as MigrationSteps;
  let dir = '';
  let dispose: () => Promise<void> = async () => {};
  before(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      const schema = `t_migration_${tag}_${randomBytes(4).toString('hex')}`;
      const db = await createDb({ url, schema });
      s.db = db;
      dispose = async () => {
        await db.close();
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      };
    } else {
      const db = await createDb();
      s.db = db;
      dispose = () => db.close();
    }
    // migrate() joins the directory and a file name as text: the folder ends in a slash, as MIGRATIONS_DIR does.
    dir = mkdtempSync(join(tmpdir(), `confab-migration-${tag}-`)) + '/';
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_/.test(f) && f < migration)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
  });
  after(async () => {
    await dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  s.before = () => migrate(s.db, dir);
  s.apply = () => {
    copyFileSync(join(MIGRATIONS_DIR, migration), join(dir, migration));
    return migrate(s.db, dir);
  };
  return s;
}
