import * as v from 'valibot';
import { Author, ContentStatusField, Cursor, FlagField, Id, Limit, MarkdownBody, Tags, Timestamp, Title, page } from './common.js';

export const THREAD_SORTS = ['latest', 'top', 'unanswered'] as const;
export const ThreadSort = v.picklist(THREAD_SORTS);
export type ThreadSort = v.InferOutput<typeof ThreadSort>;

export const ThreadSummary = v.object({
  id: Id,
  title: v.string(),
  /** Plain text, about 200 characters, cut from the body. */
  excerpt: v.string(),
  category: v.string(),
  tags: v.array(v.string()),
  author: Author,
  replyCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  score: v.pipe(v.number(), v.integer()),
  solved: v.boolean(),
  createdAt: Timestamp,
  lastActivityAt: Timestamp,
  /** `published` for everyone; `held` or `hidden` only ever reaches its author and moderators. */
  status: ContentStatusField,
  /** A locked thread refuses replies. */
  locked: FlagField,
  /** A pinned thread stays at the top of its feed. */
  pinned: FlagField,
});
export type ThreadSummary = v.InferOutput<typeof ThreadSummary>;

export const Thread = v.object({ ...ThreadSummary.entries, body: v.string() });
export type Thread = v.InferOutput<typeof Thread>;

export const Post = v.object({
  id: Id,
  threadId: Id,
  author: Author,
  body: v.string(),
  createdAt: Timestamp,
  editedAt: v.nullable(Timestamp),
  status: ContentStatusField,
});
export type Post = v.InferOutput<typeof Post>;

export const PostPage = page(Post);
export const ThreadPage = page(ThreadSummary);

/** A thread with the first page of its replies. */
export const ThreadWithPosts = v.object({ thread: Thread, posts: PostPage });
export type ThreadWithPosts = v.InferOutput<typeof ThreadWithPosts>;

export const ThreadListQuery = v.object({
  category: v.optional(v.pipe(v.string(), v.maxLength(80))),
  tag: v.optional(v.pipe(v.string(), v.maxLength(40))),
  sort: v.optional(ThreadSort),
  cursor: Cursor,
  limit: Limit,
});
export type ThreadListQuery = v.InferInput<typeof ThreadListQuery>;

export const NewThread = v.object({
  title: Title,
  body: MarkdownBody,
  category: v.pipe(v.string(), v.trim(), v.minLength(1, 'choose a category'), v.maxLength(80)),
  tags: v.optional(Tags, []),
});
export type NewThread = v.InferInput<typeof NewThread>;

export const NewPost = v.object({ body: MarkdownBody });
export type NewPost = v.InferInput<typeof NewPost>;

export const ThreadPatch = v.object({ title: v.optional(Title), body: v.optional(MarkdownBody), tags: v.optional(Tags) });
export type ThreadPatch = v.InferInput<typeof ThreadPatch>;
