/**
 * The moderation capability (issue 14): reports, the moderators' queue, their actions, watched words,
 * the audit log and revisions. Not every backend has it, so `CommunityBackend` extends
 * `Partial<ModerationApi>`, and an element checks `hasModeration(backend)` (or the one method it
 * needs) before it calls, showing "not available on this backend" otherwise.
 *
 * Method names are the contract's endpoint names (src/contract/groups/moderation.ts).
 */
import type {
  AuditEntry, AuditLogPage, AuditLogQuery, Flag, ModerationActionRequest, NewFlag, QueuePage, QueueQuery, RevisionList, RevisionQuery,
  WatchedWords,
} from '../contract/index.js';
import type { CallOptions } from './call-options.js';

/** What a backend with moderation adds to the plug. */
export interface ModerationApi {
  /** Reports a thread, post, question or answer; once per person and item (409 on a second report). */
  createFlag(input: NewFlag, opts?: CallOptions): Promise<Flag>;
  /** Flagged and held items with their context; moderators and vendor staff only (403 otherwise). */
  moderationQueue(query: QueueQuery, opts?: CallOptions): Promise<QueuePage>;
  /** One moderator action; answers with the audit log entry it made. */
  moderationAction(request: ModerationActionRequest, opts?: CallOptions): Promise<AuditEntry>;
  /** The audit log, newest first. */
  moderationLog(query: AuditLogQuery, opts?: CallOptions): Promise<AuditLogPage>;
  getWatchedWords(opts?: CallOptions): Promise<WatchedWords>;
  putWatchedWords(words: WatchedWords, opts?: CallOptions): Promise<WatchedWords>;
  /** Earlier versions of edited content, for moderators. */
  listRevisions(query: RevisionQuery, opts?: CallOptions): Promise<RevisionList>;
}

/** True when `backend` has the moderators' side of the capability (queue and actions). */
export function hasModeration<B extends Partial<ModerationApi>>(backend: B | undefined): backend is B & ModerationApi {
  return !!backend && typeof backend.moderationQueue === 'function' && typeof backend.moderationAction === 'function';
}

/** True when `backend` takes reports (the "Report" action of the feed and the Q&A box). */
export function canReport<B extends Partial<ModerationApi>>(backend: B | undefined): backend is B & Pick<ModerationApi, 'createFlag'> {
  return !!backend && typeof backend.createFlag === 'function';
}
