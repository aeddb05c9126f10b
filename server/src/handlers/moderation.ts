// The moderation endpoints: reports, the queue, actions, watched words, the audit log and revisions.
// Everything but reporting is for moderators and vendor staff (403 for anyone else); the rules
// themselves live in ../moderation/.
import type { User } from '../auth.js';
import type { Ctx } from '../context.js';
import { forbidden } from '../problem.js';
import { moderate } from '../moderation/actions.js';
import { auditPage, recordAction } from '../moderation/audit.js';
import { flagContent } from '../moderation/flags.js';
import { queuePage } from '../moderation/queue.js';
import { revisionsOf } from '../moderation/revisions.js';
import { mayModerate } from '../moderation/visibility.js';
import { readWatchedWords, replaceWatchedWords } from '../moderation/watched-words.js';
import { needUser, upsertPerson } from './common.js';

function needModerator(ctx: Ctx): User {
  const u = needUser(ctx);
  if (!mayModerate(u)) throw forbidden('Only moderators and vendor staff can do this.');
  return u;
}

export async function createFlag(ctx: Ctx<'createFlag'>) {
  const u = needUser(ctx);
  await upsertPerson(ctx.q, u);
  return flagContent(ctx, u, ctx.body);
}

export async function moderationQueue(ctx: Ctx<'moderationQueue'>) {
  needModerator(ctx);
  return queuePage(ctx.q, ctx.query);
}

export async function moderationAction(ctx: Ctx<'moderationAction'>) {
  const u = needModerator(ctx);
  await upsertPerson(ctx.q, u);
  return moderate(ctx, u, ctx.body);
}

export async function getWatchedWords(ctx: Ctx<'getWatchedWords'>) {
  needModerator(ctx);
  return { items: await readWatchedWords(ctx.q) };
}

export async function putWatchedWords(ctx: Ctx<'putWatchedWords'>) {
  const u = needModerator(ctx);
  await upsertPerson(ctx.q, u);
  const before = await readWatchedWords(ctx.q);
  await replaceWatchedWords(ctx.q, ctx.body.items);
  const after = await readWatchedWords(ctx.q);
  await recordAction(ctx.q, {
    actorId: u.id, action: 'set-watched-words', target: null,
    reason: null, before: { watchedWords: before }, after: { watchedWords: after },
  });
  return { items: after };
}

export async function moderationLog(ctx: Ctx<'moderationLog'>) {
  needModerator(ctx);
  return auditPage(ctx.q, ctx.query);
}

export async function listRevisions(ctx: Ctx<'listRevisions'>) {
  needModerator(ctx);
  return revisionsOf(ctx.q, ctx.query);
}
