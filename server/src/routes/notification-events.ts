// GET /api/v1/notifications/events?ticket=: the caller's new notifications as Server-Sent Events, for
// the bell. Opened with a single-use ticket (live-tickets.ts), never with the token in the URL.
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { NotificationLiveEvent } from '../../../src/contract/index.js';
import type { Config } from '../config.js';
import type { Db } from '../db.js';
import { NOTIFICATION_SELECT, notification, unreadCount, viewerRule } from '../handlers/notifications.js';
import type { AppEnv } from '../http-env.js';
import { redeemTicket } from '../live-tickets.js';
import type { UserBus } from '../notify/user-bus.js';
import { HttpError } from '../problem.js';

export const ticketRequired = () =>
  new HttpError(401, 'Unauthorized', 'Open this stream with a fresh ticket from POST /v1/live/ticket.', undefined, { 'www-authenticate': 'Bearer' });

export function mountNotificationEvents(app: Hono<AppEnv>, db: Db, bus: UserBus, config: Config): void {
  app.get('/api/v1/notifications/events', async (c) => {
    const ticket = c.req.query('ticket');
    const user = ticket ? await redeemTicket(db, ticket) : null;
    if (!user) throw ticketRequired();
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    const stop = () => {
      closed = true;
      wake?.();
    };
    // After a lost database connection the stream ends (routes/events.ts says why): the client opens
    // a new one with a fresh ticket. The ids sent during the gap are not replayed (this stream has no
    // replay); the notifications themselves are in the database, for the list and the unread count.
    const unsub = await bus.subscribe(user.id, (id) => {
      queue.push(id);
      wake?.();
    });
    const offGap = db.onListenGap(stop);
    return streamSSE(c, async (stream) => {
      stream.onAbort(stop);
      c.req.raw.signal?.addEventListener('abort', stop);
      if (stream.aborted || stream.closed || c.req.raw.signal?.aborted) stop();
      const hb = setInterval(() => {
        if (stream.aborted || stream.closed) return stop();
        stream.write(': heartbeat\n\n').catch(stop);
      }, config.heartbeatMs);
      try {
        await stream.write(': connected\n\n');
        while (!closed) {
          while (queue.length && !closed) {
            const id = queue.shift()!;
            // viewerRule as in the list and the count: the ticket's claims are the caller's roles now,
            // the stored ones (notificationShown) may be older, and the bell must agree with the list.
            const { rows } = await db.query<Parameters<typeof notification>[0]>(`${NOTIFICATION_SELECT} ${viewerRule(user)} AND n.id = $1 AND n.recipient_id = $2`, [id, user.id]);
            if (!rows[0]) continue;
            const ev: NotificationLiveEvent = { type: 'notification.created', notification: notification(rows[0]), unread: await unreadCount(db, user) };
            await stream.writeSSE({ event: ev.type, data: JSON.stringify(ev), id });
          }
          if (closed) break;
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
