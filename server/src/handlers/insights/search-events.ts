// Knowledge-base searches as the server records them, and the clicks that follow. Only first pages of
// a query without filters count as a search (paging on or narrowing by a facet is the same search).
// Who searched is kept only when the server is configured to (CONFAB_SEARCH_PERSONAL_DATA=1); the
// partner's tier and organisation always are, since the cuts need them and they name no person.
import { randomUUID } from 'node:crypto';
import type { Ok } from '../../../../src/contract/index.js';
import type { User } from '../../auth.js';
import type { Config } from '../../config.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db.js';
import { HttpError } from '../../problem.js';

/** How queries are counted together: lower case, spaces collapsed. */
export const normaliseQuery = (q: string) => q.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);

/** Records one search and its day's rollup; returns the id a click refers to. */
export async function recordSearch(q: Queryable, config: Config, user: User | null, query: string, resultCount: number, at = new Date()): Promise<string> {
  const id = randomUUID();
  const text = normaliseQuery(query);
  await q.query(
    `WITH e AS (
       INSERT INTO search_events (id, query, result_count, tier, org_id, person_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING created_at
     )
     INSERT INTO search_daily (day, query, searches, zero, last_at)
     SELECT (e.created_at AT TIME ZONE 'UTC')::date, $2, 1, CASE WHEN $3::int = 0 THEN 1 ELSE 0 END, e.created_at FROM e
     ON CONFLICT (day, query) DO UPDATE SET searches = search_daily.searches + 1, zero = search_daily.zero + EXCLUDED.zero,
       last_at = GREATEST(search_daily.last_at, EXCLUDED.last_at)`,
    [id, text, resultCount, user?.tier ?? null, user?.org?.id ?? null, config.insights.searchPersonalData ? user?.id ?? null : null, at.toISOString()],
  );
  return id;
}

/** An id this server never handed out (or whose search has expired): the body names nothing to count. */
const unknownSearch = () => new HttpError(422, 'Unprocessable Content', 'The request is not valid.', [{ path: 'searchId', message: 'is not a search this server recorded' }]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recordSearchClick(ctx: Ctx<'recordSearchClick'>): Promise<Ok> {
  const { searchId } = ctx.body;
  if (!UUID.test(searchId)) throw unknownSearch();
  const { rows } = await ctx.q.query<{ clicks: number }>(
    `UPDATE search_events SET clicks = clicks + 1 WHERE id = $1::uuid RETURNING clicks`,
    [searchId],
  );
  if (!rows[0]) throw unknownSearch();
  // The first click makes the search a clicked one in its day's rollup; later clicks change nothing there.
  if (Number(rows[0].clicks) === 1) {
    await ctx.q.query(
      `UPDATE search_daily d SET clicked = clicked + 1 FROM search_events e
       WHERE e.id = $1::uuid AND d.day = (e.created_at AT TIME ZONE 'UTC')::date AND d.query = e.query`,
      [searchId],
    );
  }
  return { ok: true };
}

/** Deletes search events past the retention period, and their rollup days. */
export async function forgetOldSearches(q: Queryable, retentionDays: number): Promise<void> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000).toISOString();
  await q.query(`DELETE FROM search_events WHERE created_at < $1`, [cutoff]);
  await q.query(`DELETE FROM search_daily WHERE day < ($1::timestamptz AT TIME ZONE 'UTC')::date`, [cutoff]);
}
