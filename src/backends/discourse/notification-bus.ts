import * as v from 'valibot';
import { NotificationLiveEvent } from '../../contract/index.js';
import { BackendError, isAbort } from '../../core/errors.js';
import { toNotification } from './map-notifications.js';
import { messageAttempts, pause, shortPollPause } from './message-bus.js';
import { kinds, session, unreadOfGrouped, type NotificationDeps } from './notifications.js';
import type { DBusMessage, DNotification, DNotificationList } from './types.js';

/**
 * New notifications live, from the user's own MessageBus channel `/notification/{user_id}`, where
 * Discourse publishes its notification state (User#publish_notifications_state) on every change: a
 * notification created, read or removed. Each message carries the newest notification
 * (`last_notification.notification`) and the per-type unread counts (`grouped_unread_notifications`).
 *
 * A message is a new notification when its newest one is newer than any known (a read or a removal
 * publishes the same newest one again) and Confab has a type for it; the unread count goes with it,
 * counted as listNotifications counts. Polled like message-bus.ts: the channel first at -1, answered
 * with `/__status`; a failed poll waits `retryMs`, doubled up to 30 s (or the 429's Retry-After); a
 * message that cannot be read is let go of at the third attempt (messageAttempts).
 */
interface DNotificationState {
  last_notification?: { notification?: DNotification | null } | null;
  grouped_unread_notifications?: Record<string, number>;
}

export function subscribeNotificationBus(deps: NotificationDeps & { retryMs?: number | undefined; pollMs?: number | undefined }, onEvent: (e: NotificationLiveEvent) => void, signal: AbortSignal): void {
  const clientId = crypto.randomUUID().replace(/-/g, '');
  let backoff = deps.retryMs ?? 1000;
  const { giveUp, handled } = messageAttempts();

  const wait = (ms: number) => pause(ms, signal);

  /** The message's newest notification as a live event, or null when it is not a new one Confab shows. */
  const eventOf = async (state: DNotificationState, newest: number): Promise<NotificationLiveEvent | null> => {
    const n = state.last_notification?.notification;
    if (!n || typeof n.id !== 'number' || n.id <= newest || typeof n.topic_id !== 'number') return null;
    const ctx = await deps.context();
    const kindOf = await kinds(deps, [n.topic_id], ctx, signal);
    // A topic Confab does not list (a private message, an unlisted topic): not a notification of the bell.
    const kind = kindOf.get(n.topic_id);
    const notification = kind ? toNotification(n, 0, () => kind, ctx) : null;
    if (!notification) return null;
    // Dropped rather than passed on when Discourse sent something this adapter does not understand.
    const r = v.safeParse(NotificationLiveEvent, {
      type: 'notification.created',
      notification,
      unread: unreadOfGrouped(state.grouped_unread_notifications, 'grouped_unread_notifications'),
    });
    return r.success ? r.output : null;
  };

  const loop = async () => {
    // Who is signed in (the channel is theirs), and the newest notification so far: what is older is not news.
    let start: [Awaited<ReturnType<typeof session>>, DNotificationList];
    for (;;) {
      try {
        start = await Promise.all([session(deps.http, signal), deps.http.get<DNotificationList>('/notifications.json', { offset: '0', limit: '1' }, signal)]);
        break;
      } catch (e) {
        if (signal.aborted || isAbort(e)) return;
        // Signed out: no channel to listen to.
        if (e instanceof BackendError && (e.status === 401 || e.status === 403)) return;
        await wait(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
    const [s, first] = start;
    if (!s || signal.aborted) return;
    const channel = `/notification/${s.current_user.id}`;
    let newest = first.notifications?.[0]?.id ?? 0;
    let position = -1;
    while (!signal.aborted) {
      try {
        const startedAt = performance.now();
        const messages = await deps.http.poll<DBusMessage[]>(`/message-bus/${clientId}/poll`, { [channel]: position }, signal);
        const idle = shortPollPause(messages, startedAt, deps.pollMs);
        if (idle) await wait(idle);
        for (const m of Array.isArray(messages) ? messages : []) {
          if (m.channel === '/__status') {
            const at = (m.data as Record<string, number> | null)?.[channel];
            if (typeof at === 'number') position = at;
            continue;
          }
          if (m.channel !== channel) continue;
          const state = (m.data ?? {}) as DNotificationState;
          // Past a message only once it is read; one that cannot be read (a malformed count or date,
          // its topic's read refused) is let go of at the third attempt, as message-bus.ts does.
          let event: NotificationLiveEvent | null = null;
          try {
            event = await eventOf(state, newest);
          } catch (e) {
            if (signal.aborted || !giveUp(m, e)) throw e;
          }
          handled(m);
          const id = state.last_notification?.notification?.id;
          newest = Math.max(newest, typeof id === 'number' ? id : 0);
          position = m.message_id;
          if (event) onEvent(event);
        }
        backoff = deps.retryMs ?? 1000;
      } catch (e) {
        if (signal.aborted || isAbort(e)) return;
        const ms = e instanceof BackendError && e.retryAfter ? e.retryAfter * 1000 : backoff;
        backoff = Math.min(backoff * 2, 30_000);
        await wait(ms);
      }
    }
  };
  void loop();
}
