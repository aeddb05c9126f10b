import type { SignedInMe } from '../../contract/index.js';
import type {
  Follow, FollowKind, FollowLevel, Notification, NotificationPage, NotificationPreferences, NotificationQuery, ReadNotifications,
} from '../notifications.js';
import { DELIVERIES, FOLLOW_KINDS, FOLLOW_LEVELS, NOTIFICATION_TYPES, type NotificationType } from '../notification-types.js';
import { badRequest, notFound, unauthorized } from './errors.js';
import { DEFAULT_PAGE, paginate } from './paging.js';
import { author } from './people.js';
import { clockNow, iso, type MemoryState } from './state.js';

/** One notification as MemoryBackend keeps it: for one recipient, about one target. */
export interface NotificationRecord {
  id: string;
  recipientId: string;
  type: NotificationType;
  actorId: string;
  target: Notification['target'];
  excerpt: string;
  createdAt: number;
  read: boolean;
}

/**
 * Follows, notifications and preferences of every person, beside the community data (MemoryState):
 * the server keeps them in their own tables too.
 */
export interface NotificationBook {
  /** `personId` → `kind:id` → level. */
  readonly follows: Map<string, Map<string, FollowLevel>>;
  readonly items: NotificationRecord[];
  readonly preferences: Map<string, NotificationPreferences>;
  /** Live subscribers, each for the person signed in when it subscribed. */
  readonly listeners: Set<{ personId: string; deliver: (n: Notification) => void }>;
  seq: number;
}

export function createBook(): NotificationBook {
  return { follows: new Map(), items: [], preferences: new Map(), listeners: new Set(), seq: 0 };
}

export const DEFAULT_PREFERENCES: NotificationPreferences = { reply: 'inapp', answer: 'email', accepted: 'email', 'new-topic': 'daily', mention: 'email' };

const keyOf = (kind: FollowKind, id: string) => `${kind}:${id}`;

function signedIn(state: MemoryState): SignedInMe {
  if (!state.user) throw unauthorized('Sign in to see your notifications.');
  return state.user;
}

// ----- follows -----

export function listFollows(book: NotificationBook, state: MemoryState): Follow[] {
  const me = signedIn(state);
  return [...(book.follows.get(me.id) ?? new Map<string, FollowLevel>())].map(([key, level]) => {
    const at = key.indexOf(':');
    return { kind: key.slice(0, at) as FollowKind, id: key.slice(at + 1), level };
  });
}

export function setFollow(book: NotificationBook, state: MemoryState, kind: FollowKind, id: string, level: FollowLevel): Follow {
  const me = signedIn(state);
  if (!(FOLLOW_KINDS as readonly string[]).includes(kind)) throw badRequest(`Unknown kind "${String(kind).slice(0, 20)}".`);
  if (!(FOLLOW_LEVELS as readonly string[]).includes(level)) throw badRequest(`Unknown level "${String(level).slice(0, 20)}".`);
  if (kind === 'thread' && !state.data.threads.some((t) => t.id === id)) throw notFound('Thread', id);
  if (kind === 'question' && !state.data.questions.some((q) => q.id === id)) throw notFound('Question', id);
  follow(book, me.id, kind, id, level);
  return { kind, id, level };
}

export function removeFollow(book: NotificationBook, state: MemoryState, kind: FollowKind, id: string): void {
  const me = signedIn(state);
  book.follows.get(me.id)?.delete(keyOf(kind, id));
}

export function follow(book: NotificationBook, personId: string, kind: FollowKind, id: string, level: FollowLevel): void {
  let mine = book.follows.get(personId);
  if (!mine) book.follows.set(personId, (mine = new Map()));
  mine.set(keyOf(kind, id), level);
}

/** Starting or joining a topic follows it, unless the partner muted it (a mute is never undone silently). */
export function autoFollow(book: NotificationBook, personId: string, kind: FollowKind, id: string): void {
  if (levelOf(book, personId, kind, id) === undefined) follow(book, personId, kind, id, 'watching');
}

export function levelOf(book: NotificationBook, personId: string, kind: FollowKind, id: string): FollowLevel | undefined {
  return book.follows.get(personId)?.get(keyOf(kind, id));
}

/** Everyone watching `kind:id`. */
export function watchersOf(book: NotificationBook, kind: FollowKind, id: string): string[] {
  const key = keyOf(kind, id);
  return [...book.follows].filter(([, mine]) => mine.get(key) === 'watching').map(([personId]) => personId);
}

// ----- notifications -----

export function listNotifications(book: NotificationBook, state: MemoryState, query: NotificationQuery): NotificationPage {
  const me = signedIn(state);
  const limit = query.limit === undefined ? DEFAULT_PAGE : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('limit must be a whole number from 1 to 100.');
  const mine = book.items.filter((n) => n.recipientId === me.id).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  const page = paginate(mine, query.cursor, limit);
  return { items: page.items.map((n) => notificationOut(state, n)), nextCursor: page.nextCursor, unread: mine.filter((n) => !n.read).length };
}

export function markRead(book: NotificationBook, state: MemoryState, request: ReadNotifications): void {
  const me = signedIn(state);
  const all = 'all' in request && request.all === true;
  const ids = 'ids' in request && Array.isArray(request.ids) ? new Set(request.ids) : null;
  if (!all && !ids) throw badRequest('Send { ids: [...] } or { all: true }.');
  for (const n of book.items) if (n.recipientId === me.id && (all || ids!.has(n.id))) n.read = true;
}

export function notificationOut(state: MemoryState, n: NotificationRecord): Notification {
  return { id: n.id, type: n.type, actor: author(state.data, n.actorId), target: { ...n.target }, excerpt: n.excerpt, createdAt: iso(n.createdAt), read: n.read };
}

/**
 * Notifies `recipients` of one event: never the actor, never twice the same person for the same event,
 * never someone who turned this type off, and never someone who muted the target.
 */
export function notify(
  book: NotificationBook,
  state: MemoryState,
  event: { type: NotificationType; actorId: string; target: Notification['target']; excerpt: string },
  recipients: Iterable<string>,
): void {
  const done = new Set<string>([event.actorId]);
  for (const personId of recipients) {
    if (done.has(personId)) continue;
    done.add(personId);
    if (preferencesOf(book, personId)[event.type] === 'off') continue;
    if (levelOf(book, personId, event.target.kind, event.target.id) === 'muted') continue;
    const record: NotificationRecord = {
      id: `nt-m${String(++book.seq).padStart(3, '0')}`, recipientId: personId, ...event, target: { ...event.target }, createdAt: clockNow(state), read: false,
    };
    book.items.push(record);
    const out = notificationOut(state, record);
    for (const l of [...book.listeners]) if (l.personId === personId) l.deliver(structuredClone(out));
  }
}

export function subscribe(book: NotificationBook, state: MemoryState, deliver: (n: Notification) => void, signal: AbortSignal): void {
  const personId = state.user?.id;
  // Anonymous: nothing will ever arrive, as the server refuses the stream.
  if (!personId || signal.aborted) return;
  const listener = { personId, deliver };
  book.listeners.add(listener);
  signal.addEventListener('abort', () => book.listeners.delete(listener), { once: true });
}

// ----- preferences -----

export function preferencesOf(book: NotificationBook, personId: string): NotificationPreferences {
  return book.preferences.get(personId) ?? { ...DEFAULT_PREFERENCES };
}

export function getPreferences(book: NotificationBook, state: MemoryState): NotificationPreferences {
  return preferencesOf(book, signedIn(state).id);
}

export function setPreferences(book: NotificationBook, state: MemoryState, input: NotificationPreferences): NotificationPreferences {
  const me = signedIn(state);
  const next = { ...preferencesOf(book, me.id) };
  for (const [type, delivery] of Object.entries(input ?? {})) {
    if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) throw badRequest(`Unknown event type "${type.slice(0, 20)}".`);
    if (!(DELIVERIES as readonly string[]).includes(delivery)) throw badRequest(`Unknown delivery "${String(delivery).slice(0, 20)}".`);
    next[type as NotificationType] = delivery;
  }
  book.preferences.set(me.id, next);
  return next;
}
