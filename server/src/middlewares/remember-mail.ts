// Keeps a partner's stored person in step with their token on every request, not only on writes: the
// mail address only from a verified `email` claim (claimsToUser drops unverified ones), cleared when
// the token has none, the language from the `locale` claim or else Accept-Language; and the name, org,
// tier and roles as upsertPerson stores them. The roles matter most: the moderation fan-out picks its
// recipients by the stored roles, so a demoted moderator must be written down as such by their next
// request, read or write. A person the server has not met yet is stored by upsertPerson on their first
// write. One UPDATE per process per change (and only when a column differs), not per request.
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db.js';
import type { AppEnv } from '../http-env.js';
import { mailLocale } from '../notify/mail-catalogue.js';

export const rememberMail = (db: Db) => {
  const known = new Map<string, string>();
  // An anonymous request passes straight on: not through an async function, which would cost it one
  // more promise (issue 18).
  return createMiddleware<AppEnv>((c, next) => (c.get('user') ? remember(c, next) : next()));
  async function remember(c: Context<AppEnv>, next: Next) {
    const u = c.get('user');
    if (u) {
      // No verified address in the token any more: mail stops (the old address may no longer be theirs).
      const email = u.email ?? null;
      // No claim and no header says nothing about the language: the stored one stays.
      const said = u.locale ?? c.req.header('accept-language');
      const locale = email && said ? mailLocale(said) : null;
      const roles = [...u.roles].sort();
      const seen = JSON.stringify([email, locale, u.name, u.org?.id ?? null, u.org?.name ?? null, u.tier, roles]);
      if (known.get(u.id) !== seen) {
        // The org's own name wins over the token's, as in upsertPerson.
        const orgName = `COALESCE((SELECT o.name FROM orgs o WHERE o.id = $5), $6)`;
        const { rows } = await db.query(
          `UPDATE people SET mail_to = $2, locale = COALESCE($3, locale), name = $4, org_id = $5, org_name = ${orgName}, tier = $7, roles = $8::text[]
           WHERE id = $1 AND (mail_to IS DISTINCT FROM $2 OR locale IS DISTINCT FROM COALESCE($3, locale) OR name IS DISTINCT FROM $4
             OR org_id IS DISTINCT FROM $5 OR org_name IS DISTINCT FROM ${orgName} OR tier IS DISTINCT FROM $7 OR roles IS DISTINCT FROM $8::text[])
           RETURNING id`,
          [u.id, email, locale, u.name, u.org?.id ?? null, u.org?.name ?? null, u.tier, u.roles],
        );
        const exists = rows.length > 0 || (await db.query(`SELECT 1 FROM people WHERE id = $1`, [u.id])).rows.length > 0;
        if (exists) known.set(u.id, seen);
        if (known.size > 50_000) known.clear();
      }
    }
    await next();
  }
};
