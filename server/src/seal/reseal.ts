// Changing CONFAB_KEY_SECRET in place: started with the new secret in CONFAB_KEY_SECRET and the old one
// in CONFAB_KEY_SECRET_PREVIOUS, the process seals again, under the new secret, every row that opens
// only with the old one. Without this a leaked or weak secret could never be replaced: the start
// refuses any secret that does not open the rows sealed before (sealed-rows.ts).
import type { Db } from '../db.js';
import { KeySealError, isSealed, seal, type SealedColumn } from './seal.js';
import { openRow, rewriteRow, rowsOf, type StoredRow } from './sealed-rows.js';

/**
 * The plain value of a row sealed with `previous` that `secret` does not open; undefined when `secret`
 * opens it. A row neither opens stops everything with a KeySealError naming both settings (a damaged
 * row keeps its own message).
 */
function underPrevious(col: SealedColumn, row: StoredRow, secret: string, previous: string): string | undefined {
  try {
    openRow(col, row, secret);
    return undefined;
  } catch (current) {
    try {
      return openRow(col, row, previous);
    } catch {
      // Not sealed:v1 as seal() writes it: damage, which no secret opens; its own message says so.
      if (current instanceof KeySealError && / is damaged /.test(current.message)) throw current;
      throw new KeySealError(
        `A sealed ${col.one} in ${col.table} opens with neither CONFAB_KEY_SECRET nor CONFAB_KEY_SECRET_PREVIOUS: set CONFAB_KEY_SECRET_PREVIOUS to the secret it was sealed with.`,
      );
    }
  }
}

/**
 * At start, before anything else reads a sealed column: with `previous`, the rows of `cols` sealed with it
 * are sealed again with `secret`. Every sealed row of every column is opened first, with one secret or
 * the other, so a row that neither opens changes nothing anywhere. Then each column is re-sealed in a
 * transaction of its own, under its advisory lock; a start that stops between two columns leaves every
 * row under one of the two secrets, and the next start with both finishes the change. Resolves to how
 * many rows were sealed again.
 */
export async function resealRows(db: Db, cols: SealedColumn[], secret: string | undefined, previous: string | undefined): Promise<number> {
  if (!previous) return 0;
  if (!secret) throw new KeySealError('CONFAB_KEY_SECRET_PREVIOUS is set without CONFAB_KEY_SECRET: set CONFAB_KEY_SECRET to the new secret.');
  for (const col of cols) for (const r of await rowsOf(db, col)) if (isSealed(r.stored)) underPrevious(col, r, secret, previous);
  let n = 0;
  for (const col of cols) {
    n += await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [col.lock]);
      let done = 0;
      for (const r of await rowsOf(tx, col)) {
        const plain = isSealed(r.stored) ? underPrevious(col, r, secret, previous) : undefined;
        if (plain !== undefined) done += await rewriteRow(tx, col, r, seal(plain, secret, col));
      }
      return done;
    });
  }
  return n;
}
