// Issue 13, email: mails go through a REAL SMTP server started here (smtp-server, parsed with
// mailparser): an immediate mail in the recipient's language with both parts and RFC 8058 headers;
// one-click unsubscribe (GET changes nothing, POST without auth stops further mail); a digest that
// gathers several notifications into one mail, sent once with two digest jobs and two workers
// racing; a 451 then acceptance delivered exactly once; parking; no mail without a verified address;
// and the demo capture at GET /api/demo/mail when there is no SMTP URL.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { MailConfig } from '../../server/src/config.js';
import { createDeliveryWorker } from '../../server/src/notify/delivery-worker.js';
import { createDigestJob, periodEnd } from '../../server/src/notify/digest.js';
import { emailSender } from '../../server/src/notify/email-sender.js';
import { smtpMailer } from '../../server/src/notify/mailer.js';
import { ORIGIN, PEOPLE, call, raw, setupTestEnv, type TestEnv, type Who } from './helpers.js';

let env: TestEnv;
let smtp: SMTPServer;
let smtpUrl = '';
const received: ParsedMail[] = [];
/** SMTP codes the server answers DATA with, in turn; accepted once they run out. */
const script: number[] = [];
let refused = 0;
const SECRET = 'test-unsubscribe-secret';
const DAY = 86_400_000;

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        const code = script.shift();
        if (code) {
          refused++;
          return done(Object.assign(new Error('Try again later'), { responseCode: code }));
        }
        received.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  env = await setupTestEnv('email', { config: { mail: mailConfig(smtpUrl) } });
});
after(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

function mailConfig(url?: string): MailConfig {
  return { smtpUrl: url, from: 'Acme Community <community@acme.example>', unsubscribeSecret: SECRET, linkBase: ORIGIN, digestHour: 7, digestWeekday: 1 };
}

/** A token with an email claim (verified unless said otherwise) and a locale. */
const tokenWith = (who: Who, email: string, locale: string, emailVerified = true) =>
  env.auth.sign!({ id: who.id, name: who.name ?? who.id, org: who.org ?? null, tier: who.tier ?? null, roles: who.roles ?? [], email, emailVerified, locale });

/** A worker like the app's, with a 1 ms backoff so retries happen within the test. */
const worker = () =>
  createDeliveryWorker(env.db, {
    senders: { email: emailSender({ mailer: smtpMailer(smtpUrl, 'community@acme.example'), baseUrl: ORIGIN, unsubscribeSecret: SECRET }) },
    backoffMs: 1,
    maxAttempts: 3,
  });
const settle = async (w = worker()) => {
  await env.confab.notifier.drain();
  for (let i = 0; i < 10 && (await w.drain()) > 0; i++) await new Promise((r) => setTimeout(r, 5));
};
const mailsTo = (addr: string) => received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === addr);
const header = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');

/** `asker` asks with `token`, Ben answers: the asker gets an 'answer' notification (email at once by default). */
async function answered(asker: Who, token: string) {
  const q = (await call(env, 'askQuestion', { token, body: { title: `Question of ${asker.id}`, body: 'Details please', category: 'mdf' } })).body;
  await call(env, 'answerQuestion', { as: PEOPLE.ben, params: { id: q.id }, body: { body: `An answer for ${asker.id}` } });
  return q;
}

describe('email notifications', () => {
  let unsubscribeUrl = '';

  test('an immediate mail arrives with text and HTML, in the recipient language, with one-click unsubscribe headers', async () => {
    const token = await tokenWith(PEOPLE.chloe, 'chloe@globex.example', 'de-DE');
    await answered(PEOPLE.chloe, token);
    await settle();
    const [m, extra] = mailsTo('chloe@globex.example');
    assert.ok(m, 'a mail to the verified address');
    assert.equal(extra, undefined);
    assert.equal(m.subject, 'Ben Okafor hat „Question of p-chloe“ beantwortet');
    assert.match(m.text ?? '', /An answer for p-chloe/);
    assert.match(String(m.html), /<html lang="de"/);
    assert.match(String(m.html), /An answer for p-chloe/);
    assert.match(m.from?.text ?? '', /community@acme\.example/);
    const lu = header(m, 'list-unsubscribe') ?? '';
    const url = /^<(http:\/\/confab\.test\/api\/v1\/unsubscribe\?token=[\w.-]+)>$/.exec(lu);
    assert.ok(url, `List-Unsubscribe: ${lu}`);
    unsubscribeUrl = url[1];
    assert.equal(header(m, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  });

  test('unsubscribe: GET shows a page and changes nothing; POST without auth turns the mail off and stops further mail', async () => {
    const path = unsubscribeUrl.slice(ORIGIN.length);
    const page = await raw(env, path);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);
    assert.equal((await call(env, 'getPreferences', { as: PEOPLE.chloe })).body.answer, 'email');

    const bad = await raw(env, path.replace(/token=./, 'token=x'), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(bad.status, 400);
    const ok = await raw(env, path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(ok.status, 200);
    // The mail stops; the in-app notification stays.
    assert.equal((await call(env, 'getPreferences', { as: PEOPLE.chloe })).body.answer, 'inapp');

    const before = mailsTo('chloe@globex.example').length;
    await answered(PEOPLE.chloe, await tokenWith(PEOPLE.chloe, 'chloe@globex.example', 'de'));
    await settle();
    assert.equal(mailsTo('chloe@globex.example').length, before);
    const inbox = (await call(env, 'listNotifications', { as: PEOPLE.chloe })).body.items;
    assert.equal(inbox.filter((n: { type: string }) => n.type === 'answer').length, 2);
  });

  test('a digest gathers several notifications into one mail, once, with two digest jobs and two workers racing', async () => {
    const token = await tokenWith(PEOPLE.ava, 'ava@northwind.example', 'fr');
    const t = (await call(env, 'createThread', { token, body: { title: 'Digest me', body: 'Opening post', category: 'deals' } })).body;
    for (const who of [PEOPLE.ben, PEOPLE.devi, PEOPLE.sam])
      await call(env, 'replyToThread', { as: who, params: { id: t.id }, body: { body: `Reply from ${who.id}` } });
    await settle();
    assert.equal(mailsTo('ava@northwind.example').length, 0, 'replies wait for the daily digest');

    // Older than two periods (e.g. from before a switch to the digest): left out.
    await env.db.query(
      `INSERT INTO notifications (id, recipient_id, event_key, type, actor_id, target_kind, target_id, target_title, excerpt, created_at)
       VALUES ('n_old', 'p-ava', 'old', 'reply', 'p-ben', 'thread', $1, 'Digest me', 'An old reply', now() - interval '10 days')`,
      [t.id],
    );
    const now = new Date(Date.now() + DAY);
    const jobs = [createDigestJob(env.db, { hour: 7, weekday: 1 }), createDigestJob(env.db, { hour: 7, weekday: 1 })];
    const queued = await Promise.all(jobs.map((j) => j.queueDue(now)));
    assert.ok(queued.reduce((a, b) => a + b) >= 1);
    const [w1, w2] = [worker(), worker()];
    await Promise.all([w1.drain(), w2.drain()]);
    const mails = mailsTo('ava@northwind.example');
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject ?? '', /^Votre résumé quotidien : 3 nouveautés$/);
    for (const who of ['p-ben', 'p-devi', 'p-sam']) assert.match(mails[0].text ?? '', new RegExp(`Reply from ${who}`));
    assert.doesNotMatch(mails[0].text ?? '', /An old reply/);
    assert.match(header(mails[0], 'list-unsubscribe') ?? '', /^<http:\/\/confab\.test\/api\/v1\/unsubscribe\?token=/);

    // The same period again: nothing new queued, nothing sent.
    assert.equal(await jobs[0].queueDue(now), 0);
    await settle();
    assert.equal(mailsTo('ava@northwind.example').length, 1);
  });

  test('digest periods end at the digest hour (UTC), weekly ones on the digest weekday', () => {
    const sat0600 = new Date('2026-12-05T06:00:00Z');
    assert.equal(periodEnd(sat0600, 'daily', 7, 1).toISOString(), '2026-12-04T07:00:00.000Z');
    assert.equal(periodEnd(new Date('2026-12-05T07:00:00Z'), 'daily', 7, 1).toISOString(), '2026-12-05T07:00:00.000Z');
    assert.equal(periodEnd(sat0600, 'weekly', 7, 1).toISOString(), '2026-11-30T07:00:00.000Z');
    assert.equal(periodEnd(new Date('2026-11-30T07:30:00Z'), 'weekly', 7, 1).toISOString(), '2026-11-30T07:00:00.000Z');
  });

  test('an SMTP server that answers 451 and then accepts gets the mail exactly once; 451 every time parks it', async () => {
    const token = await tokenWith(PEOPLE.devi, 'devi@initech.example', 'ja');
    script.push(451);
    const refusedBefore = refused;
    await answered(PEOPLE.devi, token);
    await settle();
    assert.equal(refused, refusedBefore + 1);
    const [m, extra] = mailsTo('devi@initech.example');
    assert.equal(extra, undefined);
    assert.equal(m.subject, 'Ben Okaforさんが「Question of p-devi」に回答しました');
    const { rows } = await env.db.query<{ attempts: number; status: string; last_status: number }>(
      `SELECT attempts, status, last_status FROM deliveries WHERE channel = 'email' AND recipient = 'p-devi'`,
    );
    assert.deepEqual(rows.map((r) => [Number(r.attempts), r.status, Number(r.last_status)]), [[2, 'delivered', 250]]);

    script.push(451, 451, 451);
    await call(env, 'askQuestion', { token, body: { title: 'Second question', body: 'Again', category: 'mdf' } }).then((r) =>
      call(env, 'answerQuestion', { as: PEOPLE.ben, params: { id: r.body.id }, body: { body: 'Second answer' } }),
    );
    await settle();
    assert.equal(mailsTo('devi@initech.example').length, 1);
    const parked = await env.db.query<{ status: string; last_status: number }>(`SELECT status, last_status FROM deliveries WHERE channel = 'email' AND recipient = 'p-devi' AND status <> 'delivered'`);
    assert.deepEqual(parked.rows.map((r) => [r.status, Number(r.last_status)]), [['parked', 451]]);
  });

  test('an answer hidden before the mail goes out is not mailed, and its notification leaves the bell and the unread count', async () => {
    const who: Who = { id: 'p-hidden-mail', name: 'Hidden Mail', org: 'org-stark', tier: 'gold', roles: ['sales'] };
    const token = await tokenWith(who, 'hidden-mail@stark.example', 'en');
    const q = await answered(who, token);
    await env.confab.notifier.drain();
    // With the token that carries the address: a token without one would stop the mail by itself.
    const before = (await call(env, 'listNotifications', { token })).body;
    assert.deepEqual(before.items.map((n: any) => n.target.id), [q.id]);
    assert.equal(before.unread, 1);
    const answerId = before.items[0].target.postId;
    assert.equal((await call(env, 'moderationAction', { as: PEOPLE.morgan, body: { target: { kind: 'answer', id: answerId }, action: 'hide' } })).status, 200);
    await settle();
    assert.deepEqual(mailsTo('hidden-mail@stark.example'), []);
    const after = (await call(env, 'listNotifications', { token })).body;
    assert.deepEqual([after.items.length, after.unread], [0, 0]);
  });

  test('no mail to someone whose token carries no verified address', async () => {
    const token = await tokenWith(PEOPLE.morgan, 'morgan@acme.example', 'en', false);
    await answered(PEOPLE.morgan, token);
    await settle();
    assert.equal(mailsTo('morgan@acme.example').length, 0);
    assert.equal((await env.db.query<{ mail_to: string | null }>(`SELECT mail_to FROM people WHERE id = 'p-morgan'`)).rows[0].mail_to, null);
    const inbox = (await call(env, 'listNotifications', { as: PEOPLE.morgan })).body.items;
    assert.equal(inbox.filter((n: { type: string }) => n.type === 'answer').length, 1, 'the in-app notification still arrives');
  });

  test('a token that no longer carries a verified address stops mail to the old one', async () => {
    const who: Who = { id: 'p-lost-mail', name: 'Lost Mail', org: 'org-stark', tier: 'gold', roles: ['sales'] };
    const mailTo = async () => (await env.db.query<{ mail_to: string | null }>(`SELECT mail_to FROM people WHERE id = $1`, [who.id])).rows[0]?.mail_to;
    await answered(who, await tokenWith(who, 'lost@stark.example', 'en'));
    assert.equal(await mailTo(), 'lost@stark.example');
    await call(env, 'listNotifications', { token: await tokenWith(who, 'lost@stark.example', 'en', false) });
    assert.equal(await mailTo(), null);
  });

  test('without CONFAB_SMTP_URL mail is captured and listed at GET /api/demo/mail; never with SMTP or in production', async () => {
    assert.equal((await raw(env, '/api/demo/mail')).status, 404);
    const demo = env.makeApp({ config: { mail: mailConfig(undefined) } });
    const prod = env.makeApp({ config: { mail: mailConfig(undefined), production: true } });
    try {
      assert.equal((await raw(env, '/api/demo/mail', {}, prod)).status, 404);
      // The demo token carries the seeded address as verified, as `npm start` does for a newcomer.
      const { token } = await (await raw(env, '/api/demo/token?user=p-victor', {}, demo)).json();
      const seeded = (await env.db.query<{ email: string }>(`SELECT email FROM people WHERE id = 'p-victor'`)).rows[0].email;
      await raw(env, '/api/v1/people?q=a', { headers: { authorization: `Bearer ${token}`, 'accept-language': 'ar-EG,ar;q=0.9' } }, demo);
      await answered(PEOPLE.victor, token);
      await demo.notifier.drain();
      await demo.deliverer.drain();
      const list = await (await raw(env, '/api/demo/mail', {}, demo)).json();
      const m = list.find((x: { to: string }) => x.to === seeded);
      assert.ok(m, JSON.stringify(list));
      assert.equal(m.subject, 'أجاب Ben Okafor عن «Question of p-victor»');
      assert.match(m.text, /An answer for p-victor/);
      assert.match(m.html, /dir="rtl"/);
      assert.match(m.headers['List-Unsubscribe'], /^<http:\/\/confab\.test\/api\/v1\/unsubscribe\?token=/);
      assert.ok(!Number.isNaN(Date.parse(m.sentAt)));
      assert.equal(mailsTo(seeded).length, 0, 'captured, not sent');
    } finally {
      await demo.close();
      await prod.close();
    }
  });
});
