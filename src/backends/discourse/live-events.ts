import { categorySlug, type MapContext } from './context.js';
import { isReply } from './map-topics.js';
import type { DTopicDetail, DTrackingMessage } from './types.js';

/**
 * What a MessageBus message means as Confab live events, before validation. Pure: the reads it
 * needs are done by the caller (message-bus.ts).
 *
 * A Discourse topic is a thread; in the Q&A category it is a question as well, so both are said.
 */

/** Discourse sends `2026-03-01T09:00:00.000Z` or `...-05:00`; the contract wants toISOString()'s form. */
export const isoOrNull = (s: string | undefined | null) => {
  const d = new Date(s ?? '');
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

const categoryOf = (ctx: MapContext, id: number | null | undefined) => (id != null ? categorySlug(ctx, id) : null);

/** `/new` (TopicTrackingState.publish_new): a topic was created. */
export function newTopicEvents(data: DTrackingMessage, ctx: MapContext, questionsCategory: string): unknown[] {
  const category = categoryOf(ctx, data.payload?.category_id);
  const at = isoOrNull(data.payload?.created_at);
  const types = category === questionsCategory ? ['thread.created', 'question.created'] : ['thread.created'];
  return types.map((type) => ({ type, id: String(data.topic_id), parentId: null, category, at }));
}

/** Posts may be stamped a moment before the bump they cause is: allow for that, no more. */
const SAME_MOMENT_MS = 2000;

type DTopicPost = DTopicDetail['post_stream']['posts'][number];

/**
 * `/latest` (publish_latest) says only that a topic was bumped, and a bump is not always a reply: a
 * staff "bump", a small-action post (closed, reopened, pinned) or a moderator post bump it too. The
 * topic's last posts (`/t/{id}/last.json`: the topic view around its last post, which fills a page
 * with the posts before it) tell which: the reply that caused this bump is the real reply (regular,
 * not deleted or hidden) made closest to its `bumped_at`, within SAME_MOMENT_MS. Not simply the
 * newest post: when two replies came before the first bump is handled, both bumps read the same
 * last posts, and each must find its own. A post in `announced` was told already and is passed over.
 */
export function bumpReply(data: DTrackingMessage, last: DTopicDetail, announced: ReadonlySet<number>): DTopicPost | undefined {
  const bumpedAt = Date.parse(data.payload?.bumped_at ?? '');
  if (Number.isNaN(bumpedAt)) return undefined;
  let best: DTopicPost | undefined;
  let bestGap = Infinity;
  for (const p of last.post_stream.posts) {
    if (!isReply(p) || announced.has(p.id)) continue;
    const gap = Math.abs(Date.parse(p.created_at) - bumpedAt);
    if (gap <= SAME_MOMENT_MS && gap < bestGap) (best = p), (bestGap = gap);
  }
  return best;
}

/** The events of a reply found by bumpReply: a post, and in the Q&A category an answer, by its own post id. */
export function replyEvents(data: DTrackingMessage, reply: DTopicPost, last: DTopicDetail, ctx: MapContext, questionsCategory: string): unknown[] {
  const category = categoryOf(ctx, data.payload?.category_id ?? last.category_id);
  const at = isoOrNull(reply.created_at);
  const types = category === questionsCategory ? ['post.created', 'answer.created'] : ['post.created'];
  return types.map((type) => ({ type, id: String(reply.id), parentId: String(data.topic_id), category, at }));
}

/** `data` of Solved's `accepted_solution` on `/topic/{id}`: one answer, or several in newer versions. */
export interface DAcceptedSolution {
  type: string;
  accepted_answer?: { post_number: number } | null;
  accepted_answers?: { post_number: number }[] | null;
}

/** The post numbers an `accepted_solution` message names (none for any other `/topic/{id}` message). */
export function acceptedPostNumbers(data: unknown): number[] {
  const d = data as DAcceptedSolution | null;
  if (!d || d.type !== 'accepted_solution') return [];
  const list = d.accepted_answers ?? (d.accepted_answer ? [d.accepted_answer] : []);
  return list.map((a) => a.post_number).filter((n) => Number.isSafeInteger(n));
}

/**
 * `answer.accepted` for the accepted post, found by number in the topic view around it
 * (`/t/{id}/{post_number}.json`), since Solved's message names the post by number only.
 */
export function acceptedEvents(topicId: number, postNumber: number, around: DTopicDetail, ctx: MapContext): unknown[] {
  const post = around.post_stream.posts.find((p) => p.post_number === postNumber);
  if (!post) return [];
  return [{ type: 'answer.accepted', id: String(post.id), parentId: String(topicId), category: categoryOf(ctx, around.category_id), at: new Date().toISOString() }];
}
