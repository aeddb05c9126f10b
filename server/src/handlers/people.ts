// GET /v1/people?q=: whom the caller may @mention.
import type { Ctx } from '../context.js';
import { listedOnly } from '../moderation/visibility.js';
import type { AuthorColumns } from '../rows.js';
import { author, needUser, pageLimit } from './common.js';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/**
 * Vendor staff and moderators may find anyone. A partner finds the people of their own organisation,
 * the vendor's staff and moderators, and whoever has published in the community (their names are on
 * their posts already; held or hidden posts show no name to others) — never another partner organisation's silent members.
 */
export async function searchPeople(ctx: Ctx<'searchPeople'>) {
  const u = needUser(ctx);
  const staff = u.roles.includes('vendor-staff') || u.roles.includes('moderator');
  const prefix = likeEscape(ctx.query.q);
  const params: unknown[] = [prefix + '%', '% ' + prefix + '%', pageLimit(ctx.query.limit, 8), u.id];
  const visible = staff
    ? 'true'
    : `(p.org_id = $${params.push(u.org?.id ?? null)}::text OR p.roles && ARRAY['vendor-staff', 'moderator']::text[]
        OR ${['threads', 'posts', 'questions', 'answers'].map((t) => `EXISTS (SELECT 1 FROM ${t} x WHERE x.author_id = p.id AND ${listedOnly('x')})`).join(' OR ')})`;
  const { rows } = await ctx.q.query<AuthorColumns>(
    `SELECT p.id AS author_id, p.name AS author_name, p.org_name AS author_org, p.avatar_url AS author_avatar FROM people p
     WHERE (p.name ILIKE $1 OR p.name ILIKE $2) AND p.id <> $4 AND ${visible}
     ORDER BY p.name, p.id LIMIT $3`,
    params,
  );
  return { items: rows.map(author) };
}
