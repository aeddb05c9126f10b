// The one PostgreSQL connection of a process that LISTENs, for every channel (live events, the bells).
// A connection can drop: a database restart or failover, a proxy's idle timeout, pg_terminate_backend.
// Then the dead client is let go, a new one connects after a growing pause, and every channel is
// LISTENed again. PostgreSQL delivers a NOTIFY only to the connections listening when it commits, so
// whatever was sent in between is lost to this process: `onGap` callbacks hear of each such gap, so
// that the SSE routes can end their streams and clients catch up (see routes/events.ts).
import type { Client } from 'pg';

/** What /api/health reports about live updates. */
export interface ListenerHealth {
  /**
   * 'idle': nothing is listened for yet (or the first connection failed; the next subscriber tries
   * again); 'listening'; 'reconnecting': the connection dropped and a new one is being made;
   * 'closed'; 'in-process': PGlite, whose LISTEN cannot drop.
   */
  state: 'idle' | 'listening' | 'reconnecting' | 'closed' | 'in-process';
  /** Connections lost since the process started. */
  drops: number;
  /** When the last one was lost (ISO 8601), null if none was. */
  lastDropAt: string | null;
  /** The last connection error's message, null if none. */
  lastError: string | null;
}

export interface PgListener {
  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
  /** `cb` runs each time listening resumes after a lost connection. Returns an unsubscribe function. */
  onGap(cb: () => void): () => void;
  health(): ListenerHealth;
  close(): Promise<void>;
}

export interface PgListenerOptions {
  /** The first pause before connecting again, doubled after each failed attempt (default 500 ms). */
  minDelayMs?: number;
  /** The longest pause (default 30 s). */
  maxDelayMs?: number;
}

const ident = (s: string) => '"' + s.replace(/"/g, '""') + '"';
const listenAll = (channels: Iterable<string>) => [...channels].map((ch) => `LISTEN ${ident(ch)}`).join('; ');

export function createPgListener(makeClient: () => Client, opts: PgListenerOptions = {}): PgListener {
  const minDelay = opts.minDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const subs = new Map<string, Set<(p: string) => void>>();
  const gapCbs = new Set<() => void>();
  const health: ListenerHealth = { state: 'idle', drops: 0, lastDropAt: null, lastError: null };
  /** The client that is listening; null while none is. */
  let client: Client | null = null;
  let connecting: Promise<Client> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;

  // Only a client that was fully set up counts as lost: one that fails while connecting rejects the
  // connect, and whoever awaited it decides what comes next.
  const lost = (c: Client, err: Error | null) => {
    if (c !== client || closed) return;
    client = null;
    health.drops++;
    health.lastDropAt = new Date().toISOString();
    health.lastError = err?.message ?? 'connection ended';
    health.state = 'reconnecting';
    console.error('[confab] lost the LISTEN connection (live updates), reconnecting:', health.lastError);
    c.end().catch(() => {});
    scheduleReconnect();
  };

  async function connect(): Promise<Client> {
    const c = makeClient();
    c.on('notification', (msg: { channel: string; payload?: string }) => {
      for (const cb of [...(subs.get(msg.channel) ?? [])]) cb(msg.payload ?? '');
    });
    // Always handled: an 'error' without a listener would end the process.
    c.on('error', (err: Error) => lost(c, err));
    c.on('end', () => lost(c, null));
    try {
      await c.connect();
      if (subs.size) await c.query(listenAll(subs.keys()));
    } catch (e) {
      c.end().catch(() => {});
      throw e;
    }
    return c;
  }

  function ensure(): Promise<Client> {
    if (client) return Promise.resolve(client);
    return (connecting ??= connect().then(
      (c) => {
        connecting = null;
        if (closed) {
          c.end().catch(() => {});
          throw new Error('listener closed');
        }
        client = c;
        health.state = 'listening';
        return c;
      },
      (e: unknown) => {
        connecting = null;
        health.lastError = e instanceof Error ? e.message : String(e);
        throw e;
      },
    ));
  }

  function scheduleReconnect() {
    if (closed) return;
    // A random part, so that many processes that lost the database together do not return in step.
    const delay = Math.min(maxDelay, minDelay * 2 ** failures) * (0.75 + Math.random() * 0.5);
    failures++;
    timer = setTimeout(() => {
      ensure().then(
        () => {
          failures = 0;
          for (const cb of [...gapCbs]) {
            try {
              cb();
            } catch (err) {
              console.error('[confab] listener gap callback failed', err);
            }
          }
        },
        () => scheduleReconnect(),
      );
    }, delay);
    timer.unref?.();
  }

  return {
    async listen(channel, cb) {
      let set = subs.get(channel);
      const isNew = !set;
      if (!set) subs.set(channel, (set = new Set()));
      set.add(cb);
      try {
        const c = await ensure();
        // Also when connect() just sent it: LISTEN on a channel already listened to does nothing.
        if (isNew) await c.query(listenAll([channel]));
      } catch (e) {
        set.delete(cb);
        if (!set.size && subs.get(channel) === set) subs.delete(channel);
        throw e;
      }
      return async () => {
        set.delete(cb);
      };
    },
    onGap(cb) {
      gapCbs.add(cb);
      return () => void gapCbs.delete(cb);
    },
    health: () => ({ ...health }),
    async close() {
      closed = true;
      clearTimeout(timer);
      health.state = 'closed';
      const c = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
