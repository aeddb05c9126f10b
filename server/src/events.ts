// Live events: handlers NOTIFY inside their transaction; every server process LISTENs on the same
// channel and fans each event out to its own SSE subscribers.
import type { Db } from './db.js';
import type { LiveEvent } from '../../src/contract/index.js';

export interface EventBus {
  /** Resolves once this process is listening, so that no event published afterwards is missed. */
  subscribe(cb: (e: LiveEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

export function createEventBus(db: Db, channel: string): EventBus {
  const subs = new Set<(e: LiveEvent) => void>();
  let listening: Promise<() => Promise<void>> | null = null;
  const onPayload = (payload: string) => {
    let e: LiveEvent;
    try {
      e = JSON.parse(payload);
    } catch {
      return;
    }
    for (const cb of [...subs]) {
      try {
        cb(e);
      } catch (err) {
        console.error('[confab] event subscriber failed', err);
      }
    }
  };
  return {
    async subscribe(cb) {
      if (!listening) listening = db.listen(channel, onPayload);
      await listening;
      subs.add(cb);
      return () => {
        subs.delete(cb);
      };
    },
    async close() {
      subs.clear();
      if (listening) await (await listening)().catch(() => {});
      listening = null;
    },
  };
}
