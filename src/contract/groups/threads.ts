import type { Endpoint } from './endpoint.js';
import { PageQuery } from '../common.js';
import { NewPost, NewThread, PostPage, Thread, ThreadListQuery, ThreadPage, ThreadPatch, ThreadWithPosts, Post } from '../threads.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Threads and their posts. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const threadEndpoints = {
  listThreads: ep({ method: 'GET', path: '/v1/threads', summary: 'List threads of a category or tag', description: 'One page of thread summaries, newest activity first unless `sort` says otherwise; pass `nextCursor` back as `cursor` for the next page.', query: ThreadListQuery, response: ThreadPage, auth: 'read' }),
  getThread: ep({ method: 'GET', path: '/v1/threads/{id}', summary: 'A thread with its first page of posts', description: 'The opening post in full (Markdown) with the first page of replies, oldest first.', response: ThreadWithPosts, auth: 'read' }),
  listPosts: ep({ method: 'GET', path: '/v1/threads/{id}/posts', summary: 'Further pages of posts', description: 'The replies after the first page, with the cursor that `getThread` or an earlier page returned.', query: PageQuery, response: PostPage, auth: 'read' }),
  createThread: ep({ method: 'POST', path: '/v1/threads', summary: 'Start a thread', description: 'Starts a thread as the signed-in partner and returns it; send an `Idempotency-Key` so that a retry never posts twice.', body: NewThread, response: Thread, auth: 'write', idempotent: true }),
  replyToThread: ep({ method: 'POST', path: '/v1/threads/{id}/posts', summary: 'Reply to a thread', description: 'Adds a reply to the thread as the signed-in partner and returns it (held for review when moderation says so); a locked thread answers 409.', body: NewPost, response: Post, auth: 'write', idempotent: true, problems: { 409: 'The thread is locked' } }),
  updateThread: ep({ method: 'PATCH', path: '/v1/threads/{id}', summary: 'Edit your own thread', description: 'Changes the title, body or tags of a thread its author (or a moderator) owns.', body: ThreadPatch, response: Thread, auth: 'write' }),
  deleteThread: ep({ method: 'DELETE', path: '/v1/threads/{id}', summary: 'Delete your own thread', description: 'Deletes a thread with its replies; only its author or a moderator may.', auth: 'write' }),
  updatePost: ep({ method: 'PATCH', path: '/v1/posts/{id}', summary: 'Edit your own post', description: 'Replaces the body of a reply its author (or a moderator) owns.', body: NewPost, response: Post, auth: 'write' }),
  deletePost: ep({ method: 'DELETE', path: '/v1/posts/{id}', summary: 'Delete your own post', description: 'Deletes a reply; only its author or a moderator may.', auth: 'write' }),
} satisfies Record<string, Endpoint>;
