// GET /v1/people?q=: whom the caller may @mention.
import type { Ctx } from '../context.js';
import { findableBy } from '../moderation/findable.js';
import type { AuthorColumns } from '../rows.js';
import { author, needUser, pageLimit } from './common.js';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The people the caller may find (findableBy) whose name, or a word of it, starts with `q`; never the caller. */
export async function searchPeople(ctx: Ctx<'searchPeople'>) {
  const u = needUser(ctx);
  const prefix = likeEscape(ctx.query.q);
  const params: unknown[] = [prefix + '%', '% ' + prefix + '%', pageLimit(ctx.query.limit, 8), u.id];
  const visible = findableBy('p', u, params);
  const { rows } = await ctx.q.query<AuthorColumns>(
    `SELECT p.id AS author_id, p.name AS author_name, p.org_name AS author_org, p.avatar_url AS author_avatar FROM people p
     WHERE (p.name ILIKE $1 OR p.name ILIKE $2) AND p.id <> $4 AND ${visible}
     ORDER BY p.name, p.id LIMIT $3`,
    params,
  );
  return { items: rows.map(author) };
}
