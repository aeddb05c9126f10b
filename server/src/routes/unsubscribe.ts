// RFC 8058 one-click unsubscribe. Mail clients POST `List-Unsubscribe=One-Click` to the URL in the
// List-Unsubscribe header, without cookies or a token: the signed `token` in the URL is the only
// authority. GET only shows a confirmation page (link scanners follow GETs; they must change nothing).
// Unsubscribing stops the emails of a type (or of all types) and keeps the in-app notifications:
// the preference becomes 'inapp', and an 'off' stays off.
import type { Hono } from 'hono';
import { NOTIFICATION_TYPES } from '../../../src/contract/index.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http-env.js';
import { MAIL_CATALOGUE, fill, mailLocale } from '../notify/mail-catalogue.js';
import { verifyUnsubscribe, type UnsubscribeClaim } from '../notify/unsubscribe-token.js';
import { HttpError } from '../problem.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function mountUnsubscribe(app: Hono<AppEnv>, db: Db, secret: string): void {
  const claimOf = (token: string | undefined): UnsubscribeClaim => {
    const claim = token ? verifyUnsubscribe(secret, token) : null;
    if (!claim) throw new HttpError(400, 'Bad Request', 'The unsubscribe link is invalid.', [{ path: 'token', message: 'not a valid unsubscribe token' }]);
    return claim;
  };
  const localeOf = async (id: string) => mailLocale((await db.query<{ locale: string | null }>(`SELECT locale FROM people WHERE id = $1`, [id])).rows[0]?.locale);
  const page = (l: ReturnType<typeof mailLocale>, body: string) =>
    `<!doctype html><html lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(MAIL_CATALOGUE[l].confirmTitle)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem">${body}</body></html>`;
  const headers = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

  app.get('/api/v1/unsubscribe', async (c) => {
    const token = c.req.query('token');
    const claim = claimOf(token);
    const l = await localeOf(claim.recipient);
    const t = MAIL_CATALOGUE[l];
    const what = claim.scope === 'all' ? t.unsubscribeAll : claim.scope;
    return c.html(
      page(l, `<h1>${esc(t.confirmTitle)}</h1><p>${esc(fill(t.confirmText, { title: what }))}</p>
<form method="post" action="?token=${esc(encodeURIComponent(token!))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${esc(t.confirmButton)}</button></form>`),
      200,
      headers,
    );
  });

  app.post('/api/v1/unsubscribe', async (c) => {
    const claim = claimOf(c.req.query('token'));
    const types = claim.scope === 'all' ? [...NOTIFICATION_TYPES] : [claim.scope];
    await db.query(
      `INSERT INTO notification_preferences (person_id, type, mode) SELECT $1, t, 'inapp' FROM unnest($2::text[]) t
       ON CONFLICT (person_id, type) DO UPDATE SET mode = CASE WHEN notification_preferences.mode = 'off' THEN 'off' ELSE 'inapp' END`,
      [claim.recipient, types],
    );
    const l = await localeOf(claim.recipient);
    return c.html(page(l, `<h1>${esc(MAIL_CATALOGUE[l].confirmTitle)}</h1><p>${esc(MAIL_CATALOGUE[l].doneText)}</p>`), 200, headers);
  });
}
