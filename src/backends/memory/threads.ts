import type * as v from 'valibot';
import {
  NewPost, NewThread, ThreadListQuery, type Page, type Post, type SignedInMe, type Thread, type ThreadSummary, type ThreadWithPosts,
} from '../../contract/index.js';
import { notFound, parseInput } from './errors.js';
import { emit } from './live-events.js';
import type { PostRecord, ThreadRecord } from './model.js';
import { DEFAULT_PAGE, paginate } from './paging.js';
import { author, authorIdFor } from './people.js';
import { clockNow, iso, newId, type MemoryState } from './state.js';
import { excerpt } from './text.js';
import { afterWrite, assertMayWrite, assertOpen, isLocked, isPinned, isPublished, screen, statusOf, visibleTo } from './moderation.js';

export function listThreads(state: MemoryState, query: v.InferInput<typeof ThreadListQuery>): Page<ThreadSummary> {
  const { data } = state;
  const q = parseInput(ThreadListQuery, query, 400);
  let list = data.threads.filter((t) => (!q.category || t.category === q.category) && (!q.tag || t.tags.includes(q.tag)) && visibleTo(state, 'thread', t.id, t.authorId));
  const byLatest = (a: ThreadRecord, b: ThreadRecord) => b.lastActivityAt - a.lastActivityAt || a.id.localeCompare(b.id);
  if (q.sort === 'unanswered') {
    list = list.filter((t) => replyCount(state, t.id) === 0).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  } else if (q.sort === 'top') list.sort((a, b) => b.score - a.score || byLatest(a, b));
  else list.sort(byLatest);
  // A pinned thread stays at the top of its feed (stable sort: pinned ones keep their order).
  list.sort((a, b) => Number(isPinned(state, b.id)) - Number(isPinned(state, a.id)));
  const page = paginate(list, q.cursor, q.limit ?? DEFAULT_PAGE);
  return { items: page.items.map((t) => threadSummary(state, t)), nextCursor: page.nextCursor };
}

export function getThread(state: MemoryState, id: string): ThreadWithPosts {
  return { thread: threadOut(state, threadById(state, id)), posts: postPage(state, id, undefined) };
}

export function listPosts(state: MemoryState, threadId: string, cursor: string): Page<Post> {
  threadById(state, threadId);
  return postPage(state, threadId, cursor);
}

export function createThread(state: MemoryState, me: SignedInMe, input: v.InferInput<typeof NewThread>): Thread {
  const body = parseInput(NewThread, input);
  assertMayWrite(state, me);
  const status = screen(state, body.title, body.body);
  const now = clockNow(state);
  const t: ThreadRecord = {
    id: newId(state, 'th'), title: body.title, body: body.body, category: body.category, tags: body.tags,
    authorId: authorIdFor(state.data, me), score: 0, solved: false, createdAt: now, lastActivityAt: now,
  };
  state.data.threads.push(t);
  afterWrite(state, { kind: 'thread', id: t.id }, status, null);
  // Held content tells only the moderators (afterWrite), never the public stream.
  if (status === 'published') emit(state, { type: 'thread.created', id: t.id, parentId: null, category: t.category, at: iso(now) });
  return threadOut(state, t);
}

export function replyToThread(state: MemoryState, me: SignedInMe, threadId: string, input: v.InferInput<typeof NewPost>): Post {
  const body = parseInput(NewPost, input);
  const t = threadById(state, threadId);
  assertMayWrite(state, me);
  assertOpen(state, threadId);
  const status = screen(state, body.body);
  const now = clockNow(state);
  const post: PostRecord = { id: newId(state, 'po'), threadId, authorId: authorIdFor(state.data, me), body: body.body, createdAt: now, editedAt: null };
  state.data.posts.push(post);
  afterWrite(state, { kind: 'post', id: post.id }, status, threadId);
  if (status === 'held') return postOut(state, post);
  t.lastActivityAt = now;
  emit(state, { type: 'post.created', id: post.id, parentId: threadId, category: t.category, at: iso(now) });
  return postOut(state, post);
}

function threadById(state: MemoryState, id: string): ThreadRecord {
  const t = state.data.threads.find((x) => x.id === id);
  // Held and hidden threads are not there for anyone but their author and moderators.
  if (!t || !visibleTo(state, 'thread', t.id, t.authorId)) throw notFound('Thread', id);
  return t;
}

function replyCount(state: MemoryState, threadId: string): number {
  return state.data.posts.reduce((n, p) => n + (p.threadId === threadId && isPublished(state, 'post', p.id) ? 1 : 0), 0);
}

function threadSummary(state: MemoryState, t: ThreadRecord): ThreadSummary {
  return {
    id: t.id, title: t.title, excerpt: excerpt(t.body), category: t.category, tags: [...t.tags], author: author(state.data, t.authorId),
    replyCount: replyCount(state, t.id), score: t.score, solved: t.solved, createdAt: iso(t.createdAt), lastActivityAt: iso(t.lastActivityAt),
    status: statusOf(state, 'thread', t.id), locked: isLocked(state, t.id), pinned: isPinned(state, t.id),
  };
}

function threadOut(state: MemoryState, t: ThreadRecord): Thread {
  return { ...threadSummary(state, t), body: t.body };
}

function postOut(state: MemoryState, p: PostRecord): Post {
  return {
    id: p.id, threadId: p.threadId, author: author(state.data, p.authorId), body: p.body,
    createdAt: iso(p.createdAt), editedAt: p.editedAt === null ? null : iso(p.editedAt), status: statusOf(state, 'post', p.id),
  };
}

function postPage(state: MemoryState, threadId: string, cursor: string | undefined): Page<Post> {
  const posts = state.data.posts.filter((p) => p.threadId === threadId && visibleTo(state, 'post', p.id, p.authorId)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const page = paginate(posts, cursor, DEFAULT_PAGE);
  return { items: page.items.map((p) => postOut(state, p)), nextCursor: page.nextCursor };
}
