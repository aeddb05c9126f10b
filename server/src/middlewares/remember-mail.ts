// Keeps a partner's mail address and language in step with their token: the address only from a
// verified `email` claim (claimsToUser drops unverified ones), cleared when the token has none, the language from the `locale` claim
// or else Accept-Language. A person the server has not met yet is stored by upsertPerson on their
// first write. One UPDATE per process per change, not per request.
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db.js';
import type { AppEnv } from '../http-env.js';
import { mailLocale } from '../notify/mail-catalogue.js';

export const rememberMail = (db: Db) => {
  const known = new Map<string, string>();
  return createMiddleware<AppEnv>(async (c, next) => {
    const u = c.get('user');
    if (u) {
      // No verified address in the token any more: mail stops (the old address may no longer be theirs).
      const email = u.email ?? null;
      // No claim and no header says nothing about the language: the stored one stays.
      const said = u.locale ?? c.req.header('accept-language');
      const locale = email && said ? mailLocale(said) : null;
      const seen = `${email}|${locale}`;
      if (known.get(u.id) !== seen) {
        const { rows } = await db.query(
          `UPDATE people SET mail_to = $2, locale = COALESCE($3, locale) WHERE id = $1 AND (mail_to IS DISTINCT FROM $2 OR locale IS DISTINCT FROM COALESCE($3, locale)) RETURNING id`,
          [u.id, email, locale],
        );
        const exists = rows.length > 0 || (await db.query(`SELECT 1 FROM people WHERE id = $1`, [u.id])).rows.length > 0;
        if (exists) known.set(u.id, seen);
        if (known.size > 50_000) known.clear();
      }
    }
    await next();
  });
};
