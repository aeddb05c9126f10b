// Versioned SQL migrations: server/migrations/NNN_name.sql, applied in order, recorded in schema_migrations.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  return db.transaction(async (tx) => {
    // Serialise concurrent starters (several processes on one PostgreSQL).
    await tx.query('SELECT pg_advisory_xact_lock(7262001)');
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)),
    );
    const applied: string[] = [];
    for (const f of files) {
      const version = Number(f.slice(0, 3));
      if (done.has(version)) continue;
      await tx.exec(readFileSync(dir + f, 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, f]);
      applied.push(f);
    }
    return applied;
  });
}
