/**
 * The moderation capability (issue 14): reports, the moderators' queue, their actions and the audit
 * log. Not every backend has it, so `CommunityBackend` extends `Partial<ModerationApi>` and an element
 * checks `hasModeration(backend)` before it calls, showing "not available on this backend" otherwise.
 */
import type { Author, Page } from '../contract/index.js';
import type { CallOptions } from './call-options.js';

// PROVISIONAL: these mirror issue 14 until the server branch's contract lands; then they come from src/contract/.
export const CONTENT_KINDS = ['thread', 'post', 'question', 'answer'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const CONTENT_STATUSES = ['published', 'held', 'hidden'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];
export const FLAG_REASONS = ['spam', 'off-topic', 'inappropriate', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const MODERATION_ACTIONS = ['approve', 'hide', 'delete', 'lock', 'unlock', 'pin', 'unpin', 'suspend', 'unsuspend'] as const;
export type ModerationActionName = (typeof MODERATION_ACTIONS)[number];

export interface ContentRef {
  kind: ContentKind;
  id: string;
}
export interface NewFlag {
  target: ContentRef;
  reason: FlagReason;
  note?: string;
}
export interface Flag {
  id: string;
  target: ContentRef;
  reason: FlagReason;
  note: string | null;
  createdAt: string;
}
export interface QueueItem {
  target: ContentRef;
  status: ContentStatus;
  title: string;
  excerpt: string;
  author: Author;
  /** The thread or question the item belongs to (itself for a thread or question). */
  parentId: string;
  reasons: FlagReason[];
  flagCount: number;
  notes: string[];
  createdAt: string;
  flaggedAt: string | null;
  locked: boolean;
  pinned: boolean;
}
export interface QueueQuery {
  filter?: 'flagged' | 'held';
  reason?: FlagReason;
  cursor?: string;
  limit?: number;
}
export interface ModerationRequest {
  target: ContentRef | { kind: 'person'; id: string };
  action: ModerationActionName;
  until?: string;
  reason?: string;
}
export interface ModerationLogEntry {
  id: string;
  actor: Author;
  target: ContentRef | { kind: 'person'; id: string };
  action: ModerationActionName;
  reason: string | null;
  before: string;
  after: string;
  at: string;
}

/** What a backend with moderation adds to the plug. */
export interface ModerationApi {
  /** Reports a thread, post, question or answer; once per person and item. */
  flagContent(input: NewFlag, opts?: CallOptions): Promise<Flag>;
  /** Flagged and held items with their context; moderators and vendor staff only (403 otherwise). */
  moderationQueue(query: QueueQuery, opts?: CallOptions): Promise<Page<QueueItem>>;
  /** One moderator action; answers with the audit log entry it made. */
  moderate(request: ModerationRequest, opts?: CallOptions): Promise<ModerationLogEntry>;
  /** The audit log, newest first. */
  moderationLog(query: { cursor?: string; limit?: number }, opts?: CallOptions): Promise<Page<ModerationLogEntry>>;
}

/** True when `backend` has the moderation capability. */
export function hasModeration<B extends Partial<ModerationApi>>(backend: B | undefined): backend is B & ModerationApi {
  return !!backend && typeof backend.moderationQueue === 'function' && typeof backend.moderate === 'function' && typeof backend.flagContent === 'function';
}
