import type { Author, Notification, NotificationTarget, NotificationType } from '../../contract/index.js';
import type { MapContext } from './context.js';
import { isoAt, plainText } from './text.js';
import type { DNotification } from './types.js';

/**
 * Discourse notifications as Confab's. Pure: the reads (the list, the topics' categories, the
 * session's unread counts) are done by notifications.ts, and the result is validated there.
 *
 * Discourse's `Notification.types` (app/models/notification.rb) that mean what a Confab type means:
 */
export const D = {
  mentioned: 1,
  replied: 2,
  posted: 9,
  custom: 14,
  group_mentioned: 15,
  watching_first_post: 17,
  watching_category_or_tag: 36,
} as const;

/**
 * The types whose unread notifications the bell counts (notifications.ts sums Discourse's own
 * per-type counts over them). `custom` is one type for every plugin: Solved's accepted answer is
 * one of them, and Discourse counts the others under the same id (README, Known limits).
 */
export const COUNTED_TYPES: readonly number[] = Object.values(D);

/** Solved's notification to the author of an accepted answer (discourse-solved `accept_answer!`). */
const SOLVED_ACCEPTED = 'solved.accepted_notification';

/** A topic's post, or the topic: a reply or answer in a thread or question, by the topic's kind. */
const inTopic = (kind: NotificationTarget['kind']): NotificationType => (kind === 'question' ? 'answer' : 'reply');

/**
 * Confab's type for a Discourse notification, or null for one Confab has no type for (likes,
 * quotes, edits, badges, private messages, links, invitations, other plugins' custom ones...).
 *
 * - mentioned, group_mentioned (a group you are in): `mention`
 * - replied (to your post), posted (in a topic you watch): `reply` in a thread, `answer` in a question
 * - watching_first_post (a new topic where you watch first posts): `new_topic`
 * - watching_category_or_tag (a post in a category or tag you watch): `new_topic` for its first post,
 *   else a reply or answer, as Discourse itself words it (PushNotificationPusher.title)
 * - custom with Solved's `solved.accepted_notification`: `accepted`
 */
export function confabType(n: DNotification, kind: NotificationTarget['kind']): NotificationType | null {
  switch (n.notification_type) {
    case D.mentioned:
    case D.group_mentioned:
      return 'mention';
    case D.replied:
    case D.posted:
      return inTopic(kind);
    case D.watching_first_post:
      return 'new_topic';
    case D.watching_category_or_tag:
      return n.post_number === 1 ? 'new_topic' : inTopic(kind);
    case D.custom:
      return n.data?.message === SOLVED_ACCEPTED ? 'accepted' : null;
    default:
      return null;
  }
}

/** Who did it. Discourse names the actor by username only (no user id), so the username is the id. */
function actorOf(n: DNotification, ctx: MapContext): Author {
  // display_username is "2 replies" when Discourse collapsed several: the username of the last is original_username.
  const username = n.data?.original_username || n.data?.display_username || '';
  const avatar = n.acting_user_avatar_template?.replace('{size}', '96');
  return {
    id: username || 'unknown',
    name: n.acting_user_name || username || 'Unknown',
    orgName: null,
    avatarUrl: avatar ? new URL(avatar, ctx.origin).href : null,
  };
}

/**
 * One notification as Confab's, or null when Confab has no type for it or it names no topic.
 * `kindOf` tells a question from a thread by the topic's category (notifications.ts).
 */
export function toNotification(n: DNotification, index: number, kindOf: (topicId: number) => NotificationTarget['kind'], ctx: MapContext): Notification | null {
  if (typeof n.topic_id !== 'number') return null;
  const kind = kindOf(n.topic_id);
  const type = confabType(n, kind);
  if (!type) return null;
  const path = `notifications[${index}]`;
  const postId = n.post_number !== 1 && typeof n.data?.original_post_id === 'number' ? String(n.data.original_post_id) : null;
  return {
    id: String(n.id),
    type,
    actor: actorOf(n, ctx),
    target: { kind, id: String(n.topic_id), title: plainText(n.fancy_title) || plainText(n.data?.topic_title), postId },
    // Discourse's notification carries no words of the post.
    excerpt: '',
    createdAt: isoAt(n.created_at, `${path}.created_at`),
    read: n.read,
  };
}
