import { Follow, FollowList } from '../../contract/index.js';
import type * as C from '../../contract/index.js';
import { BackendError } from '../../core/errors.js';
import type { CallOptions } from '../types.js';
import { checked } from './checked.js';
import { categoryId, categoryIndex, categorySlug } from './context.js';
import { nextPageCursor } from './map-topics.js';
import { orSignedOut, session, signedOut, type NotificationDeps } from './notifications.js';
import { plainText } from './text.js';
import type { DCategories, DTopicList } from './types.js';

/**
 * Follows as Discourse's notification levels (TopicUser / CategoryUser: muted 0, regular 1,
 * tracking 2, watching 3, watching first post 4).
 *
 * - A thread or question is a topic: `POST /t/{id}/notifications.json` with `notification_level`
 *   3 (watching: every post) or 0 (muted); unfollowing sets 1 (regular, Discourse's default).
 * - A category: `POST /category/{id}/notifications` with 4 (watching first post: Confab's category
 *   follow tells of new topics only) or 0; unfollowing sets 1. Watching (3) counts as following too.
 * - Tags: not mapped (501).
 *
 * What the user follows: `/latest.json?state=watching` and `?state=muted` (TopicQuery's `state`,
 * every page up to MAX_PAGES) and the `notification_level` of each category in `/categories.json`.
 * A topic in the Q&A category is listed as a thread and as a question, as the feed and the Q&A box
 * each show it. Discourse does not send when a level was set: `createdAt` is when it was read.
 */
const LEVEL = { muted: 0, regular: 1, watching: 3, watchingFirstPost: 4 } as const;
const MAX_PAGES = 5;

const noTags = () => new BackendError('Following a tag is not available on Discourse', 501);

async function categoryOf(deps: NotificationDeps, slug: string): Promise<number> {
  const id = categoryId(await deps.context(), slug);
  if (id === undefined) throw new BackendError(`There is no category "${slug}" on this forum`, 404);
  return id;
}

async function setLevel(deps: NotificationDeps, kind: C.FollowKind, id: string, level: number, topicLevel: number, opts?: CallOptions): Promise<void> {
  if (kind === 'tag') throw noTags();
  // Discourse refuses a signed-out writer with 403; the contract says 401 (orSignedOut).
  const signal = opts?.signal;
  if (kind === 'category') {
    const cid = await categoryOf(deps, id);
    await orSignedOut(deps.http, deps.http.send('POST', `/category/${cid}/notifications`, { notification_level: level }, signal), signal);
    return;
  }
  await orSignedOut(deps.http, deps.http.send('POST', `/t/${encodeURIComponent(id)}/notifications.json`, { notification_level: String(topicLevel) }, signal), signal);
}

export async function setFollow(deps: NotificationDeps, kind: C.FollowKind, id: string, level: C.FollowLevel, opts?: CallOptions): Promise<C.Follow> {
  const muted = level === 'muted';
  await setLevel(deps, kind, id, muted ? LEVEL.muted : LEVEL.watchingFirstPost, muted ? LEVEL.muted : LEVEL.watching, opts);
  // Discourse answers `success` only: no title without another read (listFollows has it).
  return checked(Follow, () => ({ kind, id, level, title: null, createdAt: new Date().toISOString() }), `/notifications (${kind})`);
}

export async function removeFollow(deps: NotificationDeps, kind: C.FollowKind, id: string, opts?: CallOptions): Promise<void> {
  await setLevel(deps, kind, id, LEVEL.regular, LEVEL.regular, opts);
}

/** Every page of a topic list, up to MAX_PAGES. */
async function allPages(deps: NotificationDeps, state: 'watching' | 'muted', signal?: AbortSignal): Promise<DTopicList['topic_list']['topics']> {
  const topics: DTopicList['topic_list']['topics'] = [];
  let page: string | null | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const list = await deps.http.get<DTopicList>('/latest.json', { state, page: page ?? undefined }, signal);
    topics.push(...list.topic_list.topics);
    page = nextPageCursor(list.topic_list.more_topics_url);
    if (!page) break;
  }
  return topics;
}

export async function listFollows(deps: NotificationDeps, opts?: CallOptions): Promise<C.Follow[]> {
  const signal = opts?.signal;
  // TopicQuery ignores `state` without a user: signed out, `?state=watching` is the forum's latest
  // topics. Nobody signed in is the contract's 401, known before those lists are read.
  if (!(await session(deps.http, signal))) throw signedOut('see what you follow');
  const [watching, muted, categories, ctx] = await Promise.all([
    allPages(deps, 'watching', signal),
    allPages(deps, 'muted', signal),
    deps.http.get<DCategories>('/categories.json', { include_subcategories: 'true' }, signal),
    deps.context(),
  ]);
  const at = new Date().toISOString();
  return checked(FollowList, () => {
    const out: C.Follow[] = [];
    for (const [level, topics] of [['watching', watching], ['muted', muted]] as const) {
      for (const t of topics) {
        const base = { id: String(t.id), level, title: plainText(t.title), createdAt: at };
        out.push({ kind: 'thread', ...base });
        if (categorySlug(ctx, t.category_id) === deps.questionsCategory) out.push({ kind: 'question', ...base });
      }
    }
    // categoryIndex flattens subcategories; their levels are on the categories themselves.
    const levels = new Map<number, number | undefined>();
    const walk = (list: DCategories['category_list']['categories'] | undefined) => {
      for (const c of list ?? []) {
        levels.set(c.id, c.notification_level ?? undefined);
        walk(c.subcategory_list);
      }
    };
    walk(categories.category_list.categories);
    for (const c of categoryIndex(categories).values()) {
      const l = levels.get(c.id);
      if (l === LEVEL.watching || l === LEVEL.watchingFirstPost) out.push({ kind: 'category', id: c.slug, level: 'watching', title: null, createdAt: at });
      else if (l === LEVEL.muted) out.push({ kind: 'category', id: c.slug, level: 'muted', title: null, createdAt: at });
    }
    return { items: out };
  }, '/latest.json?state=…').items;
}
