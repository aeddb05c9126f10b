// Without CONFAB_SMTP_URL (and outside production) mail is captured in memory: this lists it, newest
// first, so a newcomer sees what the server would have sent.
import type { Hono } from 'hono';
import type { AppEnv } from '../http-env.js';
import type { CapturedMail } from '../notify/mailer.js';

export function mountDemoMail(app: Hono<AppEnv>, mails: readonly CapturedMail[]): void {
  app.get('/api/demo/mail', (c) =>
    c.json(mails.map((m) => ({ to: m.to, from: m.from, subject: m.subject, text: m.text, html: m.html, headers: m.headers, sentAt: m.sentAt }))),
  );
}
