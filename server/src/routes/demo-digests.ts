// Demo mode only (no token key configured): sends the daily and weekly digests now, as if their
// period had just ended, so a newcomer (or an end-to-end test) sees a digest mail without waiting
// for CONFAB_DIGEST_HOUR. Never mounted with a real identity provider.
import type { Hono } from 'hono';
import type { Auth } from '../auth.js';
import type { AppEnv } from '../http-env.js';
import type { DigestJob } from '../notify/digest.js';

export function mountDemoDigests(app: Hono<AppEnv>, auth: Auth, digests: DigestJob): void {
  if (!auth.demo) return;
  app.post('/api/demo/digests', async (c) => c.json({ queued: await digests.queueNow() }));
}
