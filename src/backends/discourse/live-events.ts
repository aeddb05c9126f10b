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

/**
 * `/latest` (publish_latest) says only that a topic was bumped, and a bump is not always a reply: a
 * staff "bump", a small-action post (closed, reopened, pinned) or a moderator post bump it too. With
 * the topic's last posts (`/t/{id}/last.json`) it is a reply when its newest post is a real reply
 * made at the bump; the event then carries that post's id.
 */
export function bumpEvents(data: DTrackingMessage, last: DTopicDetail, ctx: MapContext, questionsCategory: string): unknown[] {
  const newest = last.post_stream.posts.reduce<DTopicDetail['post_stream']['posts'][number] | undefined>(
    (a, p) => (!a || p.post_number > a.post_number ? p : a), undefined);
  const bumpedAt = Date.parse(data.payload?.bumped_at ?? '');
  if (!newest || !isReply(newest) || Number.isNaN(bumpedAt)) return [];
  if (Math.abs(Date.parse(newest.created_at) - bumpedAt) > SAME_MOMENT_MS) return [];
  const category = categoryOf(ctx, data.payload?.category_id ?? last.category_id);
  const at = isoOrNull(newest.created_at);
  const types = category === questionsCategory ? ['post.created', 'answer.created'] : ['post.created'];
  return types.map((type) => ({ type, id: String(newest.id), parentId: String(data.topic_id), category, at }));
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
