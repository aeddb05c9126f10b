import {
  FollowKind, FollowLevel, MarkReadRequest, NotificationQuery, PreferencesUpdate, type Follow, type Notification, type NotificationLiveEvent,
  type NotificationPage, type NotificationType, type Preferences, type SignedInMe, type UnreadCount,
} from '../../contract/index.js';
import { notFound, parseInput, unauthorized } from './errors.js';
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
  /** `personId` → `kind:id` → level and when. */
  readonly follows: Map<string, Map<string, { level: FollowLevel; at: number }>>;
  readonly items: NotificationRecord[];
  readonly preferences: Map<string, Preferences>;
  /** Live subscribers, each for the person signed in when it subscribed. */
  readonly listeners: Set<{ personId: string; deliver: (event: NotificationLiveEvent) => void }>;
  seq: number;
}

export function createBook(): NotificationBook {
  return { follows: new Map(), items: [], preferences: new Map(), listeners: new Set(), seq: 0 };
}

export const DEFAULT_PREFERENCES: Preferences = { reply: 'inapp', answer: 'email', accepted: 'email', new_topic: 'daily', mention: 'email', expert_request: 'email' };

const keyOf = (kind: FollowKind, id: string) => `${kind}:${id}`;

function signedIn(state: MemoryState): SignedInMe {
  if (!state.user) throw unauthorized('Sign in to see your notifications.');
  return state.user;
}

// ----- follows -----

export function listFollows(book: NotificationBook, state: MemoryState): Follow[] {
  const me = signedIn(state);
  return [...(book.follows.get(me.id) ?? new Map<string, { level: FollowLevel; at: number }>())]
    .map(([key, { level, at }]) => {
      const sep = key.indexOf(':');
      const kind = key.slice(0, sep) as FollowKind;
      const id = key.slice(sep + 1);
      return { kind, id, level, title: titleOf(state, kind, id), createdAt: iso(at) };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function setFollow(book: NotificationBook, state: MemoryState, kind: FollowKind, id: string, level: FollowLevel): Follow {
  const me = signedIn(state);
  const k = parseInput(FollowKind, kind, 400);
  const l = parseInput(FollowLevel, level, 422);
  if (k === 'thread' && !state.data.threads.some((t) => t.id === id)) throw notFound('Thread', id);
  if (k === 'question' && !state.data.questions.some((q) => q.id === id)) throw notFound('Question', id);
  follow(book, state, me.id, k, id, l);
  return { kind: k, id, level: l, title: titleOf(state, k, id), createdAt: iso(book.follows.get(me.id)!.get(keyOf(k, id))!.at) };
}

export function removeFollow(book: NotificationBook, state: MemoryState, kind: FollowKind, id: string): void {
  const me = signedIn(state);
  book.follows.get(me.id)?.delete(keyOf(parseInput(FollowKind, kind, 400), id));
}

export function follow(book: NotificationBook, state: MemoryState, personId: string, kind: FollowKind, id: string, level: FollowLevel): void {
  let mine = book.follows.get(personId);
  if (!mine) book.follows.set(personId, (mine = new Map()));
  mine.set(keyOf(kind, id), { level, at: clockNow(state) });
}

/** Starting or joining a topic follows it, unless the partner muted it (a mute is never undone silently). */
export function autoFollow(book: NotificationBook, state: MemoryState, personId: string, kind: FollowKind, id: string): void {
  if (levelOf(book, personId, kind, id) === undefined) follow(book, state, personId, kind, id, 'watching');
}

export function levelOf(book: NotificationBook, personId: string, kind: FollowKind, id: string): FollowLevel | undefined {
  return book.follows.get(personId)?.get(keyOf(kind, id))?.level;
}

/** Everyone watching `kind:id`. */
export function watchersOf(book: NotificationBook, kind: FollowKind, id: string): string[] {
  const key = keyOf(kind, id);
  return [...book.follows].filter(([, mine]) => mine.get(key)?.level === 'watching').map(([personId]) => personId);
}

function titleOf(state: MemoryState, kind: FollowKind, id: string): string | null {
  if (kind === 'thread') return state.data.threads.find((t) => t.id === id)?.title ?? null;
  if (kind === 'question') return state.data.questions.find((q) => q.id === id)?.title ?? null;
  return null;
}

// ----- notifications -----

export function listNotifications(book: NotificationBook, state: MemoryState, query: NotificationQuery): NotificationPage {
  const me = signedIn(state);
  const q = parseInput(NotificationQuery, query, 400);
  const mine = book.items.filter((n) => n.recipientId === me.id).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  const page = paginate(mine, q.cursor, q.limit ?? DEFAULT_PAGE);
  return { items: page.items.map((n) => notificationOut(state, n)), nextCursor: page.nextCursor, unread: unreadOf(book, me.id) };
}

export function markRead(book: NotificationBook, state: MemoryState, request: MarkReadRequest): UnreadCount {
  const me = signedIn(state);
  const r = parseInput(MarkReadRequest, request);
  const ids = 'ids' in r ? new Set(r.ids) : null;
  for (const n of book.items) if (n.recipientId === me.id && (!ids || ids.has(n.id))) n.read = true;
  return { unread: unreadOf(book, me.id) };
}

const unreadOf = (book: NotificationBook, personId: string) => book.items.filter((n) => n.recipientId === personId && !n.read).length;

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
    const live: NotificationLiveEvent = { type: 'notification.created', notification: out, unread: unreadOf(book, personId) };
    for (const l of [...book.listeners]) if (l.personId === personId) l.deliver(structuredClone(live));
  }
}

export function subscribe(book: NotificationBook, state: MemoryState, deliver: (event: NotificationLiveEvent) => void, signal: AbortSignal): void {
  const personId = state.user?.id;
  // Anonymous: nothing will ever arrive, as the server refuses the stream.
  if (!personId || signal.aborted) return;
  const listener = { personId, deliver };
  book.listeners.add(listener);
  signal.addEventListener('abort', () => book.listeners.delete(listener), { once: true });
}

// ----- preferences -----

export function preferencesOf(book: NotificationBook, personId: string): Preferences {
  return book.preferences.get(personId) ?? { ...DEFAULT_PREFERENCES };
}

export function getPreferences(book: NotificationBook, state: MemoryState): Preferences {
  return preferencesOf(book, signedIn(state).id);
}

export function setPreferences(book: NotificationBook, state: MemoryState, input: PreferencesUpdate): Preferences {
  const me = signedIn(state);
  const update = parseInput(PreferencesUpdate, input);
  const next = { ...preferencesOf(book, me.id), ...update };
  book.preferences.set(me.id, next);
  return next;
}
