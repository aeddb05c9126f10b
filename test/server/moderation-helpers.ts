// Shared by the moderation tests: acting as a moderator, watched words, a live stream to listen on,
// and brand-new partners (not in the seed, so they have no published posts yet).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ConfabApp } from '../../server/src/app.js';
import { configFromEnv, type ModerationConfig } from '../../server/src/config.js';
import { ORIGIN, PEOPLE, call, streamText, type TestEnv, type Who } from './helpers.js';

export const MOD = PEOPLE.morgan;

/** Moderation settings over the defaults. */
export const moderationConfig = (o: Partial<ModerationConfig> = {}): ModerationConfig => ({ ...configFromEnv({}).moderation, ...o });

/** A partner nobody has seen before: no posts, so "new" for the trust rules. */
export function newPartner(label = 'new'): Who {
  const id = `p-${label}-${randomBytes(3).toString('hex')}`;
  return { id, name: `New ${label}`, org: 'org-stark', tier: 'registered', roles: ['sales'] };
}

export async function act(env: TestEnv, target: { kind: string; id: string }, action: string, extra: { until?: string; reason?: string; as?: Who; app?: ConfabApp } = {}) {
  const { as = MOD, app, ...rest } = extra;
  return call(env, 'moderationAction', { as, app, body: { target, action, ...rest } });
}

export async function setWatchedWords(env: TestEnv, items: { pattern: string; action: 'block' | 'hold' }[]) {
  const r = await call(env, 'putWatchedWords', { as: MOD, body: { items } });
  assert.equal(r.status, 200);
  return r;
}

/** The live stream as someone sees it; `events()` parses what arrived so far. */
export async function openStream(env: TestEnv, token?: string) {
  const ac = new AbortController();
  // Signed in with a single-use ticket, as the REST client opens it (a token never goes in a URL).
  const ticket = token ? (await call(env, 'createLiveTicket', { token })).body.ticket : null;
  const path = '/api/v1/events' + (ticket ? `?ticket=${encodeURIComponent(ticket)}` : '');
  const res = await env.confab.app.request(ORIGIN + path, { signal: ac.signal });
  assert.equal(res.status, 200);
  const stream = streamText(res.body!);
  await stream.until((b) => b.includes(': connected'));
  return {
    until: stream.until,
    events: () =>
      stream.text.split('\n\n').filter((b) => b.includes('event:')).map((b) => JSON.parse(/^data: (.*)$/m.exec(b)![1]) as { type: string; id: string; kind?: string }),
    close: async () => {
      ac.abort();
      await stream.reader.cancel().catch(() => {});
    },
  };
}
