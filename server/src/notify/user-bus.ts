// The bells' live signal: the worker NOTIFYs [recipient, notification id] pairs on one channel
// (fanout.ts); each process LISTENs once and hands every pair to the streams of that recipient.
import type { Db } from '../db.js';

export interface UserBus {
  /** Resolves once listening; `cb` gets the ids of the person's new notifications. */
  subscribe(personId: string, cb: (notificationId: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

export function createUserBus(db: Db, channel: string): UserBus {
  const subs = new Map<string, Set<(id: string) => void>>();
  let listening: Promise<() => Promise<void>> | null = null;
  const onPayload = (payload: string) => {
    let pairs: unknown;
    try {
      pairs = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(pairs)) return;
    for (const p of pairs) {
      if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'string') continue;
      for (const cb of subs.get(p[0]) ?? []) cb(p[1]);
    }
  };
  const listen = () =>
    (listening ??= db.listen(channel, onPayload).catch((e: unknown) => {
      listening = null;
      throw e;
    }));
  return {
    async subscribe(personId, cb) {
      await listen();
      const set = subs.get(personId) ?? new Set();
      set.add(cb);
      subs.set(personId, set);
      return () => {
        set.delete(cb);
        if (!set.size) subs.delete(personId);
      };
    },
    async close() {
      subs.clear();
      if (listening) await (await listening)().catch(() => {});
      listening = null;
    },
  };
}
