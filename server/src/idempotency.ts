// Idempotency-Key: a write sent again with the same key (say, an outbox replay after a lost response)
// gets the first response back and writes nothing twice. Keys are stored per caller with a fingerprint
// of the request, and kept for a day (main.ts sweeps older ones).
import { createHash } from 'node:crypto';
import type { Db, Queryable } from './db.js';
import type { IdempotencyRow } from './rows.js';
import { HttpError } from './problem.js';

/** 1-200 visible ASCII characters; the OpenAPI document states the same pattern. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HttpError(400, 'Bad Request', 'The Idempotency-Key header must be 1-200 visible ASCII characters.', [
      { path: 'Idempotency-Key', message: 'is not a valid key' },
    ]);
  }
}

/** Same method, path and body bytes: the same request. */
export const requestFingerprint = (method: string, path: string, rawBody: string) =>
  createHash('sha256').update(`${method} ${path}\n${rawBody}`).digest('hex');

export interface KeyedRequest {
  /** The user id, or `anon:<ip>` for anonymous writes. */
  owner: string;
  key: string;
  fingerprint: string;
}

export interface Outcome {
  status: number;
  /** undefined for a 204. */
  body: unknown;
  replayed: boolean;
}

/** Runs `write` in a transaction unless this key was seen before; then answers what it answered then. */
export async function runOnce(db: Db, k: KeyedRequest, write: (tx: Queryable) => Promise<unknown>): Promise<Outcome> {
  const result = await db.transaction(async (tx) => {
    const ins = await tx.query(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [k.owner, k.key, k.fingerprint],
    );
    if (!ins.rows.length) {
      // Someone used this key before; with PostgreSQL the INSERT above waited for that transaction to end.
      const { rows } = await tx.query<IdempotencyRow>(`SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [k.owner, k.key]);
      return { replay: rows[0] };
    }
    const out = await write(tx);
    const status = out === undefined ? 204 : 200;
    await tx.query(`UPDATE idempotency_keys SET status = $3, body = $4 WHERE user_id = $1 AND key = $2`, [
      k.owner, k.key, status, out === undefined ? null : JSON.stringify(out),
    ]);
    return { out };
  });
  if (!('replay' in result)) return { status: result.out === undefined ? 204 : 200, body: result.out, replayed: false };
  const r = result.replay;
  if (!r || r.status == null) throw new HttpError(409, 'Conflict', 'A request with this Idempotency-Key is still in progress.');
  if (r.fingerprint !== k.fingerprint) {
    throw new HttpError(422, 'Unprocessable Content', 'This Idempotency-Key was already used for a different request.', [
      { path: 'Idempotency-Key', message: 'was used for a different request' },
    ]);
  }
  return { status: Number(r.status), body: r.body == null ? undefined : JSON.parse(r.body), replayed: true };
}

/** Keys only need to outlive a client's retry window. */
export async function forgetOldKeys(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '1 day'`);
}
