import * as v from 'valibot';
import { NotificationLiveEvent } from '../../contract/index.js';
import { BackendError, isAbort } from '../../core/errors.js';
import { toNotification } from './map-notifications.js';
import { BusHub, reporting } from './bus-hub.js';
import { backoff } from './bus-pacing.js';
import { kinds, session, unreadOfGrouped, type NotificationDeps } from './notifications.js';
import type { DNotification, DNotificationList } from './types.js';

/**
 * New notifications live, from the user's own MessageBus channel `/notification/{user_id}`, where
 * Discourse publishes its notification state (User#publish_notifications_state) on every change: a
 * notification created, read or removed. Each message carries the newest notification
 * (`last_notification.notification`) and the per-type unread counts (`grouped_unread_notifications`).
 *
 * A message is a new notification when its newest one is newer than any known (a read or a removal
 * publishes the same newest one again) and Confab has a type for it; the unread count goes with it,
 * counted as listNotifications counts. The channel joins the backend's one long poll (bus-hub.ts) once
 * the start-up read has named the user; a message that cannot be read is let go of at the third
 * attempt (messageAttempts, in the hub).
 */
interface DNotificationState {
  last_notification?: { notification?: DNotification | null } | null;
  grouped_unread_notifications?: Record<string, number>;
}

export function subscribeNotificationBus(
  deps: NotificationDeps & { hub?: BusHub | undefined; retryMs?: number | undefined; pollMs?: number | undefined },
  onEvent: (e: NotificationLiveEvent) => void,
  signal: AbortSignal,
): void {
  const hub = deps.hub ?? new BusHub(deps.http, { retryMs: deps.retryMs, pollMs: deps.pollMs });
  const tell = reporting(onEvent);

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

  const start = async () => {
    // Who is signed in (the channel is theirs), and the newest notification so far: what is older is not news.
    const retry = backoff(deps.retryMs);
    let first: [Awaited<ReturnType<typeof session>>, DNotificationList];
    for (;;) {
      try {
        first = await Promise.all([session(deps.http, signal), deps.http.get<DNotificationList>('/notifications.json', { offset: '0', limit: '1' }, signal)]);
        break;
      } catch (e) {
        if (signal.aborted || isAbort(e)) return;
        // Signed out: no channel to listen to.
        if (e instanceof BackendError && (e.status === 401 || e.status === 403)) return;
        await retry.wait(e, signal);
      }
    }
    const [s, list] = first;
    if (!s || signal.aborted) return;
    const channel = `/notification/${s.current_user.id}`;
    let newest = list.notifications?.[0]?.id ?? 0;
    // The channel's position when the session was read (Discourse's own client subscribes there): a
    // notification made between that read and this channel's first poll is heard, not skipped by -1.
    const at = s.current_user.notification_channel_position;
    hub.join({
      channels: () => [channel],
      since: () => (typeof at === 'number' && at >= 0 ? at : undefined),
      // Past a message only once it is read; one that cannot be read (a malformed count or date, its
      // topic's read refused) is tried again, and let go of at the third attempt, by the hub.
      batch: async () => async (m) => {
        const event = await eventOf((m.data ?? {}) as DNotificationState, newest);
        if (event) tell(event);
      },
      // Handled or let go of: its newest notification is not news any more (a read republishes it).
      passed: (m) => {
        const id = (m.data as DNotificationState | null)?.last_notification?.notification?.id;
        newest = Math.max(newest, typeof id === 'number' ? id : 0);
      },
    }, signal);
  };
  void start();
}
