/**
 * The parts of Discourse's JSON this adapter reads. Only the fields it uses are listed; Discourse
 * sends many more. Shapes checked against real recorded payloads (test/fixtures/discourse/) and
 * Discourse's API docs (discourse/discourse_api_docs openapi.json). Foreign shapes are typed, not
 * trusted: every mapped result is validated against Confab's contract.
 */

export interface DUser {
  id: number;
  username: string;
  name?: string | null;
  avatar_template?: string | null;
}

export interface DTopic {
  id: number;
  /** Plain text. `fancy_title` is the HTML-escaped variant, never used here. */
  title: string;
  slug?: string;
  posts_count: number;
  like_count?: number;
  created_at?: string | null;
  last_posted_at?: string | null;
  bumped_at?: string | null;
  category_id?: number | null;
  /** Plain names in current Discourse; `{ name }` objects in some versions. */
  tags?: (string | { name: string })[] | null;
  /** HTML-escaped text (`It&#39;s`, `&hellip;`); sent for pinned topics and with the `topic_excerpts` settings. */
  excerpt?: string | null;
  /** From the Solved plugin, in topic lists. */
  has_accepted_answer?: boolean;
  posters?: { user_id: number; description?: string | null }[];
  /** Pinned to the top of its category (or globally). */
  pinned?: boolean;
  /** Closed to new replies: Confab's locked thread. */
  closed?: boolean;
}

/** `GET /latest.json`, `/top.json`, `/c/{slug}/{id}.json`, `/tag/{tag}.json`. */
export interface DTopicList {
  users?: DUser[];
  topic_list: { topics: DTopic[]; more_topics_url?: string | null };
}

/** One entry of a post's `actions_summary`: `id` 2 is a like (PostActionType). */
export interface DActionSummary {
  id: number;
  count?: number;
  acted?: boolean;
  can_act?: boolean | null;
  can_undo?: boolean;
}

export interface DPost {
  id: number;
  post_number: number;
  /** 1 regular, 2 moderator action, 3 small action, 4 whisper (Post.types). */
  post_type?: number;
  user_id: number;
  username: string;
  name?: string | null;
  avatar_template?: string | null;
  created_at: string;
  updated_at?: string | null;
  deleted_at?: string | null;
  user_deleted?: boolean;
  hidden?: boolean;
  /** Edit count + 1: above 1 means the post was edited. */
  version?: number;
  /** Sanitised HTML rendered by Discourse. */
  cooked: string;
  /** The Markdown source, sent with `?include_raw=true`. */
  raw?: string;
  topic_id?: number;
  like_count?: number;
  actions_summary?: DActionSummary[];
  /** From the Solved plugin: this post is the topic's accepted answer. */
  accepted_answer?: boolean;
}

/** `GET /t/{id}.json?include_raw=true&page=N`: 20 posts a page, `stream` lists every post id. */
export interface DTopicDetail extends DTopic {
  post_stream: { posts: DPost[]; stream?: number[] };
  details?: { created_by?: DUser };
  /** From the Solved plugin (TopicViewSerializerExtension): the accepted post, by number. */
  accepted_answer?: { post_number: number; username?: string; excerpt?: string | null; name?: string | null } | null;
}

/** `GET /search.json?q=...&page=N`. `blurb` is plain text with `...` where it was cut. */
export interface DSearch {
  posts?: { id: number; topic_id: number; blurb?: string; created_at: string; like_count?: number }[];
  topics?: DTopic[];
  grouped_search_result?: { more_full_page_results?: boolean | null };
}

export interface DCategory {
  id: number;
  slug: string;
  name: string;
  parent_category_id?: number | null;
  subcategory_ids?: number[];
  /** With `include_subcategories=true`. */
  subcategory_list?: DCategory[];
  /** The signed-in user's level in it (CategoryUser: muted 0, regular 1, tracking 2, watching 3, watching first post 4). */
  notification_level?: number | null;
}

/** `GET /categories.json?include_subcategories=true`. */
export interface DCategories {
  category_list: { categories: DCategory[] };
}

export interface DGroup {
  id: number;
  name: string;
  full_name?: string | null;
}

/** `GET /session/current.json`: 404 when nobody is signed in. */
export interface DSession {
  current_user: DUser & {
    admin?: boolean;
    moderator?: boolean;
    groups?: DGroup[];
    /**
     * Unread notifications by `Notification.types` id (JSON keys are the ids as text), over the
     * at most 400 unread, in no set order (User#grouped_unread_notifications: LIMIT without ORDER BY): what Discourse's own user-menu tabs count.
     */
    grouped_unread_notifications?: Record<string, number>;
    /** MessageBus position of `/notification/{id}` when the session was read (CurrentUserSerializer). */
    notification_channel_position?: number;
  };
}

/** One notification (NotificationSerializer). `data` depends on the type; the fields read here are listed. */
export interface DNotification {
  id: number;
  notification_type: number;
  read: boolean;
  created_at: string;
  topic_id?: number | null;
  post_number?: number | null;
  /** The topic's title, HTML-escaped; absent when the topic is gone. */
  fancy_title?: string | null;
  slug?: string | null;
  /** The actor's full name and avatar, sent with the `show_user_menu_avatars` setting. */
  acting_user_name?: string | null;
  acting_user_avatar_template?: string | null;
  data?: {
    topic_title?: string;
    /** The post that caused it (PostAlerter), by id. */
    original_post_id?: number;
    /** The actor's username (PostAlerter). */
    original_username?: string;
    /** The actor's username, or "2 replies" when Discourse collapsed several. */
    display_username?: string;
    /** Custom notifications (type 14): what they are, e.g. Solved's `solved.accepted_notification`. */
    message?: string;
  } | null;
}

/** `GET /notifications.json?offset=N&limit=N`: the signed-in user's notifications, newest first. */
export interface DNotificationList {
  notifications: DNotification[];
  /** All of the user's visible notifications, before `offset` and `limit`. */
  total_rows_notifications?: number;
  seen_notification_id?: number | null;
  load_more_notifications?: string | null;
}

/** `GET /session/csrf.json`, for writes made with the forum's own session cookie. */
export interface DCsrf {
  csrf: string;
}

/** One message of a MessageBus poll (`POST /message-bus/{clientId}/poll`). */
export interface DBusMessage {
  global_id: number;
  message_id: number;
  channel: string;
  data: unknown;
}

/** `data` on `/new` (TopicTrackingState.publish_new) and `/latest` (publish_latest). */
export interface DTrackingMessage {
  topic_id: number;
  message_type: string;
  payload?: { created_at?: string; bumped_at?: string; category_id?: number | null };
}
