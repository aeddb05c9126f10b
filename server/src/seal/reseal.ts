// Changing CONFAB_KEY_SECRET in place: started with the new secret in CONFAB_KEY_SECRET and the old one
// in CONFAB_KEY_SECRET_PREVIOUS, the process seals again, under the new secret, every row that opens
// only with the old one. Without this a leaked or weak secret could never be replaced: the start
// refuses any secret that does not open the rows sealed before (sealed-rows.ts).
import type { Db } from '../db.js';
import { DamagedRowError, KeySealError, isSealed, seal, unseal, type SealedColumn } from './seal.js';
import { rewriteRow, rowsOf, type StoredRow } from './sealed-rows.js';

/**
 * The plain value of a row sealed with `previous` that `secret` does not open; undefined when `secret`
 * opens it. A damaged row (DamagedRowError: not what seal() writes, or not what the column holds) keeps
 * its own message; a row neither secret opens stops everything with one that names both settings.
 */
function underPrevious(col: SealedColumn, row: StoredRow, secret: string, previous: string): string | undefined {
  const attempt = (s: string) => {
    try {
      return unseal(row.stored, s, col);
    } catch (e) {
      if (e instanceof DamagedRowError) throw e;
      return undefined;
    }
  };
  const current = attempt(secret);
  const plain = current ?? attempt(previous);
  if (plain === undefined) {
    throw new KeySealError(
      `The sealed ${col.one} ${row.id} in ${col.table} opens with neither CONFAB_KEY_SECRET nor CONFAB_KEY_SECRET_PREVIOUS: one of them must be the secret it was sealed with, or the row is damaged.`,
    );
  }
  col.check?.(plain, row.id);
  return current === undefined ? plain : undefined;
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
  // Most likely both set to the old one: a change that changes nothing must not look like one.
  if (previous === secret) throw new KeySealError('CONFAB_KEY_SECRET_PREVIOUS is the same as CONFAB_KEY_SECRET: set CONFAB_KEY_SECRET to the new secret.');
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
