/** What moderation keeps beside the content in MemoryBackend (moderation.ts changes it). */
import type { ContentStatus, FlagReason, ModerationLogEntry } from '../moderation.js';

export interface FlagRecord { id: string; by: string; reason: FlagReason; note: string | null; at: number }
export interface ModRecord { status: ContentStatus; flags: FlagRecord[]; locked: boolean; pinned: boolean }

/** What moderation keeps beside the content. */
export interface ModerationStore {
  items: Map<string, ModRecord>;
  log: ModerationLogEntry[];
  /** Person id -> suspended until (ms). */
  suspended: Map<string, number>;
}

export const createModerationStore = (): ModerationStore => ({ items: new Map(), log: [], suspended: new Map() });
