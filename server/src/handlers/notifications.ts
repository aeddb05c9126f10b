// The caller's notifications and delivery preferences, and @mention suggestions.
import { type Notification, type NotificationType, type Preferences } from '../../../src/contract/index.js';
import type { User } from '../auth.js';
import type { Ctx } from '../context.js';
import { cursorKind, decodeKeyCursor, encodeKeyCursor, keysetPage, seekTime } from '../cursor.js';
import type { Queryable } from '../db.js';
import { issueTicket } from '../live-tickets.js';
import { MODERATION_TYPES_SQL, mayModerate, notificationShown } from '../moderation/visibility.js';
import { preferencesOf } from '../notify/preferences.js';
import type { SeekRow } from '../rows.js';
import { AUTHOR_COLS, author, iso, needUser, pageLimit, upsertPerson } from './common.js';

/** Newest first: (created_at, id) descending, which notifications_recipient holds per recipient. */
const NOTIFICATIONS = cursorKind('notifications', ['time', 'id']);

interface NotificationRow {
  id: string;
  type: NotificationType;
  author_id: string;
  author_name: string;
  author_org: string | null;
  author_avatar: string | null;
  target_kind: 'thread' | 'question';
  target_id: string;
  target_title: string;
  post_id: string | null;
  excerpt: string;
  created_at: unknown;
  read_at: unknown;
}

export const notification = (r: NotificationRow): Notification => ({
  id: r.id,
  type: r.type,
  actor: author(r),
  target: { kind: r.target_kind, id: r.target_id, title: r.target_title, postId: r.post_id },
  excerpt: r.excerpt,
  createdAt: iso(r.created_at),
  read: r.read_at != null,
});

/** One notification by id, for the live stream: callers add `AND n.id = … AND n.recipient_id = …`. */
export const NOTIFICATION_SELECT = `SELECT n.*, n.actor_id AS author_id, ${AUTHOR_COLS} FROM notifications n JOIN people p ON p.id = n.actor_id WHERE ${notificationShown('n')}`;

/**
 * The moderation notifications of someone whose token no longer says moderator: the stored roles
 * (which notificationShown checks) are only refreshed by their next write, the token is now.
 */
export const viewerRule = (u: User) => (mayModerate(u) ? '' : `AND n.type NOT IN ${MODERATION_TYPES_SQL}`);

export async function unreadCount(q: Queryable, u: User): Promise<number> {
  const { rows } = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM notifications n WHERE n.recipient_id = $1 AND n.read_at IS NULL AND ${notificationShown('n')} ${viewerRule(u)}`,
    [u.id],
  );
  return Number(rows[0].n);
}

export async function listNotifications(ctx: Ctx<'listNotifications'>) {
  const u = needUser(ctx);
  const key = decodeKeyCursor(NOTIFICATIONS, ctx.query.cursor);
  const limit = pageLimit(ctx.query.limit);
  const params: unknown[] = [u.id, limit + 1];
  const seek = key ? `AND (n.created_at, n.id) < ($${params.push(key[0])}::timestamptz, $${params.push(key[1])}::text)` : '';
  const { rows } = await ctx.q.query<NotificationRow & SeekRow>(
    `SELECT n.*, n.actor_id AS author_id, ${AUTHOR_COLS}, ${seekTime('n.created_at')} AS seek_at
     FROM notifications n JOIN people p ON p.id = n.actor_id
     WHERE n.recipient_id = $1 AND ${notificationShown('n')} ${viewerRule(u)} ${seek} ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
    params,
  );
  const page = keysetPage(rows, limit, notification, (r) => encodeKeyCursor(NOTIFICATIONS, [r.seek_at, r.id]));
  return { ...page, unread: await unreadCount(ctx.q, u) };
}

export async function markNotificationsRead(ctx: Ctx<'markNotificationsRead'>) {
  const u = needUser(ctx);
  const b = ctx.body;
  if ('all' in b) await ctx.q.query(`UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`, [u.id]);
  else {
    // Someone else's ids match no row of the caller's: nothing to tell apart from an unknown id.
    await ctx.q.query(`UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND id = ANY($2::text[]) AND read_at IS NULL`, [u.id, b.ids]);
  }
  return { unread: await unreadCount(ctx.q, u) };
}

export async function getPreferences(ctx: Ctx<'getPreferences'>): Promise<Preferences> {
  const u = needUser(ctx);
  return preferencesOf(ctx.q, u.id, mayModerate(u));
}

export async function updatePreferences(ctx: Ctx<'updatePreferences'>): Promise<Preferences> {
  const u = needUser(ctx);
  await upsertPerson(ctx.q, u);
  for (const [type, mode] of Object.entries(ctx.body)) {
    if (mode === undefined) continue;
    await ctx.q.query(
      `INSERT INTO notification_preferences (person_id, type, mode) VALUES ($1, $2, $3) ON CONFLICT (person_id, type) DO UPDATE SET mode = EXCLUDED.mode`,
      [u.id, type, mode],
    );
  }
  return preferencesOf(ctx.q, u.id, mayModerate(u));
}

export async function createLiveTicket(ctx: Ctx<'createLiveTicket'>) {
  return issueTicket(ctx.q, needUser(ctx));
}
