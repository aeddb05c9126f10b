import type { Endpoint } from './endpoint.js';
import {
  FollowList, FollowRequest, Follow, LiveTicket, MarkReadRequest, NotificationPage, NotificationQuery, PeopleQuery, PersonList,
  Preferences, PreferencesUpdate, UnreadCount,
} from '../notifications.js';

const ep = <E extends Endpoint>(e: E) => e;

/**
 * Follows, notifications, delivery preferences, @mention suggestions and the ticket for the caller's
 * event stream. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts).
 */
export const notificationEndpoints = {
  followTopic: ep({ method: 'PUT', path: '/v1/follows/{kind}/{id}', summary: 'Follow or mute a topic', description: 'Watches (notify) or mutes (never notify) a thread, question, category or tag for the caller; `kind` is one of thread, question, category, tag.', body: FollowRequest, response: Follow, auth: 'write' }),
  unfollowTopic: ep({ method: 'DELETE', path: '/v1/follows/{kind}/{id}', summary: 'Stop following a topic', description: 'Removes the caller\'s follow or mute of the topic; the defaults apply again.', auth: 'write' }),
  listFollows: ep({ method: 'GET', path: '/v1/follows', summary: 'What the caller follows', description: 'Every thread, question, category and tag the caller watches or has muted, newest first.', response: FollowList, auth: 'write' }),
  listNotifications: ep({ method: 'GET', path: '/v1/notifications', summary: 'The caller\'s notifications', description: 'One page of the caller\'s notifications, newest first, with the count of unread ones; pass `nextCursor` back as `cursor`.', query: NotificationQuery, response: NotificationPage, auth: 'write' }),
  markNotificationsRead: ep({ method: 'POST', path: '/v1/notifications/read', summary: 'Mark notifications read', description: 'Marks the given notifications (`ids`), or all of them (`all: true`), read and returns the unread count left.', body: MarkReadRequest, response: UnreadCount, auth: 'write' }),
  getPreferences: ep({ method: 'GET', path: '/v1/me/preferences', summary: 'The caller\'s delivery preferences', description: 'For each notification type: in-app only, email at once, daily or weekly digest, or off.', response: Preferences, auth: 'write' }),
  updatePreferences: ep({ method: 'PUT', path: '/v1/me/preferences', summary: 'Change delivery preferences', description: 'Sets the delivery mode of the notification types given; the others keep theirs. Returns all of them.', body: PreferencesUpdate, response: Preferences, auth: 'write' }),
  searchPeople: ep({ method: 'GET', path: '/v1/people', summary: 'People to @mention', description: 'People whose name starts with `q` (or has a word starting with it) that the caller may see and mention, for the composer\'s @ suggestions.', query: PeopleQuery, response: PersonList, auth: 'write' }),
  createLiveTicket: ep({ method: 'POST', path: '/v1/live/ticket', summary: 'A ticket for the event streams', description: 'A single-use ticket, valid 60 seconds, to open `/v1/events?ticket=` or `/v1/notifications/events?ticket=` as the caller without putting the token in a URL.', response: LiveTicket, auth: 'write' }),
} satisfies Record<string, Endpoint>;
