// The moderation state every piece of content carries, apart from the rest of the moderation
// contract (moderation.ts): the thread, question and event schemas need only this, and an element's
// first load should not carry the whole moderation contract with them.
import * as v from 'valibot';

/**
 * Where a piece of content stands. `held` waits for a moderator (watched word, new partner, or
 * before a first approval); `hidden` was hidden by a moderator or by enough flags. Both are shown
 * only to the author (with a notice) and to moderators and vendor staff; everyone else never sees
 * them, nor counts them.
 */
export const CONTENT_STATUSES = ['published', 'held', 'hidden'] as const;
export const ContentStatus = v.picklist(CONTENT_STATUSES);
export type ContentStatus = v.InferOutput<typeof ContentStatus>;

/** The kinds of content a partner can report and a moderator can act on. */
export const CONTENT_KINDS = ['thread', 'post', 'question', 'answer'] as const;
export const ContentKind = v.picklist(CONTENT_KINDS);
export type ContentKind = v.InferOutput<typeof ContentKind>;
