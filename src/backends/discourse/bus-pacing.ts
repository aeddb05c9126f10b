import { BackendError, OfflineError, isAbort } from '../../core/errors.js';
import type { DBusMessage } from './types.js';

/**
 * The pace of MessageBus polling and of retrying a message (bus-hub.ts): when to poll again, how long
 * to wait after a failure, when to let a message go.
 */

/** The longest wait after failures in a row: `retryMs` doubles up to it. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Where a forum has long polling off (Discourse's `enable_long_polling`), MessageBus answers every poll
 * at once, empty when nothing is new, and a loop that polls again at once sends hundreds of requests a
 * second. An empty answer sooner than a held one would come means that: the next poll waits `pollMs`,
 * as Discourse's own client then polls every 15 s (its callbackInterval). A held poll comes back empty
 * only after its timeout (25 s on Discourse), and an answer with messages is polled again at once.
 */
export function shortPollPause(messages: unknown, startedAt: number, pollMs = 15_000): number {
  return Array.isArray(messages) && messages.length === 0 && performance.now() - startedAt < 1000 ? pollMs : 0;
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const done = () => (clearTimeout(t), signal.removeEventListener('abort', done), r());
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Waits after failures in a row: a 429's Retry-After when it gave one, else `retryMs` doubled at each
 * failure up to MAX_BACKOFF_MS; `reset()` after a success.
 */
export function backoff(retryMs = 1000) {
  let next = retryMs;
  return {
    wait(e: unknown, signal: AbortSignal): Promise<void> {
      const ms = e instanceof BackendError && e.retryAfter ? e.retryAfter * 1000 : next;
      next = Math.min(next * 2, MAX_BACKOFF_MS);
      return pause(ms, signal);
    },
    reset(): void {
      next = retryMs;
    },
  };
}

/**
 * A signal aborted when either is, and the way to let go of both once the poll it serves settles:
 * a signal that lives as long as the stream would otherwise gather a listener per poll.
 * (AbortSignal.any does this, but older browsers lack it.)
 */
export function eitherSignal(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; release: () => void } {
  const c = new AbortController();
  const stop = () => c.abort();
  const release = () => {
    a.removeEventListener('abort', stop);
    b.removeEventListener('abort', stop);
  };
  if (a.aborted || b.aborted) stop();
  else {
    a.addEventListener('abort', stop, { once: true });
    b.addEventListener('abort', stop, { once: true });
  }
  return { signal: c.signal, release };
}

/** Attempts at one message, at most: the third failure that is the message's own lets it go. */
export const MESSAGE_ATTEMPTS = 3;

/**
 * Failed attempts at a message. A 429 or no answer is the forum or the network, waited out however
 * long it lasts; any other failure (a 500, a malformed message or topic) may be the message's own,
 * and it is let go of at the third, so that one bad message does not stall every one after it.
 * `giveUp(m, e)`: true when the caller should go past `m`; `handled(m)` once it is past.
 */
export function messageAttempts() {
  const attempts = new Map<string, number>();
  const key = (m: DBusMessage) => `${m.channel}#${m.message_id}`;
  return {
    giveUp(m: DBusMessage, e: unknown): boolean {
      if (isAbort(e) || e instanceof OfflineError || (e instanceof BackendError && e.status === 429)) return false;
      const n = (attempts.get(key(m)) ?? 0) + 1;
      attempts.set(key(m), n);
      return n >= MESSAGE_ATTEMPTS;
    },
    handled(m: DBusMessage): void {
      attempts.delete(key(m));
    },
  };
}
