import * as v from 'valibot';
import type { Endpoint } from './endpoint.js';
import { NewPost, NewThread, PostPage, Thread, ThreadListQuery, ThreadPage, ThreadPatch, ThreadWithPosts, Post } from '../threads.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Threads and their posts. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const threadEndpoints = {
  listThreads: ep({ method: 'GET', path: '/v1/threads', summary: 'List threads of a category or tag', query: ThreadListQuery, response: ThreadPage, auth: 'read' }),
  getThread: ep({ method: 'GET', path: '/v1/threads/{id}', summary: 'A thread with its first page of posts', response: ThreadWithPosts, auth: 'read' }),
  listPosts: ep({ method: 'GET', path: '/v1/threads/{id}/posts', summary: 'Further pages of posts', query: v.object({ cursor: v.optional(v.string()), limit: v.optional(v.string()) }), response: PostPage, auth: 'read' }),
  createThread: ep({ method: 'POST', path: '/v1/threads', summary: 'Start a thread', body: NewThread, response: Thread, auth: 'write', idempotent: true }),
  replyToThread: ep({ method: 'POST', path: '/v1/threads/{id}/posts', summary: 'Reply to a thread', body: NewPost, response: Post, auth: 'write', idempotent: true }),
  updateThread: ep({ method: 'PATCH', path: '/v1/threads/{id}', summary: 'Edit your own thread', body: ThreadPatch, response: Thread, auth: 'write' }),
  deleteThread: ep({ method: 'DELETE', path: '/v1/threads/{id}', summary: 'Delete your own thread', auth: 'write' }),
  updatePost: ep({ method: 'PATCH', path: '/v1/posts/{id}', summary: 'Edit your own post', body: NewPost, response: Post, auth: 'write' }),
  deletePost: ep({ method: 'DELETE', path: '/v1/posts/{id}', summary: 'Delete your own post', auth: 'write' }),
} satisfies Record<string, Endpoint>;
