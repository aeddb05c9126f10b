// Pre-moderation: what a new post's status is before it is stored. A watched word with `block`
// refuses it (422 naming the word); one with `hold`, or a new partner's first posts or too many
// links, store it as `held`, so the author's text is never lost and a moderator decides.
import type { ContentStatus, HoldReason } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../problem.js';
import { isNewPartner, linkCount, postCount } from './trust.js';
import { matchWatched, readWatchedWords } from './watched-words.js';

export interface Screened {
  status: ContentStatus;
  heldReason: HoldReason | null;
}

const PUBLISHED: Screened = { status: 'published', heldReason: null };

/** Refuses text with a blocked word; says whether a `hold` word was found. */
async function checkWatchedWords(ctx: Ctx, texts: Record<string, string | undefined>): Promise<boolean> {
  const match = matchWatched(await readWatchedWords(ctx.q), texts);
  if (match?.word.action === 'block') {
    const word = match.word.pattern;
    throw new HttpError(422, 'Unprocessable Content', `"${word}" is not allowed in this community.`, [
      { path: match.field, message: `contains the blocked word "${word}"` },
    ]);
  }
  return match !== null;
}

/** The status of a new thread, reply, question or answer by the signed-in caller. */
export async function screenNewPost(ctx: Ctx, texts: { title?: string; body: string }): Promise<Screened> {
  if (await checkWatchedWords(ctx, texts)) return { status: 'held', heldReason: 'watched-word' };
  const m = ctx.config.moderation;
  if (!ctx.user || !(await isNewPartner(ctx.q, ctx.user, m.trustedAfterPosts))) return PUBLISHED;
  if (m.holdFirstPosts > 0 && (await postCount(ctx.q, ctx.user.id, m.holdFirstPosts, false)) < m.holdFirstPosts) {
    return { status: 'held', heldReason: 'new-partner' };
  }
  if (linkCount(texts.body) > m.newPartnerMaxLinks) return { status: 'held', heldReason: 'new-partner' };
  return PUBLISHED;
}

/** An edit: a blocked word refuses it, a held word holds the item again (null: keep its status). */
export async function screenEdit(ctx: Ctx, texts: { title?: string; body?: string }): Promise<Screened | null> {
  return (await checkWatchedWords(ctx, texts)) ? { status: 'held', heldReason: 'watched-word' } : null;
}
