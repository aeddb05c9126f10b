// GET /api/v1/events: live events as Server-Sent Events, with replay of what a reconnecting client missed.
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '../../../src/contract/index.js';
import type { Config } from '../config.js';
import type { Db } from '../db.js';
import { redeemTicket } from '../live-tickets.js';
import { ticketRequired } from './notification-events.js';
import { eventId, type EventBus } from '../events.js';
import type { AppEnv } from '../http-env.js';
import { HttpError } from '../problem.js';
import { mayReceiveEvent } from '../moderation/visibility.js';

export function mountEvents(app: Hono<AppEnv>, bus: EventBus, config: Config, db: Db): void {
  app.get('/api/v1/events', async (c) => {
    // EventSource cannot send an Authorization header: a signed-in client opens the stream with a
    // single-use ticket (POST /v1/live/ticket), never with its token in the URL.
    const ticket = c.req.query('ticket');
    const user = c.get('user') ?? (ticket ? await redeemTicket(db, ticket) : null);
    if (ticket && !user) throw ticketRequired();
    if (config.requireAuth && !user) throw new HttpError(401, 'Unauthorized', 'Sign in to follow live updates.');
    const category = c.req.query('category');
    // EventSource sends Last-Event-ID when it reconnects by itself; a client opening a new stream after
    // giving up passes it as ?lastEventId= (headers cannot be set on EventSource).
    const lastId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    // Moderation events (flags, held and hidden content) reach moderators and vendor staff only.
    const wanted = (e: LiveEvent) => (!category || e.category === category) && mayReceiveEvent(e, user);
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    const stop = () => {
      closed = true;
      wake?.();
    };
    // Subscribed before the response starts: once a client sees the stream open, it hears every
    // event from then on (the callback below always runs, and unsubscribes in its finally).
    // After a lost database connection (the gap), the stream ends: EventSource reconnects with
    // Last-Event-ID. This process's replay memory is fed by the same LISTEN and misses the gap too;
    // but behind a load balancer the client may reach a process that heard it (one connection killed
    // or timed out), and a stream left open would look live while it had silently skipped events.
    const unsub = await bus.subscribe((e) => {
      if (!wanted(e)) return;
      queue.push(e);
      wake?.();
    });
    const offGap = db.onListenGap(stop);
    return streamSSE(c, async (stream) => {
      // Subscribed first, then the missed events: an event in both is sent once.
      if (lastId) {
        const missed = bus.since(lastId).filter(wanted);
        const queued = new Set(queue.map(eventId));
        queue.unshift(...missed.filter((e) => !queued.has(eventId(e))));
      }
      stream.onAbort(stop);
      c.req.raw.signal?.addEventListener('abort', stop);
      // The client may have gone while we were subscribing.
      if (stream.aborted || stream.closed || c.req.raw.signal?.aborted) stop();
      const hb = setInterval(() => {
        if (stream.aborted || stream.closed) return stop();
        stream.write(': heartbeat\n\n').catch(stop);
      }, config.heartbeatMs);
      try {
        await stream.write(': connected\n\n');
        while (!closed) {
          while (queue.length) {
            const e = queue.shift()!;
            await stream.writeSSE({ event: e.type, data: JSON.stringify(e), id: eventId(e) });
          }
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = null;
        }
      } finally {
        clearInterval(hb);
        unsub();
        offGap();
      }
    });
  });
}
