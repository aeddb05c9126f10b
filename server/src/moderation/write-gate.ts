// What every write passes before its handler runs: the general write limit (per user and address),
// a suspension check (403 until `until`), and for a new partner's posts the tighter limits. All of
// it reads the database, so every server process on it enforces the same numbers.
import type { EndpointName } from '../../../src/contract/index.js';
import type { User } from '../auth.js';
import type { Config } from '../config.js';
import type { Queryable } from '../db.js';
import { enforceLimits, enforceRateLimit, type RateLimiter } from '../middlewares/rate-limit.js';
import { forbidden } from '../problem.js';
import { isNewPartner } from './trust.js';

/** The endpoints that create a post (thread, reply, question, answer): the ones the new-partner limits count. */
export const POSTING: ReadonlySet<EndpointName> = new Set<EndpointName>(['createThread', 'replyToThread', 'askQuestion', 'answerQuestion']);

export async function assertNotSuspended(q: Queryable, u: User): Promise<void> {
  const { rows } = await q.query<{ suspended_until: Date }>(
    `SELECT suspended_until FROM people WHERE id = $1 AND suspended_until > now()`,
    [u.id],
  );
  if (rows[0]) {
    const until = new Date(rows[0].suspended_until);
    const when = until.getUTCFullYear() >= 9999 ? 'until a moderator lifts it' : `until ${until.toISOString()}`;
    throw forbidden(`Your account is suspended ${when}.`);
  }
}

export async function gateWrite(q: Queryable, limiter: RateLimiter, config: Config, name: EndpointName, user: User | null, ip: string): Promise<void> {
  await enforceRateLimit(limiter, config.rateLimit, user?.id ?? null, ip);
  if (!user) return;
  await assertNotSuspended(q, user);
  const m = config.moderation;
  if (POSTING.has(name) && m.newPartnerLimits.length && (await isNewPartner(q, user, m.trustedAfterPosts))) {
    await enforceLimits(
      limiter,
      m.newPartnerLimits.map((rule) => ({ who: `new:${user.id}`, rule })),
      'New members can post a few times a minute; once some of your posts are approved, the limit goes up.',
    );
  }
}
