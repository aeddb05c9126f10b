// The Hono app factory: createApp({ db, auth, config }) builds the whole server in-process. This file
// only composes: the middlewares in middlewares/, the contract endpoints in endpoints/, the other
// routes (meta, demo, SSE, Open Badges, portal) in routes/. Order matters: middlewares first, and
// the portal's catch-all last.
import { Hono, type Context } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import type { Auth } from './auth.js';
import { configFromEnv, type Config } from './config.js';
import type { Db } from './db.js';
import { mountEndpoints } from './endpoints/mount.js';
import { createEventBus, type EventBus } from './events.js';
import type { AppEnv } from './http-env.js';
import { authenticate } from './middlewares/authenticate.js';
import { limitBody } from './middlewares/body-limit.js';
import { clientIp } from './middlewares/client-ip.js';
import { apiCors, badgeDocumentCors } from './middlewares/cors.js';
import { etag } from './middlewares/etag.js';
import { RateLimiter } from './middlewares/rate-limit.js';
import { rejectNul } from './middlewares/reject-nul.js';
import { safeFetchJson, safeFetchText, safePost } from './openbadges/fetch.js';
import { fetchForOrigin, fetchTextForOrigin } from './openbadges/fetch-for-origin.js';
import type { FetchJson } from './openbadges/verify.js';
import type { FetchText } from '../../src/openbadges/ob3/index.js';
import { problemFromError, problemResponse } from './problem.js';
import { mountDemo } from './routes/demo.js';
import { mountEvents } from './routes/events.js';
import { mountNotificationEvents } from './routes/notification-events.js';
import { publishedOnly } from './notify/moderation-hook.js';
import { createUserBus } from './notify/user-bus.js';
import { createOutboxWorker, type Worker } from './notify/worker.js';
import { createDeliveryWorker, type DeliveryWorker } from './notify/delivery-worker.js';
import { webhookSender } from './notify/webhook-sender.js';
import { emailSender } from './notify/email-sender.js';
import { captureMailer, smtpMailer, type Mailer } from './notify/mailer.js';
import { createDigestJob, type DigestJob } from './notify/digest.js';
import { rememberMail } from './middlewares/remember-mail.js';
import { mountUnsubscribe } from './routes/unsubscribe.js';
import { mountDemoMail } from './routes/demo-mail.js';
import { mountDemoDigests } from './routes/demo-digests.js';
import { randomBytes } from 'node:crypto';
import { mountMeta } from './routes/meta.js';
import { mountOpenBadges } from './routes/openbadges.js';
import { mountPortal } from './routes/portal.js';
import { registerOb3Routes } from './routes/ob3.js';

export interface AppOptions {
  db: Db;
  auth: Auth;
  /** Laid over configFromEnv(). */
  config?: Partial<Config>;
  /** Directories served by main.ts: the demo portal at `/` and the bundles at `/dist/`. */
  staticDirs?: { demo?: string; dist?: string };
  /** Replaces the SSRF-safe fetcher for POST /v1/verify (tests). */
  fetchJson?: FetchJson;
  /** Replaces the SSRF-safe text fetcher for POST /v1/verify of Open Badges 3.0 credentials (tests). */
  fetchText?: FetchText;
}

export interface ConfabApp {
  app: Hono;
  bus: EventBus;
  config: Config;
  /** The outbox worker (notifications, webhooks). main.ts starts it; tests may `drain()` it instead. */
  notifier: Worker;
  /** Sends the queued webhook calls. main.ts starts it; tests may `drain()` it instead. */
  deliverer: DeliveryWorker;
  /** Queues the daily and weekly digest mails. main.ts starts it; tests call `queueDue(now)`. */
  digests: DigestJob;
  close(): Promise<void>;
}

/** Outside production, without CONFAB_MAIL_SECRET: a fixed key, so demo unsubscribe links survive restarts. */
const DEMO_UNSUBSCRIBE_SECRET = 'confab-demo-unsubscribe-do-not-use-in-production';

export function createApp(opts: AppOptions): ConfabApp {
  const config: Config = { ...configFromEnv(), ...opts.config };
  const { db, auth } = opts;
  const bus = createEventBus(db, config.channel);
  // Remember events for replay from the start, not from this process's first SSE client on.
  bus.start().catch((e: unknown) => console.error('[confab] could not listen for live events yet; retrying with the first SSE client:', e instanceof Error ? e.message : e));
  // RegExpRouter, chosen here rather than left to Hono's default SmartRouter: SmartRouter tries it on
  // the first request and, when it refuses the route table, matches every request with TrieRouter
  // instead, about 5 µs more per request (issue 18). It refuses a literal segment beside a parameter
  // in the same place (`/questions/similar` beside `/questions/:id`, honojs/hono#1140); mount.ts
  // registers the contract's such pairs as one route. Chosen explicitly, a route it refuses fails
  // here, when the app is built, instead of slowing every request down unnoticed.
  const app = new Hono<AppEnv>({ router: new RegExpRouter() });
  const originOf = (c: Context) => config.publicUrl ?? new URL(c.req.url).origin;
  const outside =
    opts.fetchJson ??
    safeFetchJson({ allowHttp: !config.production, allowHosts: config.verifyAllow, maxBytes: 512 * 1024, timeoutMs: 5000 });
  const outsideText =
    opts.fetchText ??
    safeFetchText({ allowHttp: !config.production, allowHosts: config.verifyAllow, maxBytes: 512 * 1024, timeoutMs: 5000 });

  app.onError((err, c) => problemFromError(err, c));
  app.notFound((c) => problemResponse(404, 'Not Found', `Nothing at ${c.req.method} ${c.req.path}.`));

  app.use('/api/*', apiCors(config.allowedOrigins));
  app.use('/ob/*', badgeDocumentCors());
  app.use('/api/*', limitBody(config.maxBodyBytes));
  app.use('/api/*', authenticate(auth));
  app.use('/api/*', rememberMail(db));
  app.use('/api/*', clientIp(config.trustProxy));
  app.use('/api/*', rejectNul());
  app.use('/ob/*', rejectNul());
  app.use('/api/*', etag());
  app.use('/ob/*', etag());

  mountMeta(app, db, auth);
  mountDemo(app, db, auth);
  mountEvents(app, bus, config, db);
  const userChannel = `${config.channel}_user`;
  const userBus = createUserBus(db, userChannel);
  mountNotificationEvents(app, db, userBus, config);
  const notifier = createOutboxWorker(db, { gate: publishedOnly, userChannel });
  // Webhooks go out through the verifier's SSRF-safe fetcher; CONFAB_WEBHOOK_ALLOW names private hosts allowed anyway.
  const post = safePost({ allowHttp: !config.production, allowHosts: config.webhookAllow, maxBytes: 64 * 1024, timeoutMs: 10_000 });
  // Mail: through SMTP when CONFAB_SMTP_URL is set, else captured (listed at /api/demo/mail outside production).
  let mailer: Mailer;
  if (config.mail.smtpUrl) mailer = smtpMailer(config.mail.smtpUrl, config.mail.from);
  else {
    const capture = captureMailer(config.mail.from);
    if (!config.production) mountDemoMail(app, capture.mails);
    mailer = capture;
  }
  const unsubscribeSecret = config.mail.unsubscribeSecret ?? (config.production ? randomBytes(32).toString('hex') : DEMO_UNSUBSCRIBE_SECRET);
  if (config.production && !config.mail.unsubscribeSecret)
    console.warn('[confab] CONFAB_MAIL_SECRET is not set: unsubscribe links stop working when this process restarts.');
  if (config.production && !config.keySecret)
    console.warn(
      '[confab] CONFAB_KEY_SECRET is not set: Open Badges signing keys and webhook signing secrets are stored unsealed, so anyone with a copy of the database can sign credentials as the issuer and forge webhook deliveries (and keys or secrets sealed earlier cannot be used).',
    );
  mountUnsubscribe(app, db, unsubscribeSecret);
  const email = emailSender({ mailer, baseUrl: config.publicUrl ?? config.mail.linkBase, unsubscribeSecret });
  const deliverer = createDeliveryWorker(db, { senders: { webhook: webhookSender(post, config.keySecret), email } });
  const digests = createDigestJob(db, { hour: config.mail.digestHour, weekday: config.mail.digestWeekday });
  mountDemoDigests(app, auth, digests);
  mountEndpoints(app, {
    db,
    config,
    limiter: new RateLimiter(db),
    originOf,
    fetchJsonFor: (origin) => fetchForOrigin(origin, (url) => Promise.resolve(app.request(url)), outside),
    fetchTextFor: (origin) => fetchTextForOrigin(origin, (url, accept) => Promise.resolve(app.request(url, { headers: { accept } })), outsideText),
  });
  mountOpenBadges(app, db, config, originOf);
  registerOb3Routes(app, { db, config, originOf });
  mountPortal(app, opts.staticDirs);

  return {
    app: app as unknown as Hono,
    bus,
    config,
    notifier,
    deliverer,
    digests,
    close: async () => {
      digests.stop();
      await notifier.stop();
      await deliverer.stop();
      mailer.close();
      await userBus.close();
      await bus.close();
    },
  };
}
