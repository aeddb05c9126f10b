// The rows of one sealed column (seal.ts) as a whole: their plain values sealed in place once
// CONFAB_KEY_SECRET is set, and, at start, every row opened, so that a missing or wrong secret (or a
// damaged row) stops the process with its message instead of failing the first request that needs it.
import type { Db, Queryable } from '../db.js';
import { isSealed, seal, unseal, type SealedColumn } from './seal.js';

export interface StoredRow {
  id: string;
  stored: string;
}

export const rowsOf = async (q: Queryable, col: SealedColumn) =>
  (await q.query<StoredRow>(`SELECT id, ${col.column} AS stored FROM ${col.table} ORDER BY id`)).rows;

/** Stores `next` in the row, only while it still holds the value read (under the column's lock it can change only by hand). 1 when written. */
export async function rewriteRow(tx: Queryable, col: SealedColumn, row: StoredRow, next: string): Promise<number> {
  const { rows } = await tx.query(`UPDATE ${col.table} SET ${col.column} = $3 WHERE id = $1 AND ${col.column} = $2 RETURNING id`, [row.id, row.stored, next]);
  return rows.length;
}

/** A row's plain value, unsealed with `secret` and checked; any failure is a KeySealError. */
export function openRow(col: SealedColumn, row: StoredRow, secret: string | undefined): string {
  const plain = unseal(row.stored, secret, col);
  col.check?.(plain, row.id);
  return plain;
}

/** True when `secret` opens every sealed row (or none is sealed): only then may it seal the plain ones. */
function opensSealed(col: SealedColumn, rows: StoredRow[], secret: string): boolean {
  try {
    for (const r of rows) if (isSealed(r.stored)) openRow(col, r, secret);
    return true;
  } catch {
    return false;
  }
}

/**
 * In the caller's transaction, under the column's advisory lock (taken here; a caller may hold it
 * already): with a secret, the values stored plain (before it was set, or added by hand) are sealed.
 * Never under a secret that does not open the rows sealed before, or a mistyped secret would seal
 * the plain ones under itself and lock the right one out; `checkRows` refuses that secret instead.
 * Resolves to how many rows were sealed.
 */
export async function sealPlainRows(tx: Queryable, col: SealedColumn, secret: string | undefined): Promise<number> {
  if (!secret) return 0;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [col.lock]);
  const rows = await rowsOf(tx, col);
  if (!opensSealed(col, rows, secret)) return 0;
  let n = 0;
  for (const r of rows.filter((x) => !isSealed(x.stored))) n += await rewriteRow(tx, col, r, seal(r.stored, secret, col));
  return n;
}

/** Opens every row of the column: throws the KeySealError of the first that does not open. */
export async function checkRows(q: Queryable, col: SealedColumn, secret: string | undefined): Promise<void> {
  for (const r of await rowsOf(q, col)) openRow(col, r, secret);
}

/**
 * At start, before any column seals its plain rows: every sealed row of every column opens with
 * `secret`, or this throws that row's KeySealError. Each column's own guard (`sealPlainRows`) sees only
 * its own rows, so without this a secret that one column refuses could first seal another column's
 * plain rows under itself, and then no secret would open both.
 */
export async function checkSealedRows(q: Queryable, cols: SealedColumn[], secret: string | undefined): Promise<void> {
  for (const col of cols) for (const r of await rowsOf(q, col)) if (isSealed(r.stored)) openRow(col, r, secret);
}

/** At start: the plain rows sealed in one transaction (with a secret that opens the sealed ones), then every row opened. */
export async function sealAndCheckRows(db: Db, col: SealedColumn, secret: string | undefined): Promise<void> {
  await db.transaction((tx) => sealPlainRows(tx, col, secret));
  await checkRows(db, col, secret);
}
