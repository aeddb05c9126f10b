import { MODERATION_EVENT_TYPES, type LiveEvent } from '../../contract/index.js';
import type { MemoryState } from './state.js';

const moderationEvents: readonly string[] = MODERATION_EVENT_TYPES;

/** Delivers a live event to every subscriber, as the server's event stream would. */
export function emit(state: MemoryState, event: LiveEvent): void {
  for (const listener of [...state.listeners]) {
    try {
      listener(event);
    } catch (e) {
      // A broken listener must not break the write that caused the event; report it like an uncaught error.
      queueMicrotask(() => {
        throw e;
      });
    }
  }
}

/**
 * Moderation events (`flag.created`, `content.held`, `content.hidden`) reach only subscribers who were
 * moderators or vendor staff when they subscribed, as the server's stream decides by its ticket.
 */
export function subscribe(state: MemoryState, onEvent: (event: LiveEvent) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const roles = state.user?.roles ?? [];
  const mayModerate = roles.includes('moderator') || roles.includes('vendor-staff');
  // Wrap so the same function can subscribe twice and each subscription ends on its own signal.
  // The clone keeps one subscriber's changes to an event away from the others.
  const listener = (e: LiveEvent) => {
    if (moderationEvents.includes(e.type) && !mayModerate) return;
    onEvent(structuredClone(e));
  };
  state.listeners.add(listener);
  signal.addEventListener('abort', () => state.listeners.delete(listener), { once: true });
}
