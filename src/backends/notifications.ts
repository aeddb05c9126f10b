import type {
  Follow, FollowKind, FollowLevel, Notification, NotificationPage, NotificationPreferences, NotificationQuery, Person, ReadNotifications,
} from './notification-types.js';
import type { CallOptions } from './types.js';

export type {
  Follow, FollowKind, FollowLevel, Notification, NotificationPage, NotificationPreferences, NotificationQuery, Person, ReadNotifications,
} from './notification-types.js';

/**
 * Follows, notifications, preferences and people search: a capability a backend may have
 * (`CommunityBackend extends Partial<NotificationsApi>`). Elements check for the method they need and
 * render "not available on this backend" without it.
 */
export interface NotificationsApi {
  /** What the signed-in partner follows or mutes. */
  listFollows(opts?: CallOptions): Promise<Follow[]>;
  /** Follows (`watching`) or mutes (`muted`) a thread, question, category or tag. */
  setFollow(kind: FollowKind, id: string, level: FollowLevel, opts?: CallOptions): Promise<Follow>;
  /** Stops following or muting it: back to the default (auto-follow still applies to later posts). */
  removeFollow(kind: FollowKind, id: string, opts?: CallOptions): Promise<void>;

  /** The signed-in partner's notifications, newest first, with the unread count. Anonymous: AuthError 401. */
  listNotifications(query: NotificationQuery, opts?: CallOptions): Promise<NotificationPage>;
  /** Marks some (`{ ids }`) or all (`{ all: true }`) notifications read. */
  markNotificationsRead(request: ReadNotifications, opts?: CallOptions): Promise<void>;

  /** How each event type reaches the partner: in-app, email at once, daily or weekly digest, or off. */
  getPreferences(opts?: CallOptions): Promise<NotificationPreferences>;
  setPreferences(preferences: NotificationPreferences, opts?: CallOptions): Promise<NotificationPreferences>;

  /** People the caller may mention, matching `q` (name or id), within tier and role visibility. */
  searchPeople(q: string, opts?: CallOptions): Promise<Person[]>;

  /**
   * Calls `onNotification` for each new notification of the partner signed in when it was called,
   * until `signal` aborts.
   */
  subscribeNotifications(onNotification: (notification: Notification) => void, signal: AbortSignal): void;
}

/** True when `backend` has every notification capability an element needs. */
export function hasNotifications<B extends Partial<NotificationsApi>>(backend: B | undefined): backend is B & NotificationsApi {
  return !!backend && typeof backend.listNotifications === 'function' && typeof backend.markNotificationsRead === 'function';
}
