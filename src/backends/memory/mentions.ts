import { mentionedIds } from '../../contract/mentions.js';
import type { MemoryState } from './state.js';

/** The ids of the community's people that `body` mentions (`@[Name](id)`, contract/mentions.ts), each once. */
export function mentionedPeople(state: MemoryState, body: string): string[] {
  return mentionedIds(body).filter((id) => state.data.people.some((p) => p.id === id));
}
