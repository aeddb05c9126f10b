/** What moderation keeps beside the content in MemoryBackend (moderation.ts changes it). */
import type { AuditEntry, ContentStatus, FlagReason, HoldReason, WatchedWord } from '../../contract/index.js';

export interface FlagRecord { id: string; by: string; reason: FlagReason; note: string | null; at: number }
export interface ModRecord { status: ContentStatus; heldReason: HoldReason | null; flags: FlagRecord[]; locked: boolean; pinned: boolean }

/** What moderation keeps beside the content. */
export interface ModerationStore {
  /** By `kind:id`; content without a record is published, unflagged, unlocked and unpinned. */
  items: Map<string, ModRecord>;
  /** Newest first. */
  log: AuditEntry[];
  /** Person id -> suspended until (ms). */
  suspended: Map<string, number>;
  watchedWords: WatchedWord[];
}

export const createModerationStore = (): ModerationStore => ({ items: new Map(), log: [], suspended: new Map(), watchedWords: [] });
