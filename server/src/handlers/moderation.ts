// The moderation endpoints: reports, the queue, actions, watched words, the audit log and revisions.
import type { Ctx } from '../context.js';
import { HttpError } from '../problem.js';

const notYet = (): never => {
  throw new HttpError(501, 'Not Implemented', 'Moderation is being built.');
};

export const createFlag = async (_ctx: Ctx<'createFlag'>) => notYet();
export const moderationQueue = async (_ctx: Ctx<'moderationQueue'>) => notYet();
export const moderationAction = async (_ctx: Ctx<'moderationAction'>) => notYet();
export const getWatchedWords = async (_ctx: Ctx<'getWatchedWords'>) => notYet();
export const putWatchedWords = async (_ctx: Ctx<'putWatchedWords'>) => notYet();
export const moderationLog = async (_ctx: Ctx<'moderationLog'>) => notYet();
export const listRevisions = async (_ctx: Ctx<'listRevisions'>) => notYet();
