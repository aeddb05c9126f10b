import * as v from 'valibot';
import { Author, Cursor, Id, Limit, Timestamp, page } from './common.js';

/** What a partner can follow: a thread, a question, or every new topic of a category or a tag. */
export const FOLLOW_KINDS = ['thread', 'question', 'category', 'tag'] as const;
export const FollowKind = v.picklist(FOLLOW_KINDS);
export type FollowKind = v.InferOutput<typeof FollowKind>;

/** `watching` notifies; `muted` silences the topic even where an auto-follow would notify. */
export const FOLLOW_LEVELS = ['watching', 'muted'] as const;
export const FollowLevel = v.picklist(FOLLOW_LEVELS);
export type FollowLevel = v.InferOutput<typeof FollowLevel>;

/** Body of `PUT /v1/follows/{kind}/{id}`. */
export const FollowRequest = v.object({ level: FollowLevel });
export type FollowRequest = v.InferOutput<typeof FollowRequest>;

/** One thing the caller follows or mutes. `title` is the thread's or question's title; null for a category or tag. */
export const Follow = v.object({
  kind: FollowKind,
  id: Id,
  level: FollowLevel,
  title: v.nullable(v.string()),
  createdAt: Timestamp,
});
export type Follow = v.InferOutput<typeof Follow>;

export const FollowList = v.object({ items: v.array(Follow) });
export type FollowList = v.InferOutput<typeof FollowList>;

/**
 * Moderation notifications (issue 14), sent to moderators and vendor staff only: someone reported an
 * item (`flag.created`), an item awaits review (`content.held`), an item was hidden by reports or by
 * a moderator (`content.hidden`). Partners never get these types.
 */
export const MODERATION_NOTIFICATION_TYPES = ['flag_created', 'content_held', 'content_hidden'] as const;

/**
 * Why a notification was sent: a reply in a followed thread, an answer to your question, your answer
 * accepted, a new topic in a followed category or tag, an @mention of you; for moderators, the
 * moderation events (MODERATION_NOTIFICATION_TYPES); and `expert_request`: vendor staff ask you, as an
 * expert of its category, to answer an unanswered question (`POST /v1/questions/{id}/notify-experts`).
 */
export const NOTIFICATION_TYPES = ['reply', 'answer', 'accepted', 'new_topic', 'mention', ...MODERATION_NOTIFICATION_TYPES, 'expert_request'] as const;
export const NotificationType = v.picklist(NOTIFICATION_TYPES);
export type NotificationType = v.InferOutput<typeof NotificationType>;

/** Where a notification leads: the thread or question, and the post or answer inside it (`postId`, null for the topic itself). */
export const NotificationTarget = v.object({
  kind: v.picklist(['thread', 'question']),
  id: Id,
  title: v.string(),
  postId: v.nullable(Id),
});
export type NotificationTarget = v.InferOutput<typeof NotificationTarget>;

export const Notification = v.object({
  id: Id,
  type: NotificationType,
  /** Who did it. */
  actor: Author,
  target: NotificationTarget,
  /** The first words of the post, as plain text (never HTML). */
  excerpt: v.string(),
  createdAt: Timestamp,
  read: v.boolean(),
});
export type Notification = v.InferOutput<typeof Notification>;

/** A page of the caller's notifications, newest first, with the count of all unread ones. */
export const NotificationPage = v.object({
  items: v.array(Notification),
  nextCursor: v.nullable(v.string()),
  unread: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type NotificationPage = v.InferOutput<typeof NotificationPage>;

export const NotificationQuery = v.object({ cursor: Cursor, limit: Limit });
export type NotificationQuery = v.InferInput<typeof NotificationQuery>;

/** Body of `POST /v1/notifications/read`: some notifications by id, or all of them. */
export const MarkReadRequest = v.union([
  v.object({ ids: v.pipe(v.array(Id), v.minLength(1), v.maxLength(100)) }),
  v.object({ all: v.literal(true) }),
]);
export type MarkReadRequest = v.InferOutput<typeof MarkReadRequest>;

/** What is left unread after marking. */
export const UnreadCount = v.object({ unread: v.pipe(v.number(), v.integer(), v.minValue(0)) });
export type UnreadCount = v.InferOutput<typeof UnreadCount>;

/**
 * How a partner hears of one type of event: in the bell only, by email at once, in a daily or weekly
 * email digest (each also in the bell), or not at all.
 */
export const DELIVERY_MODES = ['inapp', 'email', 'daily', 'weekly', 'off'] as const;
export const DeliveryMode = v.picklist(DELIVERY_MODES);
export type DeliveryMode = v.InferOutput<typeof DeliveryMode>;

/**
 * The caller's delivery mode for each notification type. The moderation types are present only for
 * moderators and vendor staff (and absent in answers of servers older than them).
 */
export const Preferences = v.object({
  reply: DeliveryMode,
  answer: DeliveryMode,
  accepted: DeliveryMode,
  new_topic: DeliveryMode,
  mention: DeliveryMode,
  flag_created: v.optional(DeliveryMode),
  content_held: v.optional(DeliveryMode),
  content_hidden: v.optional(DeliveryMode),
  /** Absent in answers of servers older than it. */
  expert_request: v.optional(DeliveryMode),
});
export type Preferences = v.InferOutput<typeof Preferences>;

/** Body of `PUT /v1/me/preferences`: the types to change; the others keep their mode. */
export const PreferencesUpdate = v.partial(Preferences);
export type PreferencesUpdate = v.InferOutput<typeof PreferencesUpdate>;

/** Someone the caller may @mention: the same shape as an author. */
export const Person = Author;
export type Person = v.InferOutput<typeof Person>;

export const PeopleQuery = v.object({
  /** The start of a name (what follows the `@`). */
  q: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60)),
  /** How many to suggest, 8 unless given. */
  limit: Limit,
});
export type PeopleQuery = v.InferInput<typeof PeopleQuery>;

export const PersonList = v.object({ items: v.array(Person) });
export type PersonList = v.InferOutput<typeof PersonList>;

/**
 * A short-lived (60 s), single-use ticket for opening an event stream as the caller, fetched with the
 * Authorization header so that the token itself never travels in a URL.
 */
export const LiveTicket = v.object({ ticket: v.string(), expiresAt: Timestamp });
export type LiveTicket = v.InferOutput<typeof LiveTicket>;

/**
 * One Server-Sent Event of `/v1/notifications/events?ticket=`, the caller's own stream: a new
 * notification, with the unread count after it (the SSE `event:` field is `notification.created`).
 */
export const NotificationLiveEvent = v.object({
  type: v.literal('notification.created'),
  notification: Notification,
  unread: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type NotificationLiveEvent = v.InferOutput<typeof NotificationLiveEvent>;

/**
 * Events a webhook can subscribe to. The moderation events (`flag.created`, `content.held`,
 * `content.hidden`) carry held or hidden content: only endpoints subscribed to them by name receive them.
 * `expert_request.created`: vendor staff asked experts to answer a question (`notifyExperts`); sent when
 * the experts are notified, with `requestedBy`, `requestedAt` and `notified` (a count: who the experts
 * are stays on the server), and not at all if the question was hidden before.
 */
export const WEBHOOK_EVENTS = ['thread.created', 'post.created', 'question.asked', 'answer.accepted', 'flag.created', 'content.held', 'content.hidden', 'expert_request.created'] as const;
export const WebhookEvent = v.picklist(WEBHOOK_EVENTS);
export type WebhookEvent = v.InferOutput<typeof WebhookEvent>;

const WebhookUrl = v.pipe(v.string(), v.trim(), v.maxLength(2000), v.url(), v.regex(/^https?:\/\//i, 'must be an http(s) URL'));

/** Body of `POST /v1/webhooks`. */
export const NewWebhook = v.object({
  url: WebhookUrl,
  events: v.pipe(v.array(WebhookEvent), v.minLength(1, 'name at least one event'), v.maxLength(WEBHOOK_EVENTS.length)),
});
export type NewWebhook = v.InferOutput<typeof NewWebhook>;

export const Webhook = v.object({
  id: Id,
  url: v.string(),
  events: v.array(WebhookEvent),
  createdAt: Timestamp,
});
export type Webhook = v.InferOutput<typeof Webhook>;

/** The endpoint as created, with its signing secret (`whsec_…`, Standard Webhooks): shown this once. */
export const CreatedWebhook = v.object({ ...Webhook.entries, secret: v.string() });
export type CreatedWebhook = v.InferOutput<typeof CreatedWebhook>;

export const WebhookList = v.object({ items: v.array(Webhook) });
export type WebhookList = v.InferOutput<typeof WebhookList>;

/** pending: waiting for (another) attempt; delivered: a 2xx came back; parked: given up after the last retry. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'parked'] as const;

/** One event sent (or being sent) to a webhook endpoint, newest first in the log. */
export const WebhookDelivery = v.object({
  /** This row of the log. The `webhook-id` header sent is this id, or `redeliveryOf` for a redelivery. */
  id: Id,
  /**
   * For a redelivery, the first delivery of the same event to this endpoint: its id is the `webhook-id`
   * sent again, the same on every retry and redelivery of the event, so a receiver deduplicates on it.
   * Null for the first delivery.
   */
  redeliveryOf: v.nullable(Id),
  event: WebhookEvent,
  status: v.picklist(DELIVERY_STATUSES),
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The HTTP status of the last attempt, null if none answered. */
  lastStatus: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  createdAt: Timestamp,
  deliveredAt: v.nullable(Timestamp),
});
export type WebhookDelivery = v.InferOutput<typeof WebhookDelivery>;

export const WebhookDeliveryPage = page(WebhookDelivery);
export type WebhookDeliveryPage = v.InferOutput<typeof WebhookDeliveryPage>;
