// Keeps a partner's mail address and language in step with their token: the address only from a
// verified `email` claim (claimsToUser drops unverified ones), the language from the `locale` claim
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
    if (u?.email) {
      const locale = mailLocale(u.locale ?? c.req.header('accept-language') ?? null);
      const seen = `${u.email}|${locale}`;
      if (known.get(u.id) !== seen) {
        const { rows } = await db.query(
          `UPDATE people SET mail_to = $2, locale = $3 WHERE id = $1 AND (mail_to IS DISTINCT FROM $2 OR locale IS DISTINCT FROM $3) RETURNING id`,
          [u.id, u.email, locale],
        );
        const exists = rows.length > 0 || (await db.query(`SELECT 1 FROM people WHERE id = $1`, [u.id])).rows.length > 0;
        if (exists) known.set(u.id, seen);
        if (known.size > 50_000) known.clear();
      }
    }
    await next();
  });
};
