import type { Author } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import type { AuthorColumns } from '../rows.js';
import type { User } from '../auth.js';
import type { Ctx } from '../context.js';
import { mayModerate } from '../moderation/visibility.js';
import { HttpError, forbidden } from '../problem.js';
import { iso } from '../text.js';

export const AUTHOR_COLS = `p.name AS author_name, p.org_name AS author_org, p.avatar_url AS author_avatar`;

export function author(r: AuthorColumns): Author {
  return { id: r.author_id, name: r.author_name, orgName: r.author_org ?? null, avatarUrl: r.author_avatar ?? null };
}

export function needUser(ctx: Ctx): User {
  if (!ctx.user) throw new HttpError(401, 'Unauthorized', 'Sign in to do this.', undefined, { 'www-authenticate': 'Bearer' });
  return ctx.user;
}

/** Authors change their own content; moderators and vendor staff (mayModerate, the one predicate) anyone's. */
export function mayEdit(u: User, ownerId: string) {
  if (u.id !== ownerId && !mayModerate(u)) throw forbidden('You can only change your own content.');
}

/** Keeps the people table in step with the token of whoever writes. */
/** Stores the caller as their token says; mail_to too, so a token without a verified address stops mail. */
export async function upsertPerson(q: Queryable, u: User) {
  await q.query(
    `INSERT INTO people (id, name, org_id, org_name, tier, roles, mail_to)
     VALUES ($1, $2, $3, COALESCE((SELECT name FROM orgs WHERE id = $3), $4), $5, $6::text[], $7)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, org_id = EXCLUDED.org_id, org_name = EXCLUDED.org_name,
       tier = EXCLUDED.tier, roles = EXCLUDED.roles, mail_to = EXCLUDED.mail_to`,
    [u.id, u.name, u.org?.id ?? null, u.org?.name ?? null, u.tier, u.roles, u.email ?? null],
  );
}

export const pageLimit = (l: unknown, dflt = 20) => (typeof l === 'number' ? l : dflt);

export { iso };
