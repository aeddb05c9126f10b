import type { Answer, Author, Post, QuestionSummary, ThreadSummary } from '../../contract/index.js';
import { categorySlug, type MapContext } from './context.js';
import { markdownFromCooked, markdownFromRaw } from './body.js';
import { excerptOf, firstDate, isoAt, plainText } from './text.js';
import type { DActionSummary, DPost, DTopic, DTopicDetail, DTopicList, DUser } from './types.js';

/**
 * Pure functions from Discourse shapes to Confab shapes. They do not validate: the adapter checks
 * their output against the contract schemas. Dates name their field when missing (text.ts).
 */

/** Discourse's page size for posts in `/t/{id}.json?page=N`. */
export const POSTS_PER_PAGE = 20;
/** PostActionType id of a like. */
export const LIKE = 2;
/** Post.types: only regular posts are replies; 2 moderator action, 3 small action, 4 whisper. */
const REGULAR = 1;

const tagNames = (t: DTopic) => (t.tags ?? []).map((x) => (typeof x === 'string' ? x : x.name));
const LAST_ACTIVITY = ['bumped_at', 'last_posted_at', 'created_at'] as const;

export function toAuthor(user: DUser | undefined, ctx: MapContext): Author {
  if (!user) return { id: 'unknown', name: 'Unknown', orgName: null, avatarUrl: null };
  const avatar = user.avatar_template?.replace('{size}', '96');
  return {
    id: String(user.id),
    name: user.name || user.username,
    // Discourse has no partner org per post; me() maps the signed-in user's groups (see map-user.ts).
    orgName: null,
    avatarUrl: avatar ? new URL(avatar, ctx.origin).href : null,
  };
}

const postAuthor = (p: DPost, ctx: MapContext) =>
  toAuthor({ id: p.user_id, username: p.username, name: p.name, avatar_template: p.avatar_template }, ctx);

/** The original poster of a listed topic, from the list's side-loaded `users`. */
function originalPoster(t: DTopic, users: ReadonlyMap<number, DUser>): DUser | undefined {
  const op = t.posters?.find((p) => p.description?.includes('Original Poster')) ?? t.posters?.[0];
  return op ? users.get(op.user_id) : undefined;
}

/** Likes of a post: Discourse sends them as `actions_summary` entry 2, `like_count` only on some serializers. */
export function likesOf(p: Pick<DPost, 'like_count' | 'actions_summary'>): { count: number; mine: boolean } {
  const like = p.actions_summary?.find((a: DActionSummary) => a.id === LIKE);
  return { count: like?.count ?? p.like_count ?? 0, mine: like?.acted ?? false };
}

/** Markdown of a post: its `raw` with Discourse's extensions handled, else its cooked HTML converted. */
export function bodyOf(p: DPost, ctx: MapContext): string {
  return typeof p.raw === 'string' ? markdownFromRaw(p.raw, ctx.origin) : markdownFromCooked(p.cooked, ctx.origin);
}

/** What a reader sees as a reply: a regular post, not deleted and not hidden by flags. */
export const isReply = (p: DPost) =>
  p.post_number !== 1 && (p.post_type ?? REGULAR) === REGULAR && !p.deleted_at && !p.user_deleted && !p.hidden;

function summaryFields(t: DTopic, excerpt: string, author: Author, ctx: MapContext, path: string) {
  return {
    id: String(t.id),
    title: plainText(t.title),
    excerpt: excerptOf(excerpt),
    category: categorySlug(ctx, t.category_id),
    tags: tagNames(t),
    author,
    score: t.like_count ?? 0,
    createdAt: isoAt(t.created_at, `${path}.created_at`),
    lastActivityAt: firstDate(t as unknown as Record<string, unknown>, LAST_ACTIVITY, path),
    // Discourse never lists what it hides (flagged or unlisted), so what it sends is published.
    status: 'published' as const,
    locked: t.closed ?? false,
    pinned: t.pinned ?? false,
  };
}

/** Replies of a listed topic when nothing more is known: `posts_count` counts the opening post (see reply-counts.ts). */
export const listedReplies = (t: Pick<DTopic, 'posts_count'>) => Math.max(0, t.posts_count - 1);

export function toThreadSummaries(list: DTopicList, ctx: MapContext, replies: (t: DTopic) => number = listedReplies): ThreadSummary[] {
  const users = new Map((list.users ?? []).map((u) => [u.id, u]));
  return list.topic_list.topics.map((t, i) => ({
    ...summaryFields(t, plainText(t.excerpt), toAuthor(originalPoster(t, users), ctx), ctx, `topic_list.topics[${i}]`),
    replyCount: replies(t),
    solved: t.has_accepted_answer ?? false,
  }));
}

export function toQuestionSummaries(list: DTopicList, ctx: MapContext, replies: (t: DTopic) => number = listedReplies): QuestionSummary[] {
  return toThreadSummaries(list, ctx, replies).map(({ replyCount, solved, ...rest }) => ({ ...rest, answerCount: replyCount, accepted: solved }));
}

/** `more_topics_url` such as `/latest?page=2` → the cursor `"2"`. */
export function nextPageCursor(moreUrl: string | null | undefined): string | null {
  if (!moreUrl) return null;
  return new URL(moreUrl, 'http://x').searchParams.get('page');
}

/** The opening post of a topic: Confab's thread or question body. */
export const openingPost = (d: DTopicDetail) => d.post_stream.posts.find((p) => p.post_number === 1);

/** Is there a page after `page` (1-based) of this topic's posts? */
export function nextPostsCursor(d: DTopicDetail, page: number): string | null {
  const total = d.post_stream.stream?.length ?? d.posts_count;
  return total > page * POSTS_PER_PAGE ? String(page + 1) : null;
}

/** A topic's own fields (from its opening post) and its real replies, with their index in `posts` for error paths. */
export function toTopicParts(d: DTopicDetail, ctx: MapContext) {
  const first = openingPost(d);
  const body = first ? bodyOf(first, ctx) : '';
  const author = first ? postAuthor(first, ctx) : toAuthor(d.details?.created_by, ctx);
  const score = first ? likesOf(first).count : d.like_count ?? 0;
  const fields = { ...summaryFields(d, plainText(first?.cooked) || body, author, ctx, '(topic)'), score, body };
  const replies = d.post_stream.posts.map((p, index) => ({ p, index })).filter(({ p }) => isReply(p));
  // Solved sends the accepted post's number on the topic; older versions flag the post itself.
  const acceptedNumber = d.accepted_answer?.post_number;
  const isAccepted = (p: DPost) => (acceptedNumber !== undefined ? p.post_number === acceptedNumber : p.accepted_answer === true);
  return { fields, replies, isAccepted, solved: !!d.accepted_answer || d.has_accepted_answer === true || replies.some(({ p }) => isAccepted(p)) };
}

export function toPost(p: DPost, index: number, threadId: string, ctx: MapContext): Post {
  const path = `post_stream.posts[${index}]`;
  return {
    id: String(p.id),
    threadId,
    author: postAuthor(p, ctx),
    body: bodyOf(p, ctx),
    createdAt: isoAt(p.created_at, `${path}.created_at`),
    editedAt: (p.version ?? 1) > 1 && p.updated_at ? isoAt(p.updated_at, `${path}.updated_at`) : null,
    status: 'published',
  };
}

export function toAnswer(p: DPost, index: number, questionId: string, accepted: boolean, ctx: MapContext): Answer {
  const likes = likesOf(p);
  return {
    id: String(p.id),
    questionId,
    author: postAuthor(p, ctx),
    body: bodyOf(p, ctx),
    score: likes.count,
    // A like is an up-vote; Discourse has no down-vote.
    myVote: likes.mine ? 1 : 0,
    accepted,
    createdAt: isoAt(p.created_at, `post_stream.posts[${index}].created_at`),
    status: 'published',
  };
}

/** Accepted first, then by likes, as the contract orders answers. */
export const byAcceptedThenScore = (a: Answer, b: Answer) => Number(b.accepted) - Number(a.accepted) || b.score - a.score;
