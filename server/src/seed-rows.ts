// Bulk inserts for the seed: one INSERT ... SELECT FROM unnest() per thousand rows, columns typed.
import type { Queryable } from './db.js';

export async function insertRows(q: Queryable, table: string, cols: [string, string][], rows: unknown[][]) {
  const CHUNK = 1000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const arrays = cols.map((_, ci) => part.map((row) => row[ci]));
    const sel = cols.map(([name, type], ci) => {
      if (type === 'text[]') return `COALESCE(string_to_array(NULLIF(c${ci}, ''), '|'), '{}')::text[] AS ${name}`;
      return `c${ci}::${type} AS ${name}`;
    });
    const un = cols.map(([, type], ci) => `$${ci + 1}::${type === 'text[]' ? 'text' : type === 'timestamptz' ? 'text' : type}[]`);
    await q.query(
      `INSERT INTO ${table} (${cols.map((c) => c[0]).join(', ')})
       SELECT ${sel.join(', ')} FROM unnest(${un.join(', ')}) AS u(${cols.map((_, i) => `c${i}`).join(', ')})`,
      arrays,
    );
  }
}
