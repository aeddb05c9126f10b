// A fake Discourse inside the test runner's dev server, under /discourse/{namespace}/. It serves the
// recorded payloads of test/fixtures/discourse/ (README there says where each came from), keeps a
// little state per namespace (replies join their topic, accept marks the answer, new topics and
// replies are published on MessageBus), and records every write with its method, path, query,
// headers and body. Tests read the record and script it through POST /discourse/__control.
import { readFileSync } from 'node:fs';

const dir = new URL('../fixtures/discourse/', import.meta.url);
const fixture = (name) => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
const spaces = new Map();

function space(ns) {
  let s = spaces.get(ns);
  if (!s) {
    s = {
      topics: new Map([[57, fixture('derived/topic-solved.json')], [13, fixture('derived/topic-raw.json')]]),
      log: [], bus: [], busSeq: { ...fixture('derived/message-bus-status.json')[0].data }, waiters: [], nextPostId: 900, nextTopicId: 600,
      signedOut: false, rateLimit: null, flags: new Set(), hiddenTopics: new Set(),
      // Topics listed besides the recorded ones (`listed` control), and requests answered with an error (`failing`).
      listed: [], failing: [],
      // The newest Notification.types id this forum's version knows (`typesUpTo`: an older Discourse).
      typesUpTo: Infinity,
      longPolling: true,
      // How long a poll with nothing to answer is held (Discourse: about 25 s); `holdMs` sets it.
      holdMs: 1500,
      // The signed-in user's notifications, newest first (derived/notifications.json: README there).
      notifications: fixture('derived/notifications.json').notifications,
      // The user's notification levels (TopicUser, CategoryUser) by topic and category id; 1 (regular) when unset.
      topicLevels: new Map(), categoryLevels: new Map(),
    };
    spaces.set(ns, s);
  }
  return s;
}

/**
 * Answers past Koa: the test runner's cache middleware marks every response whose path has an
 * extension (`.json`) cacheable for a year once it comes back out, and Chromium would then answer a
 * second read of `/t/57/last.json` from its cache. Discourse sends its JSON uncached.
 */
function send(ctx, status, body, headers = {}) {
  const text = JSON.stringify(body);
  ctx.respond = false;
  ctx.res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  ctx.res.end(text);
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

const notFound = { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' };

function publish(s, channel, data) {
  s.busSeq[channel] = (s.busSeq[channel] ?? 0) + 1;
  s.bus.push({ global_id: 2000 + s.bus.length, message_id: s.busSeq[channel], channel, data });
  // Only the polls that asked for this channel are answered, as MessageBus wakes its subscribers.
  for (const w of s.waiters.filter((w) => channel in w.positions)) w.wake();
}

/** A reply joins its topic, which is bumped (publish_latest) at the reply's time. */
function addReply(s, topic, raw, at) {
  const posts = topic.post_stream.posts;
  const reply = { ...fixture('post.json'), id: s.nextPostId++, topic_id: topic.id, post_number: Math.max(...posts.map((p) => p.post_number)) + 1, raw, cooked: `<p>${raw}</p>`, created_at: at };
  posts.push(reply);
  topic.post_stream.stream?.push(reply.id);
  topic.posts_count += 1;
  publish(s, '/latest', { topic_id: topic.id, message_type: 'latest', payload: { bumped_at: at, category_id: topic.category_id, archetype: 'regular' } });
  return reply;
}

function topicOfPost(s, postId) {
  for (const t of s.topics.values()) if (t.post_stream.posts.some((p) => p.id === postId)) return t;
  return undefined;
}

/**
 * MessageBus (MessageBus::Client#backlog): a channel at `-1` is answered with its current position in a
 * `/__status` message, every other channel with what came after its position, in one answer; held up
 * `holdMs` (1.5 s) while there is nothing (not held with `longPolling` off), or until the client aborts it.
 */
async function poll(ctx, s, form) {
  const positions = Object.fromEntries([...new URLSearchParams(form)].map(([k, v]) => [k, Number(v)]));
  const fresh = Object.keys(positions).filter((c) => positions[c] < 0);
  const pending = () => s.bus.filter((m) => m.channel in positions && positions[m.channel] >= 0 && m.message_id > positions[m.channel]);
  // `longPolling: false`, as a forum with enable_long_polling off: every poll is answered at once.
  if (!fresh.length && !pending().length && s.longPolling) {
    await new Promise((resolve) => {
      const waiter = { positions, wake: () => (clearTimeout(t), (s.waiters = s.waiters.filter((w) => w !== waiter)), resolve()) };
      const t = setTimeout(waiter.wake, s.holdMs);
      s.waiters.push(waiter);
      // The client gave up on this poll (aborted it): let go of it now rather than at its timeout.
      ctx.res.once('close', waiter.wake);
    });
  }
  // Each channel asked for at -1, at its last id (0 when nothing was published on it yet).
  const status = fresh.length ? [{ global_id: -1, message_id: -1, channel: '/__status', data: Object.fromEntries(fresh.map((c) => [c, s.busSeq[c] ?? 0])) }] : [];
  send(ctx, 200, [...pending(), ...status]);
}

/** Discourse's Notification.types 1-40 (app/models/notification.rb), the names `dismiss_types` takes. */
const NOTIFICATION_TYPES = {
  mentioned: 1, replied: 2, quoted: 3, edited: 4, liked: 5, private_message: 6, invited_to_private_message: 7,
  invitee_accepted: 8, posted: 9, moved_post: 10, linked: 11, granted_badge: 12, invited_to_topic: 13, custom: 14,
  group_mentioned: 15, group_message_summary: 16, watching_first_post: 17, topic_reminder: 18, liked_consolidated: 19,
  post_approved: 20, code_review_commit_approved: 21, membership_request_accepted: 22, membership_request_consolidated: 23,
  bookmark_reminder: 24, reaction: 25, votes_released: 26, event_reminder: 27, event_invitation: 28, chat_mention: 29,
  chat_message: 30, chat_invitation: 31, chat_group_mention: 32, chat_quoted: 33, assigned: 34, question_answer_user_commented: 35,
  watching_category_or_tag: 36, new_features: 37, admin_problems: 38, linked_consolidated: 39, chat_watched_thread: 40,
};

/** Discourse's answer to a signed-out reader of a `requires_login` controller (Discourse::NotLoggedIn). */
const notLoggedIn = { errors: ['You need to be logged in to do that.'], error_type: 'not_logged_in' };

/** User#grouped_unread_notifications: unread notifications counted by type id. */
function groupedUnread(s) {
  const counts = {};
  for (const n of s.notifications) if (!n.read) counts[n.notification_type] = (counts[n.notification_type] ?? 0) + 1;
  return counts;
}

/**
 * User#publish_notifications_state on `/notification/{user_id}` (the session's user is 1): the
 * counts and the newest notification, as NotificationSerializer with its root (`{ notification }`).
 */
function publishNotificationState(s) {
  const grouped = groupedUnread(s);
  const unread = Object.values(grouped).reduce((a, b) => a + b, 0);
  publish(s, '/notification/1', {
    unread_notifications: unread, unread_high_priority_notifications: 0, read_first_notification: true,
    last_notification: s.notifications[0] ? { notification: s.notifications[0] } : null,
    recent: s.notifications.slice(0, 20).map((n) => [n.id, n.read]),
    seen_notification_id: 0, all_unread_notifications_count: unread, grouped_unread_notifications: grouped,
    new_personal_messages_notifications_count: 0,
  });
}

/** NotificationsController#index without `recent`: `offset`, `limit` (default and at most 60). */
function notificationsPage(ctx, s, query) {
  if (s.signedOut) return send(ctx, 403, notLoggedIn);
  const q = new URLSearchParams(query);
  const offset = Number(q.get('offset') ?? 0);
  const limit = Number(q.get('limit') ?? 60);
  if (limit > 60) return send(ctx, 400, { errors: ['You supplied invalid parameters to the request: limit'], error_type: 'invalid_parameters' });
  // Offset and limit first, then the notifications of topics the reader cannot see dropped
  // (Notification.filter_inaccessible_topic_notifications), as Discourse does: a page can be short.
  send(ctx, 200, {
    notifications: s.notifications.slice(offset, offset + limit).filter((n) => !s.hiddenTopics.has(n.topic_id)),
    total_rows_notifications: s.notifications.length,
    seen_notification_id: Math.max(0, ...s.notifications.map((n) => n.id)),
    load_more_notifications: `/notifications?offset=${offset + limit}&limit=${limit}&username=discourse1`,
  });
}

/** The topics this fake knows, as list items (the topic views it holds, then the recorded latest list). */
function knownTopics(s) {
  const seen = new Set();
  return [...s.topics.values(), ...s.listed, ...fixture('docs_topics_latest_topics_response.json').topic_list.topics]
    .filter((t) => !seen.has(t.id) && seen.add(t.id))
    .map(({ post_stream, details, ...item }) => item);
}

/** `/latest.json?state=watching` (TopicQuery's `state`: the user's topics at that level), one page. */
function latestByState(ctx, s, state) {
  const level = { muted: 0, regular: 1, tracking: 2, watching: 3 }[state];
  // Without a user TopicQuery ignores `state`: the latest topics, as for anyone.
  const topics = knownTopics(s).filter((t) => s.signedOut || (s.topicLevels.get(t.id) ?? 1) === level);
  send(ctx, 200, { users: [], topic_list: { topics, more_topics_url: null } });
}

/** `/categories.json` with the user's `notification_level` on each category, subcategories too. */
function categoriesWithLevels(ctx, s) {
  const withLevel = (c) => ({ ...c, notification_level: s.categoryLevels.get(c.id) ?? 1, ...(c.subcategory_list ? { subcategory_list: c.subcategory_list.map(withLevel) } : {}) });
  const r = fixture('derived/categories-with-subcategories.json');
  send(ctx, 200, { ...r, category_list: { ...r.category_list, categories: r.category_list.categories.map(withLevel) } });
}

/** TopicQuery::DEFAULT_PER_PAGE_COUNT: a list page holds at most 30 topics, `topic_ids` or not. */
const PER_PAGE = 30;

/**
 * `/latest.json?topic_ids=1,2`: those topics as list items (TopicQuery's `topic_ids`), from the topics
 * this fake knows; at most PER_PAGE of them, the rest on a next page, as Discourse pages every list.
 */
function latestOf(ctx, s, ids) {
  const wanted = new Set(ids.split(',').map(Number));
  const topics = knownTopics(s).filter((t) => wanted.has(t.id));
  const more = topics.length > PER_PAGE ? `/latest?page=1&topic_ids=${ids}` : null;
  send(ctx, 200, { users: [], topic_list: { topics: topics.slice(0, PER_PAGE), more_topics_url: more, per_page: PER_PAGE } });
}

function write(ctx, s, method, path, query, body) {
  const json = body ? JSON.parse(body) : {};
  if (method === 'PUT' && path === '/notifications/mark-read.json') {
    if (s.signedOut) return send(ctx, 403, notLoggedIn);
    // NotificationsController#mark_read: one `id`; else those of `dismiss_types` (type names,
    // comma-separated; an unknown name is refused), or every notification without it.
    let types = null;
    if (json.id === undefined && json.dismiss_types) {
      const names = String(json.dismiss_types).split(',');
      const invalid = names.filter((t) => !(t in NOTIFICATION_TYPES) || NOTIFICATION_TYPES[t] > s.typesUpTo);
      if (invalid.length) return send(ctx, 400, { errors: [`invalid notification types: ${JSON.stringify(invalid)}`], error_type: 'invalid_parameters' });
      types = new Set(names.map((t) => NOTIFICATION_TYPES[t]));
    }
    for (const n of s.notifications) {
      if (json.id !== undefined ? n.id === Number(json.id) : !types || types.has(n.notification_type)) n.read = true;
    }
    publishNotificationState(s);
    return send(ctx, 200, fixture('derived/notifications-mark-read.json'));
  }
  // TopicsController#set_notifications and CategoriesController#set_notifications (`notification_level`).
  const topicLevel = /^\/t\/(\d+)\/notifications\.json$/.exec(path);
  const categoryLevel = /^\/category\/(\d+)\/notifications$/.exec(path);
  if (method === 'POST' && (topicLevel || categoryLevel)) {
    if (s.signedOut) return send(ctx, 403, notLoggedIn);
    if (topicLevel) s.topicLevels.set(Number(topicLevel[1]), Number(json.notification_level));
    else s.categoryLevels.set(Number(categoryLevel[1]), Number(json.notification_level));
    return send(ctx, 200, topicLevel ? fixture('derived/notifications-mark-read.json') : { ...fixture('derived/notifications-mark-read.json'), indirectly_muted_category_ids: [] });
  }
  if (method === 'POST' && path === '/posts.json') {
    if (json.title) {
      const created = { ...fixture('docs_topics_new_topic_response.json'), id: s.nextPostId++, topic_id: s.nextTopicId++, post_number: 1 };
      publish(s, '/new', { topic_id: created.topic_id, message_type: 'new_topic', payload: { created_at: created.created_at, category_id: json.category, archetype: 'regular' } });
      return send(ctx, 200, created);
    }
    const topic = s.topics.get(json.topic_id);
    if (!topic) return send(ctx, 404, notFound);
    return send(ctx, 200, addReply(s, topic, json.raw, new Date().toISOString()));
  }
  if (method === 'POST' && path === '/solution/accept.json') {
    const topic = topicOfPost(s, json.id);
    if (!topic) return send(ctx, 404, notFound);
    const post = topic.post_stream.posts.find((p) => p.id === json.id);
    for (const p of topic.post_stream.posts) delete p.accepted_answer;
    post.accepted_answer = true;
    topic.accepted_answer = { post_number: post.post_number, username: post.username, excerpt: null, name: post.name ?? null };
    // Solved's publish_solution: the topic's own channel, the accepted post by number only.
    publish(s, `/topic/${topic.id}`, { ...fixture('derived/message-bus-accepted-solution.json')[0].data, accepted_answer: topic.accepted_answer });
    return send(ctx, 200, fixture('derived/solution-accept.json'));
  }
  if (method === 'POST' && path === '/post_actions.json' && json.post_action_type_id !== 2) {
    // A flag: once per person and item, as PostActionCreator allows (its `action_already_performed` error).
    const key = `${json.flag_topic ? 't' : 'p'}${json.id}`;
    if (s.flags.has(key)) return send(ctx, 403, { errors: ['Oops! You already performed that action.'], error_type: 'invalid_access' });
    s.flags.add(key);
    return send(ctx, 200, { ...fixture('docs_posts_get_post_response.json'), id: json.id });
  }
  if (method === 'POST' && path === '/post_actions.json') return send(ctx, 200, { ...fixture('derived/post-action-like.json'), id: json.id });
  if (method === 'DELETE' && /^\/post_actions\/\d+\.json$/.test(path)) return send(ctx, 200, fixture('derived/post-action-unlike.json'));
  if (method === 'PUT' && /^\/posts\/\d+\.json$/.test(path)) return send(ctx, 200, fixture('docs_posts_update_post_response.json'));
  if (method === 'PUT' && /^\/t\/-\/\d+\.json$/.test(path)) return send(ctx, 200, fixture('docs_topics_update_topic_response.json'));
  return send(ctx, 404, notFound);
}

function read(ctx, s, path, query) {
  if (path === '/notifications.json') return notificationsPage(ctx, s, query);
  const topicIds = new URLSearchParams(query).get('topic_ids');
  if (path === '/latest.json' && topicIds) return latestOf(ctx, s, topicIds);
  const state = new URLSearchParams(query).get('state');
  if (path === '/latest.json' && state) return latestByState(ctx, s, state);
  if (path === '/categories.json') return categoriesWithLevels(ctx, s);
  const fixed = {
    '/categories.json': 'derived/categories-with-subcategories.json',
    '/latest.json': 'latest.json',
    '/top.json': 'top.json',
    '/c/test2/2.json': 'category_latest_topics.json',
    '/c/test2/questions/13.json': 'derived/questions-list.json',
    '/search.json': 'docs_search_query_response.json',
    '/session/csrf.json': 'derived/csrf.json',
  };
  if (fixed[path]) return send(ctx, 200, fixture(fixed[path]));
  if (path === '/session/current.json') {
    if (s.signedOut) return send(ctx, 404, notFound);
    const session = fixture('derived/session-current.json');
    // notification_channel_position: the user's channel's last id, as CurrentUserSerializer sends it.
    const position = s.busSeq[`/notification/${session.current_user.id}`] ?? 0;
    return send(ctx, 200, { current_user: { ...session.current_user, grouped_unread_notifications: groupedUnread(s), notification_channel_position: position } });
  }
  // `/t/{id}/last.json` and `/t/{id}/{post_number}.json` are the topic view around a post: here, all of it.
  const topic = /^\/t\/(\d+)(?:\/(?:last|\d+))?\.json$/.exec(path);
  if (topic && s.topics.has(Number(topic[1]))) return send(ctx, 200, s.topics.get(Number(topic[1])));
  return send(ctx, 404, notFound);
}

export function fakeDiscourse() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/discourse/')) return next();
    if (ctx.path === '/discourse/__control') {
      const cmd = JSON.parse(await readBody(ctx.req));
      const s = space(cmd.ns);
      if (cmd.signedOut !== undefined) s.signedOut = cmd.signedOut;
      // The next request to `path` answers 429 with this Retry-After (seconds).
      if (cmd.rateLimit) s.rateLimit = cmd.rateLimit;
      for (const m of cmd.publish ?? []) publish(s, m.channel, m.data);
      // Topics the reader cannot see: /notifications.json drops their notifications after paging.
      for (const id of cmd.hiddenTopics ?? []) s.hiddenTopics.add(id);
      if (cmd.typesUpTo !== undefined) s.typesUpTo = cmd.typesUpTo;
      if (cmd.longPolling !== undefined) s.longPolling = cmd.longPolling;
      if (cmd.holdMs !== undefined) s.holdMs = cmd.holdMs;
      // More topics on the forum's lists: `{ id, category_id }` each, the rest as the recorded first topic.
      for (const t of cmd.listed ?? []) s.listed.push({ ...fixture('docs_topics_latest_topics_response.json').topic_list.topics[0], ...t });
      // Every request to `path` (and, when given, with `query` in its query string) answers `status`
      // from now on: `{ path, query?, status }` each, the list replacing the one before (`[]`: none).
      if (cmd.failing) s.failing = cmd.failing;
      // Notifications put on top of the list (newest), as Discourse would have created them.
      if (cmd.notifications) s.notifications.unshift(...cmd.notifications);
      // Notifications created now: on top of the list, and the user's state published (Notification#refresh_notification_count).
      for (const n of cmd.notify ?? []) {
        s.notifications.unshift(n);
        publishNotificationState(s);
      }
      // Replies by others to one topic, each `agoMs` before now, published together: the bump of the
      // first is read after the second exists. `{ bump: true }` publishes the last bump again.
      for (const r of cmd.replies ?? []) {
        const topic = s.topics.get(r.topic);
        if (r.bump) publish(s, '/latest', s.bus.filter((m) => m.channel === '/latest').at(-1).data);
        else addReply(s, topic, r.raw ?? 'A reply', new Date(Date.now() - (r.agoMs ?? 0)).toISOString());
      }
      // A small-action post that bumps its topic, as reopening a topic adds one (Topic#add_small_action).
      if (cmd.smallAction) {
        const topic = s.topics.get(cmd.smallAction);
        const at = new Date().toISOString();
        topic.post_stream.posts.push({ ...fixture('post.json'), id: s.nextPostId++, topic_id: topic.id, post_type: 3, action_code: 'closed.disabled', cooked: '', post_number: Math.max(...topic.post_stream.posts.map((p) => p.post_number)) + 1, created_at: at });
        topic.posts_count += 1;
        publish(s, '/latest', { topic_id: topic.id, message_type: 'latest', payload: { bumped_at: at, category_id: topic.category_id, archetype: 'regular' } });
      }
      return send(ctx, 200, { log: s.log });
    }
    const [, , ns, ...rest] = ctx.path.split('/');
    const s = space(ns);
    const path = `/${rest.join('/')}`;
    const body = ctx.method === 'GET' ? '' : await readBody(ctx.req);
    s.log.push({ method: ctx.method, path, query: ctx.querystring, headers: ctx.headers, body });
    if (s.rateLimit && s.rateLimit.path === path) {
      const { seconds } = s.rateLimit;
      s.rateLimit = null;
      return send(ctx, 429, fixture('derived/rate-limited.json'), { 'retry-after': String(seconds) });
    }
    // `pathEnd` matches paths with a part of their own (a MessageBus poll's client id); `body` replaces the error body.
    const failing = s.failing.find((f) => (f.path === path || (f.pathEnd && path.endsWith(f.pathEnd))) && (!f.query || ctx.querystring.includes(f.query)));
    if (failing) return send(ctx, failing.status, failing.body ?? { errors: [`HTTP ${failing.status}`], error_type: 'failed' });
    if (/^\/message-bus\/[\w-]+\/poll$/.test(path)) return poll(ctx, s, body);
    if (ctx.method === 'GET') return read(ctx, s, path, ctx.querystring);
    return write(ctx, s, ctx.method, path, ctx.querystring, body);
  };
}
