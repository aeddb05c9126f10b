// The database of one test env (helpers.ts `setupTestEnv`), fresh for it, of one of four kinds:
// - PGlite, a copy of the run's migrated and seeded snapshot directory (pglite-snapshot.ts), when
//   run.mjs made one; else PGlite in memory, migrated and seeded here (a file run on its own);
// - PostgreSQL (DATABASE_URL), a database copied from the run's template (pg-template.ts), when run.mjs
//   made one; else a fresh schema in DATABASE_URL's database, migrated and seeded here: a file run on
//   its own, or a role without CREATEDB.
import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '../../server/src/db.js';
import { migrate } from '../../server/src/migrate.js';
import { seed } from '../../server/src/seed.js';
import { copyPgliteSnapshot } from './pglite-snapshot.js';
import { databaseFromTemplate } from './pg-template.js';

export interface TestDatabase {
  db: Db;
  /** PostgreSQL: the connection string of the env's database (for a second connection or process). */
  url: string | null;
  /** PostgreSQL: the schema the env's tables are in (`public` in a database of its own). */
  schema: string | null;
  /** Closes the database and removes it. */
  dispose(): Promise<void>;
}

export async function openTestDatabase(name: string): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  const template = process.env.CONFAB_TEST_PG_TEMPLATE;
  let opened: TestDatabase & { seeded: boolean };
  if (!url) {
    const snapshot = copyPgliteSnapshot();
    const db = await createDb({ dataDir: snapshot?.dataDir });
    opened = { db, url: null, schema: null, seeded: !!snapshot, dispose: async () => (await db.close(), snapshot?.remove()) };
  } else if (template) {
    const copy = await databaseFromTemplate(url, template, name);
    const db = await createDb({ url: copy.url });
    opened = { db, url: copy.url, schema: 'public', seeded: true, dispose: async () => (await db.close(), await copy.drop()) };
  } else {
    const schema = `t_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    const db = await createDb({ url, schema });
    const dropSchema = async () => {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    };
    opened = { db, url, schema, seeded: false, dispose: async () => (await db.close(), await dropSchema()) };
  }
  // Also on a copy: a no-op when the snapshot or template is current, so a stale one cannot hide a new migration.
  await migrate(opened.db);
  if (!opened.seeded) await opened.db.transaction((tx) => seed(tx));
  const { seeded: _, ...database } = opened;
  return database;
}
