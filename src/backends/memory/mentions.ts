import { MENTION_PATTERN } from '../../core/mentions.js';
import type { MemoryState } from './state.js';

/** The ids of the community's people that `body` mentions, each once. */
export function mentionedPeople(state: MemoryState, body: string): string[] {
  const ids = new Set<string>();
  for (const m of body.matchAll(MENTION_PATTERN)) ids.add(m[2]!);
  return [...ids].filter((id) => state.data.people.some((p) => p.id === id));
}
