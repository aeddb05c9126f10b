import type { Endpoint } from './endpoint.js';
import {
  AuditEntry, AuditLogPage, AuditLogQuery, Flag, ModerationActionRequest, NewFlag, QueuePage, QueueQuery, RevisionList,
  RevisionQuery, WatchedWords,
} from '../moderation.js';

const ep = <E extends Endpoint>(e: E) => e;

/**
 * Reports, the moderation queue and its actions, watched words, the audit trail and revisions.
 * Everything but `createFlag` is for moderators and vendor staff; anyone else gets 403.
 * One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts).
 */
export const moderationEndpoints = {
  createFlag: ep({ method: 'POST', path: '/v1/flags', summary: 'Report content', description: 'Reports a thread, post, question or answer to the moderators; each person can flag an item once (409 on a second flag), and enough distinct flaggers hide it until a moderator decides.', body: NewFlag, response: Flag, auth: 'write', idempotent: true, problems: { 404: 'No such content', 409: 'You have already reported it' } }),
  moderationQueue: ep({ method: 'GET', path: '/v1/moderation/queue', summary: 'The moderation queue', description: 'Flagged and held content with its context (title, excerpt, author, reasons, flag count, times), oldest first; moderators and vendor staff only.', query: QueueQuery, response: QueuePage, auth: 'write' }),
  moderationAction: ep({ method: 'POST', path: '/v1/moderation/actions', summary: 'Act on content or a person', description: 'Approves, hides, deletes, locks, unlocks, pins or unpins content, or suspends or unsuspends a person; records the action in the audit log and returns that entry. Moderators and vendor staff only.', body: ModerationActionRequest, response: AuditEntry, auth: 'write', problems: { 404: 'No such content or person' } }),
  getWatchedWords: ep({ method: 'GET', path: '/v1/moderation/watched-words', summary: 'The watched words', description: 'Words and phrases that block a write (422 naming the word) or hold it for review; moderators and vendor staff only.', response: WatchedWords, auth: 'write' }),
  putWatchedWords: ep({ method: 'PUT', path: '/v1/moderation/watched-words', summary: 'Replace the watched words', description: 'Replaces the whole list of watched words and returns it; moderators and vendor staff only.', body: WatchedWords, response: WatchedWords, auth: 'write' }),
  moderationLog: ep({ method: 'GET', path: '/v1/moderation/log', summary: 'The audit log', description: 'Every moderation action, newest first: who, what, when, the reason, and the state before and after; moderators and vendor staff only.', query: AuditLogQuery, response: AuditLogPage, auth: 'write' }),
  listRevisions: ep({ method: 'GET', path: '/v1/moderation/revisions', summary: 'Earlier versions of edited content', description: 'The versions a thread, post, question or answer had before each edit, newest first; moderators and vendor staff only.', query: RevisionQuery, response: RevisionList, auth: 'write', problems: { 404: 'No such content' } }),
} satisfies Record<string, Endpoint>;
