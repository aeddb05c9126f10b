import type { LiveEvent } from '../../contract/index.js';
import type { MemoryState } from './state.js';

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

export function subscribe(state: MemoryState, onEvent: (event: LiveEvent) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  // Wrap so the same function can subscribe twice and each subscription ends on its own signal.
  // The clone keeps one subscriber's changes to an event away from the others.
  const listener = (e: LiveEvent) => onEvent(structuredClone(e));
  state.listeners.add(listener);
  signal.addEventListener('abort', () => state.listeners.delete(listener), { once: true });
}
