// Live events: handlers NOTIFY inside their transaction; every server process LISTENs on the same
// channel and fans each event out to its own SSE subscribers.
import type { Db } from './db.js';
import type { LiveEvent } from '../../src/contract/index.js';

export interface EventBus {
  /** Resolves once this process is listening, so that no event published afterwards is missed. */
  subscribe(cb: (e: LiveEvent) => void): Promise<() => void>;
  /**
   * Starts listening (and remembering events for replay) before any SSE client asks, so a client that
   * fails over from another process to this one gets what it missed even as this one's first client.
   */
  start(): Promise<void>;
  /**
   * The events after the one with SSE id `lastId`, for a client that reconnects with `Last-Event-ID`.
   * From this process's memory of the latest REPLAY_LIMIT events since it started listening; an id it
   * does not remember replays what it has from that id's time on. Content events are public metadata
   * (type, id, parent, category, time), so any client may ask; the SSE route drops moderation events
   * for everyone but moderators (mayReceiveEvent in moderation/visibility.ts).
   */
  since(lastId: string): LiveEvent[];
  close(): Promise<void>;
}

/** How many recent events each process keeps for reconnecting clients. */
export const REPLAY_LIMIT = 500;

/**
 * An event's SSE id: its time first, so an id this process never saw (sent by another process, or
 * before a restart) still says where to resume. Every process hears every event (LISTEN), so ids are
 * the same whichever process a client reconnects to.
 */
export const eventId = (e: LiveEvent): string => `${e.at}~${e.type}:${e.id}`;

export function createEventBus(db: Db, channel: string): EventBus {
  const subs = new Set<(e: LiveEvent) => void>();
  const recent: LiveEvent[] = [];
  let listening: Promise<() => Promise<void>> | null = null;
  const onPayload = (payload: string) => {
    let e: LiveEvent;
    try {
      e = JSON.parse(payload);
    } catch {
      return;
    }
    recent.push(e);
    if (recent.length > REPLAY_LIMIT) recent.splice(0, recent.length - REPLAY_LIMIT);
    for (const cb of [...subs]) {
      try {
        cb(e);
      } catch (err) {
        console.error('[confab] event subscriber failed', err);
      }
    }
  };
  // One LISTEN per process, shared; a failed attempt (the database was away) is tried anew next time.
  const listen = () =>
    (listening ??= db.listen(channel, onPayload).catch((e: unknown) => {
      listening = null;
      throw e;
    }));
  return {
    async start() {
      await listen();
    },
    async subscribe(cb) {
      await listen();
      subs.add(cb);
      return () => {
        subs.delete(cb);
      };
    },
    since(lastId) {
      const at = lastId.split('~')[0] ?? '';
      const i = recent.findIndex((e) => eventId(e) === lastId);
      // Events arrive in commit order, which can differ from their timestamps by a little: after the
      // id when it is known, else by time.
      // Several events can share a millisecond: by time, the last one's own moment is included (the
      // client drops what it already has).
      return i >= 0 ? recent.slice(i + 1) : recent.filter((e) => e.at >= at && eventId(e) !== lastId);
    },
    async close() {
      subs.clear();
      recent.length = 0;
      if (listening) await (await listening)().catch(() => {});
      listening = null;
    },
  };
}
