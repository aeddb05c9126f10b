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
  const params: unknown[] = [];
  const count = `$${params.push(resultCount)}::int`;
  const { id, ctes } = recordSearchCtes(params, config, user, query, count, at);
  await q.query(`WITH ${ctes} SELECT 1`, params);
  return id;
}

/**
 * The same record as two data-modifying CTEs, for the search's own statement to write its event in the
 * round trip that reads its matches (handlers/search-ranking.ts): `resultCount` is SQL over that
 * statement's other CTEs, and the event is written only `when` that SQL condition holds (the pass
 * records only when no candidate statement follows it). Pushes its parameters; returns the CTEs (no
 * leading WITH) and the event's id.
 */
export function recordSearchCtes(params: unknown[], config: Config, user: User | null, query: string, resultCount: string, at = new Date(), when = 'TRUE'): { id: string; ctes: string } {
  const id = randomUUID();
  const p = (v: unknown) => `$${params.push(v)}`;
  const text = p(normaliseQuery(query));
  const person = config.insights.searchPersonalData ? user?.id ?? null : null;
  const ctes = `search_event AS (
       INSERT INTO search_events (id, query, result_count, tier, org_id, person_id, created_at)
       SELECT ${p(id)}::uuid, ${text}::text, ${resultCount}, ${p(user?.tier ?? null)}::text, ${p(user?.org?.id ?? null)}::text, ${p(person)}::text, ${p(at.toISOString())}::timestamptz
       WHERE ${when}
       RETURNING created_at, result_count
     ),
     search_event_day AS (
       INSERT INTO search_daily (day, query, searches, zero, last_at)
       SELECT (e.created_at AT TIME ZONE 'UTC')::date, ${text}::text, 1, CASE WHEN e.result_count = 0 THEN 1 ELSE 0 END, e.created_at FROM search_event e
       ON CONFLICT (day, query) DO UPDATE SET searches = search_daily.searches + 1, zero = search_daily.zero + EXCLUDED.zero,
         last_at = GREATEST(search_daily.last_at, EXCLUDED.last_at)
     )`;
  return { id, ctes };
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
