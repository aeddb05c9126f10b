import type { LiveEvent, SignedInMe } from '../../contract/index.js';
import type { MemoryData } from './model.js';
import { createModerationStore, type ModerationStore } from './moderation-store.js';

/**
 * What MemoryBackend shares with the functions that answer its calls (threads.ts, questions.ts, …).
 * One object rather than a base class, so each concern is a plain function of the state and the
 * class stays the only thing that owns it.
 */
export interface MemoryState {
  readonly data: MemoryData;
  /** The signed-in caller; null is anonymous. */
  user: SignedInMe | null;
  /** Wall-clock start, so the fixture clock moves forward in real time from `data.now`. */
  readonly startedAt: number;
  /** Numbers new content; the `m` in those ids (`th-m001`) keeps them apart from the fixtures' ids. */
  seq: number;
  readonly listeners: Set<(event: LiveEvent) => void>;
  /** Flags, statuses, locks, pins, suspensions and the audit log (moderation.ts). */
  readonly mod: ModerationStore;
}

export function createState(data: MemoryData, user: SignedInMe | null): MemoryState {
  return { data, user, startedAt: Date.now(), seq: 0, listeners: new Set(), mod: createModerationStore() };
}

/** The fixture clock: `data.now` moving forward in real time, so new content is "just now". */
export function clockNow(state: MemoryState): number {
  return state.data.now + (Date.now() - state.startedAt);
}

export function newId(state: MemoryState, prefix: string): string {
  return `${prefix}-m${String(++state.seq).padStart(3, '0')}`;
}

export const iso = (ms: number) => new Date(ms).toISOString();
