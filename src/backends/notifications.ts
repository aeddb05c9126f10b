import type {
  Follow, FollowKind, FollowLevel, MarkReadRequest, NotificationLiveEvent, NotificationPage, NotificationQuery, Person, Preferences,
  PreferencesUpdate, UnreadCount,
} from '../contract/index.js';
import type { CallOptions } from './call-options.js';

/**
 * Follows, notifications, delivery preferences and people search: a capability a backend may have
 * (`CommunityBackend extends Partial<NotificationsApi>`). Elements check for the methods they need
 * (`hasNotifications`, or the one method) and render "not available on this backend" without them.
 */
export interface NotificationsApi {
  /** What the signed-in partner follows or mutes. */
  listFollows(opts?: CallOptions): Promise<Follow[]>;
  /** Follows (`watching`) or mutes (`muted`) a thread, question, category or tag. */
  setFollow(kind: FollowKind, id: string, level: FollowLevel, opts?: CallOptions): Promise<Follow>;
  /** Stops following or muting it: the defaults apply again. */
  removeFollow(kind: FollowKind, id: string, opts?: CallOptions): Promise<void>;

  /** The signed-in partner's notifications, newest first, with the unread count. Anonymous: AuthError 401. */
  listNotifications(query: NotificationQuery, opts?: CallOptions): Promise<NotificationPage>;
  /** Marks some (`{ ids }`) or all (`{ all: true }`) notifications read; resolves with the unread count left. */
  markNotificationsRead(request: MarkReadRequest, opts?: CallOptions): Promise<UnreadCount>;

  /** How each notification type reaches the partner: in-app, email at once, daily or weekly digest, or off. */
  getPreferences(opts?: CallOptions): Promise<Preferences>;
  /** Changes the types given; resolves with all of them. */
  setPreferences(update: PreferencesUpdate, opts?: CallOptions): Promise<Preferences>;

  /** People the caller may @mention whose name (or a word of it) starts with `q`, within tier and role visibility. */
  searchPeople(q: string, opts?: CallOptions): Promise<Person[]>;

  /**
   * Calls `onEvent` for each new notification of the partner signed in when it was called (with the
   * unread count after it), until `signal` aborts.
   */
  subscribeNotifications(onEvent: (event: NotificationLiveEvent) => void, signal: AbortSignal): void;
}

/** True when `backend` has the notification calls the bell needs. */
export function hasNotifications<B extends Partial<NotificationsApi>>(backend: B | undefined): backend is B & NotificationsApi {
  return !!backend && typeof backend.listNotifications === 'function' && typeof backend.markNotificationsRead === 'function';
}
