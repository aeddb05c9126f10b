import { NotificationPage, UnreadCount } from '../../contract/index.js';
import type * as C from '../../contract/index.js';
import { AuthError, BackendError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../types.js';
import { checked, readForeign } from './checked.js';
import { categorySlug, type MapContext } from './context.js';
import type { DiscourseHttp } from './http.js';
import { COUNTED_TYPES, D, confabType, toNotification } from './map-notifications.js';
import { FieldError } from './text.js';
import type { DNotification, DNotificationList, DSession, DTopicList } from './types.js';

/**
 * The bell on Discourse: the signed-in user's notifications (`GET /notifications.json`), marked
 * read with `PUT /notifications/mark-read.json`, counted as Discourse's own user menu counts them.
 *
 * Paging: Discourse pages by `offset` (at most 60 a request, newest first) over every type, and
 * Confab shows only the types it has (map-notifications.ts). A page is filled by reading on until it
 * holds `limit` notifications Confab shows (at most MAX_READS requests); the cursor names a Discourse
 * page and how many of its shown notifications were returned (cursorOf). A notification is shown
 * when Confab has a type for it and its topic is one Confab lists (kinds).
 */
export interface NotificationDeps {
  http: DiscourseHttp;
  context: () => Promise<MapContext>;
  /** Slug of the Q&A category: notifications about its topics are about questions. */
  questionsCategory: string;
}

/** Discourse's largest page (NotificationsController::INDEX_LIMIT). */
const DISCOURSE_PAGE = 60;
/** Discourse pages read for one Confab page, at most: a long run of likes does not read the whole history. */
const MAX_READS = 5;
const DEFAULT_LIMIT = 20;

export const signedOut = (what = 'see your notifications') => new AuthError(`Sign in to ${what}`, 401);

/** `/session/current.json`, or null when nobody is signed in (Discourse answers 404). */
export async function session(http: DiscourseHttp, signal?: AbortSignal): Promise<DSession | null> {
  try {
    return await http.get<DSession>('/session/current.json', {}, signal);
  } catch (e) {
    if (e instanceof BackendError && e.status === 404) return null;
    throw e;
  }
}

/**
 * Discourse refuses a signed-out reader with 403 (`not_logged_in`); the contract says 401. A 403 is
 * turned into 401 only when the session confirms nobody is signed in.
 */
export async function orSignedOut<T>(http: DiscourseHttp, call: Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof AuthError && e.status === 403 && !(await session(http, signal))) throw signedOut();
    throw e;
  }
}

/** What Discourse's user menu shows for the types Confab shows: its per-type unread counts, summed. */
function unreadOf(s: DSession | null): number {
  if (!s) throw signedOut();
  return unreadOfGrouped(s.current_user.grouped_unread_notifications, 'current_user.grouped_unread_notifications');
}

/** The same sum over `grouped_unread_notifications` (the session's, or a MessageBus `/notification/{id}` message's). */
export function unreadOfGrouped(grouped: Record<string, number> | undefined, path: string): number {
  // Sent since Discourse's user menu counts by type: without it the bell cannot count as Discourse does.
  if (grouped === undefined) throw new FieldError(path, 'missing (a Discourse that sends per-type unread counts is needed)');
  if (!grouped || typeof grouped !== 'object') throw new FieldError(path, 'not an object');
  return COUNTED_TYPES.reduce((sum, type) => sum + (Number(grouped[String(type)]) || 0), 0);
}

/**
 * Thread or question, decided as the rest of the adapter decides it: by the topic's category.
 * A notification does not name its category, so the topics of a page are read in one list
 * (`/latest.json?topic_ids=…`, TopicQuery's `topic_ids`). A topic the list leaves out is not one
 * Confab lists (a private message, an unlisted topic, one in a muted category): it is absent from
 * the map, and its notifications are left out of the bell (Discourse sends mentions inside private
 * messages and first posts of group inboxes as the same types as the forum's).
 */
export async function kinds(deps: NotificationDeps, topicIds: number[], ctx: MapContext, signal?: AbortSignal): Promise<Map<number, 'thread' | 'question'>> {
  const out = new Map<number, 'thread' | 'question'>();
  // Discourse lists 30 topics a page: one list per 30 topics.
  const chunks: number[][] = [];
  for (let i = 0; i < topicIds.length; i += 30) chunks.push(topicIds.slice(i, i + 30));
  const lists = await Promise.all(chunks.map((ids) => deps.http.get<DTopicList>('/latest.json', { topic_ids: ids.join(',') }, signal)));
  for (const list of lists) {
    for (const t of list.topic_list?.topics ?? []) {
      out.set(t.id, categorySlug(ctx, t.category_id) === deps.questionsCategory ? 'question' : 'thread');
    }
  }
  return out;
}

/**
 * The cursor: `{offset}:{skip}`, the Discourse offset of the page to read and how many of the
 * notifications Confab shows from it were returned already. Discourse applies offset and limit
 * before it drops the notifications of topics the reader cannot see
 * (Notification.filter_inaccessible_topic_notifications), so a position inside the rows it sent is
 * no offset: the page is read again from its own offset and the ones already returned skipped.
 */
const cursorOf = (cursor: string | undefined): { offset: number; skip: number } => {
  if (cursor === undefined || cursor === '') return { offset: 0, skip: 0 };
  // Only what this adapter hands out: a forged one must not become another page or a huge OFFSET.
  const m = /^(\d{1,7})(?::(\d{1,2}))?$/.exec(cursor);
  if (!m || Number(m[2] ?? 0) >= DISCOURSE_PAGE) throw new BackendError(`Invalid cursor "${cursor.slice(0, 40)}".`, 400);
  return { offset: Number(m[1]), skip: Number(m[2] ?? 0) };
};

/** One Discourse page: the notifications Confab shows from it, in order, and where the next page starts (null: none). */
async function readPage(deps: NotificationDeps, offset: number, ctx: MapContext, signal?: AbortSignal): Promise<{ items: C.Notification[]; next: number | null }> {
  const list = await orSignedOut(deps.http, deps.http.get<DNotificationList>('/notifications.json', { offset: String(offset), limit: String(DISCOURSE_PAGE) }, signal), signal);
  const rows = readForeign(() => rowsOf(list), '/notifications.json');
  const next = offset + DISCOURSE_PAGE < (list.total_rows_notifications ?? 0) ? offset + DISCOURSE_PAGE : null;
  const candidates = rows.map((n, index) => ({ n, index })).filter(({ n }) => shown(n));
  const topicIds = [...new Set(candidates.map(({ n }) => n.topic_id as number))];
  const kindOf = topicIds.length ? await kinds(deps, topicIds, ctx, signal) : new Map<number, 'thread' | 'question'>();
  const items = readForeign(() => candidates.flatMap(({ n, index }) => {
    const kind = kindOf.get(n.topic_id as number);
    const item = kind ? toNotification(n, index, () => kind, ctx) : null;
    return item ? [item] : [];
  }), '/notifications.json');
  return { items, next };
}

export async function listNotifications(deps: NotificationDeps, query: C.NotificationQuery, opts?: CallOptions): Promise<C.NotificationPage> {
  const signal = opts?.signal;
  const limit = Math.min(100, Math.max(1, Number(query.limit) || DEFAULT_LIMIT));
  const sessionRead = session(deps.http, signal);
  sessionRead.catch(() => undefined); // awaited below; a failure of the list is reported first
  const ctx = await deps.context();
  const items: C.Notification[] = [];
  let { offset, skip } = cursorOf(query.cursor);
  let nextCursor: string | null = null;
  for (let reads = 0; reads < MAX_READS; reads++) {
    const page = await readPage(deps, offset, ctx, signal);
    const wanted = page.items.slice(skip, skip + limit - items.length);
    items.push(...wanted);
    const used = skip + wanted.length;
    if (used < page.items.length) {
      // Full inside this page: the next Confab page reads it again and skips what was returned.
      nextCursor = `${offset}:${used}`;
      break;
    }
    // This page is used up: the next one, unless there is none.
    nextCursor = page.next === null ? null : String(page.next);
    if (page.next === null) break;
    if (items.length === limit) break;
    offset = page.next;
    skip = 0;
  }
  const s = await sessionRead;
  if (!s) throw signedOut();
  const unread = readForeign(() => unreadOf(s), '/session/current.json');
  return checked(NotificationPage, () => ({ items, nextCursor, unread }), '/notifications.json');
}

/**
 * "Mark all read" as Discourse's own per-tab dismiss does it: `dismiss_types` names the types (by
 * their Notification.types names, comma-separated; NotificationsController#mark_read), so likes,
 * badges and messages stay unread in Discourse's menu. Without it Discourse marks every type read.
 */
const DISMISS_TYPES = Object.keys(D);
/**
 * Added to Discourse in 2023 (Notification.types 36): an older forum refuses the whole request (400,
 * InvalidParameters, for an unknown name), and is asked again without it.
 */
const NEWEST_TYPE = 'watching_category_or_tag';

/**
 * Discourse's notification ids are positive integers. Any other id would be sent as `null` (JSON has
 * no NaN), which Discourse's mark_read takes as no id, so as "mark all read"; more than 15 digits
 * would be rounded to another id. Refused before any request.
 */
function refuseNonIds(ids: readonly string[]): void {
  const bad = ids.findIndex((id) => !/^[1-9]\d{0,14}$/.test(String(id)));
  if (bad < 0) return;
  const message = 'not a Discourse notification id (a positive integer)';
  throw new ValidationError(`ids[${bad}]: ${message}`, [{ path: `ids[${bad}]`, message }], 422);
}

/** Some (`{ ids }`: one request each, as Discourse takes one `id`) or all of them; then the count left. */
export async function markNotificationsRead(deps: NotificationDeps, request: C.MarkReadRequest, opts?: CallOptions): Promise<C.UnreadCount> {
  const signal = opts?.signal;
  if ('ids' in request) refuseNonIds(request.ids);
  const put = (body: object) => orSignedOut(deps.http, deps.http.send('PUT', '/notifications/mark-read.json', body, signal), signal);
  if ('all' in request) {
    await put({ dismiss_types: DISMISS_TYPES.join(',') }).catch((e: unknown) => {
      if (!(e instanceof BackendError && e.status === 400)) throw e;
      return put({ dismiss_types: DISMISS_TYPES.filter((t) => t !== NEWEST_TYPE).join(',') });
    });
  } else {
    for (const id of request.ids) await put({ id: Number(id) });
  }
  const s = await session(deps.http, signal);
  return checked(UnreadCount, () => ({ unread: unreadOf(s) }), '/session/current.json');
}

// ---- the rows of a page --------------------------------------------------------------------------

/** Would Confab show it, whatever its topic's kind? (The kind only picks between reply and answer.) */
const shown = (n: DNotification) => typeof n.topic_id === 'number' && confabType(n, 'thread') !== null;

/** The page's rows, or a FieldError naming what is missing. */
function rowsOf(list: DNotificationList | null): DNotification[] {
  if (!list || !Array.isArray(list.notifications)) throw new FieldError('notifications', 'missing list');
  list.notifications.forEach((n, i) => {
    if (!n || typeof n.id !== 'number') throw new FieldError(`notifications[${i}].id`, 'missing id');
    if (typeof n.notification_type !== 'number') throw new FieldError(`notifications[${i}].notification_type`, 'missing type');
  });
  return list.notifications;
}
