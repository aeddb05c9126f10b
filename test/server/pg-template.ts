// The PostgreSQL half of the server suite: one migrated and seeded TEMPLATE database per run, and a
// database of its own for every test env, made as a copy of it (`CREATE DATABASE … TEMPLATE`).
//
// A fresh schema per test env (helpers.ts's other way, still used below) runs the 20 migrations and the
// demo seed every time: measured on the 2-core machine, 1.8 s of the test process's CPU and 0.9 s of
// the PostgreSQL backend's per env, in every one of the suite's 24 files. A copy of the template is a
// block copy inside PostgreSQL, with no SQL run at all.
//
// run.mjs makes the template (`node --import tsx test/server/pg-template.ts create <name>`), names it in
// CONFAB_TEST_PG_TEMPLATE for the test files, and at the end drops it and every database whose name
// starts with it (`… drop <name>`), so a file that crashed before its close() leaves nothing behind.
// The role needs CREATEDB for this (CI's role is a superuser): without it `create` exits with
// NO_CREATEDB, run.mjs leaves the variable unset, and every env gets a fresh schema as before. A file run
// on its own, without run.mjs, does the same.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb } from '../../server/src/db.js';
import { migrate } from '../../server/src/migrate.js';
import { seed } from '../../server/src/seed.js';

/** `create`'s exit code when the role may not create databases (the suite then uses schemas). */
export const NO_CREATEDB = 3;

/** The connection string `url` with its database replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

/** The database named in `url`, the prefix of a run's template name. */
export const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

const quoted = (name: string) => '"' + name.replace(/"/g, '""') + '"';

/** Runs `sql` on one short-lived connection to the server's maintenance database of `url`. */
async function admin(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

/**
 * A new database, a copy of the run's template, for the test env `name`; the caller closes its pool
 * before `drop()`. Its name starts with the template's, which is how run.mjs finds a leftover.
 */
export async function databaseFromTemplate(url: string, template: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  // 63 bytes is PostgreSQL's limit for a name; the random tail keeps two envs of one file apart.
  const database = `${template}_${name.replace(/\W/g, '_').toLowerCase()}`.slice(0, 54) + '_' + randomBytes(4).toString('hex');
  // PostgreSQL 15's default strategy, WAL_LOG (it copies the 17 MB block by block through the WAL):
  // 0.4-0.6 s of backend CPU and 0.6-1.6 s wall on the shared machine. FILE_COPY took as much CPU and
  // 1.6-7.4 s wall, since it checkpoints the whole cluster first, other databases' dirty pages included.
  await admin(url, `CREATE DATABASE ${quoted(database)} TEMPLATE ${quoted(template)}`);
  return {
    url: databaseUrl(url, database),
    // FORCE: a connection a test left open (a listener) would otherwise make the DROP fail.
    drop: async () => void (await admin(url, `DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`)),
  };
}

/** Creates the template `name`: migrated and seeded, then closed to connections (a copy needs none open). */
export async function createTemplate(url: string, name: string): Promise<boolean> {
  try {
    await admin(url, `CREATE DATABASE ${quoted(name)}`);
  } catch (e) {
    if ((e as { code?: string }).code === '42501') return false; // insufficient_privilege: no CREATEDB
    throw e;
  }
  const db = await createDb({ url: databaseUrl(url, name), poolSize: 1 });
  try {
    await migrate(db);
    await db.transaction((tx) => seed(tx));
  } finally {
    await db.close();
  }
  await admin(url, `ALTER DATABASE ${quoted(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  return true;
}

/** Drops the template `name` and every database whose name starts with it (a run's leftovers). */
export async function dropTemplate(url: string, name: string): Promise<void> {
  // A run stopped from outside may have killed `create` or a test file in the middle of a CREATE
  // DATABASE: its backend carries on without the client and would commit a database after the drops
  // below. So every backend still at work on one of the run's databases (by its query or the database
  // it is connected to) is ended first, and waited for.
  const busy = `FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (starts_with(datname, $1) OR position($1 in query) > 0)`;
  await admin(url, `SELECT pg_terminate_backend(pid) ${busy}`, [name]);
  for (let i = 0; i < 100 && (await admin(url, `SELECT 1 ${busy}`, [name])).rowCount; i++) await new Promise((r) => setTimeout(r, 100));
  const { rows } = await admin(url, `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [name]);
  for (const { datname } of rows as Array<{ datname: string }>) {
    // A template cannot be dropped: it stops being one first.
    if (datname === name) await admin(url, `ALTER DATABASE ${quoted(name)} WITH IS_TEMPLATE false`);
    await admin(url, `DROP DATABASE IF EXISTS ${quoted(datname)} WITH (FORCE)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, name] = process.argv.slice(2);
  const url = process.env.DATABASE_URL!;
  if (command === 'create') {
    try {
      if (!(await createTemplate(url, name!))) process.exit(NO_CREATEDB);
    } catch (e) {
      await dropTemplate(url, name!).catch(() => {});
      throw e;
    }
  } else if (command === 'drop') await dropTemplate(url, name!);
  else throw new Error(`usage: pg-template.ts create|drop <name>`);
}
