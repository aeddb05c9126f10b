// Starts the reference backend: the demo portal at /, bundles at /dist/, the API under /api.
import { configFromEnv, startConfigFromEnv } from './config.js';
import { forgetOldSearches } from './handlers/insights/search-events.js';
import { forgetOldKeys } from './idempotency.js';
import { listen } from './listen.js';
import { setup, REPO_ROOT } from './setup.js';

const start = startConfigFromEnv();
const { host } = start;

async function main() {
  const t0 = Date.now();
  let s;
  try {
    s = await setup({ staticDirs: { demo: REPO_ROOT + 'demo', dist: REPO_ROOT + 'dist' } }, start);
  } catch (e) {
    console.error(`[confab] ${(e as Error).message}`);
    process.exit(1);
  }
  if (s.auth.demo) {
    console.log('[confab] DEMO MODE: no CONFAB_JWT_SECRET or CONFAB_JWKS_URL set; tokens use a built-in dev secret.');
    console.log('[confab]   demo people: GET /api/demo/users, a token: GET /api/demo/token?user=p-ava');
    if (!s.config.mail.smtpUrl) console.log('[confab]   no CONFAB_SMTP_URL: notification mail is kept and listed at GET /api/demo/mail');
  }
  console.log(`[confab] database: ${s.db.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite at ' + (start.dataDir ?? REPO_ROOT + '.data')}${s.seeded ? ', seeded the demo community' : ''}`);
  if (s.config.previousKeySecret) {
    console.log(`[confab] sealed ${s.resealed} secret(s) again under the new CONFAB_KEY_SECRET; once every process runs with it, remove CONFAB_KEY_SECRET_PREVIOUS.`);
  }
  // Idle keep-alive connections outlive the clients' and proxies' own idle timeouts: see listen.ts.
  const server = listen(s.app.fetch, start, (info) => {
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    console.log(`[confab] ready in ${Date.now() - t0} ms: http://${shown}:${info.port}/  (API http://${shown}:${info.port}/api)`);
  });
  s.notifier.start();
  s.deliverer.start();
  s.digests.start();
  const sweep = setInterval(() => forgetOldKeys(s.db).catch(() => {}), 3_600_000);
  sweep.unref();
  // Search events past their retention period (CONFAB_SEARCH_RETENTION_DAYS) go at start and hourly.
  const { searchRetentionDays } = configFromEnv().insights;
  const forgetSearches = () => forgetOldSearches(s.db, searchRetentionDays).catch(() => {});
  void forgetSearches();
  setInterval(forgetSearches, 3_600_000).unref();
  const stop = async () => {
    server.close();
    await s.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
