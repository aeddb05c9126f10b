import type { ContentStatus, Post, Thread, ThreadSummary } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { notFound } from '../problem.js';
import type { PostRow, SeekRow, ThreadRow, ThreadSummaryRow } from '../rows.js';
import { cursorKind, decodeKeyCursor, encodeKeyCursor, keysetPage, seekTime } from '../cursor.js';
import { iso, isoOrNull, newId } from '../text.js';
import { announceContent } from '../moderation/announce.js';
import { recountParent } from '../moderation/content.js';
import { keepRevision } from '../moderation/revisions.js';
import { screenEdit, screenNewPost } from '../moderation/screen.js';
import { mayModerate, mayRead, mayReadItem, shownInTopic } from '../moderation/visibility.js';
import { HttpError } from '../problem.js';
import { AUTHOR_COLS, author, mayEdit, needUser, pageLimit, upsertPerson } from './common.js';
import { autoFollow, enqueue } from '../notify/outbox.js';
import { TOPIC_SEEK_COLUMN, TOPIC_SUMMARY_COLS, topicListSql, topicSummary } from './topic.js';

const THREAD_FROM = `FROM threads t JOIN people p ON p.id = t.author_id`;
const THREAD_SELECT = `SELECT t.*, ${AUTHOR_COLS} ${THREAD_FROM}`;
/** A thread list row: the summary's columns only. */
const THREAD_SUMMARY_COLS = `${TOPIC_SUMMARY_COLS}, t.reply_count, t.solved, t.locked, t.pinned`;
const POST_FROM = `FROM posts x JOIN people p ON p.id = x.author_id`;
const POST_SELECT = `SELECT x.*, ${AUTHOR_COLS} ${POST_FROM}`;

/** Posts run oldest first: (created_at, id) ascending, which the posts_thread index holds per thread. */
const POSTS = cursorKind('posts', ['time', 'id']);

export const threadSummary = (r: ThreadSummaryRow): ThreadSummary =>
  topicSummary(r, { replyCount: Number(r.reply_count), score: Number(r.score), solved: !!r.solved }, { status: r.status, locked: !!r.locked, pinned: !!r.pinned });
export const thread = (r: ThreadRow): Thread => ({ ...threadSummary(r), body: r.body });
export const post = (r: PostRow): Post => ({
  id: r.id, threadId: r.thread_id, author: author(r), body: r.body, createdAt: iso(r.created_at), editedAt: isoOrNull(r.edited_at), status: r.status,
});

/** A thread the caller may see: held and hidden ones exist only for their author and moderators. */
async function loadThread(ctx: Ctx, id: string) {
  const { rows } = await ctx.q.query<ThreadRow>(`${THREAD_SELECT} WHERE t.id = $1`, [id]);
  if (!rows[0] || !mayRead(ctx.user, rows[0].author_id, rows[0].status)) throw notFound('The thread');
  return rows[0];
}

async function postsPage(ctx: Ctx, threadId: string, cursor?: string, limitIn?: unknown) {
  const key = decodeKeyCursor(POSTS, cursor);
  const limit = pageLimit(limitIn);
  const params: unknown[] = [threadId, limit + 1];
  const seek = key ? `AND (x.created_at, x.id) > ($${params.push(key[0])}::timestamptz, $${params.push(key[1])}::text)` : '';
  const shown = shownInTopic('x', ctx.user, params);
  const { rows } = await ctx.q.query<PostRow & SeekRow>(
    `SELECT x.*, ${AUTHOR_COLS}, ${seekTime('x.created_at')} AS seek_at ${POST_FROM}
     WHERE x.thread_id = $1 AND ${shown} ${seek} ORDER BY x.created_at, x.id LIMIT $2`,
    params,
  );
  return keysetPage(rows, limit, post, (r) => encodeKeyCursor(POSTS, [r.seek_at, r.id]));
}

export async function listThreads(ctx: Ctx<'listThreads'>) {
  const { sql, params, limit, cursorAfter } = topicListSql(ctx.query, 'threads', 'reply_count');
  const { rows } = await ctx.q.query<ThreadSummaryRow & SeekRow>(`SELECT ${THREAD_SUMMARY_COLS}, ${TOPIC_SEEK_COLUMN} ${THREAD_FROM} ${sql}`, params);
  return keysetPage(rows, limit, threadSummary, cursorAfter);
}

export async function getThread(ctx: Ctx<'getThread'>) {
  const t = await loadThread(ctx, ctx.params.id);
  return { thread: thread(t), posts: await postsPage(ctx, t.id) };
}

export async function listPosts(ctx: Ctx<'listPosts'>) {
  await loadThread(ctx, ctx.params.id);
  return postsPage(ctx, ctx.params.id, ctx.query.cursor, ctx.query.limit);
}

export async function createThread(ctx: Ctx<'createThread'>) {
  const u = needUser(ctx);
  await upsertPerson(ctx.q, u);
  const id = newId('t');
  const b = ctx.body;
  const { status, heldReason } = await screenNewPost(ctx, { title: b.title, body: b.body });
  await ctx.q.query(
    `INSERT INTO threads (id, title, body, category, tags, author_id, status, held_reason) VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)`,
    [id, b.title, b.body, b.category, b.tags ?? [], u.id, status, heldReason],
  );
  const t = await loadThread(ctx, id);
  await announceContent(ctx, 'thread', id, null, t.category, status);
  await autoFollow(ctx.q, u.id, 'thread', id);
  return thread(t);
}

export async function replyToThread(ctx: Ctx<'replyToThread'>) {
  const u = needUser(ctx);
  const t = await loadThread(ctx, ctx.params.id);
  // Moderators may still write in a locked thread (to say why it is locked, say).
  if (t.locked && !mayModerate(u)) throw new HttpError(409, 'Conflict', 'This thread is locked: it takes no more replies.');
  await upsertPerson(ctx.q, u);
  const id = newId('p');
  const { status, heldReason } = await screenNewPost(ctx, { body: ctx.body.body });
  await ctx.q.query(`INSERT INTO posts (id, thread_id, author_id, body, status, held_reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id, t.id, u.id, ctx.body.body, status, heldReason,
  ]);
  // A held reply neither counts nor moves the thread up until it is approved.
  if (status === 'published') {
    await recountParent(ctx.q, 'post', t.id);
    await ctx.q.query(`UPDATE threads SET last_activity_at = now() WHERE id = $1`, [t.id]);
  }
  const { rows } = await ctx.q.query<PostRow>(`${POST_SELECT} WHERE x.id = $1`, [id]);
  await announceContent(ctx, 'post', id, t.id, t.category, status);
  await autoFollow(ctx.q, u.id, 'thread', t.id);
  return post(rows[0]);
}

export async function updateThread(ctx: Ctx<'updateThread'>) {
  const u = needUser(ctx);
  const t = await loadThread(ctx, ctx.params.id);
  mayEdit(u, t.author_id);
  const b = ctx.body;
  const held = await screenEdit(ctx, { title: b.title, body: b.body });
  if (b.title !== undefined || b.body !== undefined) await keepRevision(ctx.q, { kind: 'thread', id: t.id }, u.id, { title: t.title, body: t.body });
  await ctx.q.query(
    `UPDATE threads SET title = COALESCE($2, title), body = COALESCE($3, body), tags = COALESCE($4::text[], tags),
       status = COALESCE($5, status), held_reason = CASE WHEN $5::text IS NULL THEN held_reason ELSE $6 END WHERE id = $1`,
    [t.id, b.title ?? null, b.body ?? null, b.tags ?? null, held?.status ?? null, held?.heldReason ?? null],
  );
  if (held && t.status !== 'held') await announceContent(ctx, 'thread', t.id, null, t.category, 'held');
  if (b.body != null) await enqueue(ctx.q, { event: 'content.edited', kind: 'thread', id: t.id });
  return thread(await loadThread(ctx, t.id));
}

export async function deleteThread(ctx: Ctx<'deleteThread'>) {
  const u = needUser(ctx);
  const t = await loadThread(ctx, ctx.params.id);
  mayEdit(u, t.author_id);
  await ctx.q.query(`DELETE FROM threads WHERE id = $1`, [t.id]);
  return undefined;
}

/** A reply the caller may see, in a thread they may see (mayReadItem); else 404, as for an unknown id. */
async function loadPost(ctx: Ctx, id: string) {
  const { rows } = await ctx.q.query<PostRow & { thread_author_id: string; thread_status: ContentStatus }>(
    `SELECT x.*, ${AUTHOR_COLS}, t.author_id AS thread_author_id, t.status AS thread_status ${POST_FROM} JOIN threads t ON t.id = x.thread_id WHERE x.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r || !mayReadItem(ctx.user, { authorId: r.author_id, status: r.status }, { authorId: r.thread_author_id, status: r.thread_status })) throw notFound('The post');
  return r;
}

export async function updatePost(ctx: Ctx<'updatePost'>) {
  const u = needUser(ctx);
  const p = await loadPost(ctx, ctx.params.id);
  mayEdit(u, p.author_id);
  const held = await screenEdit(ctx, { body: ctx.body.body });
  await keepRevision(ctx.q, { kind: 'post', id: p.id }, u.id, { title: null, body: p.body });
  await ctx.q.query(
    `UPDATE posts SET body = $2, edited_at = now(), status = COALESCE($3, status), held_reason = CASE WHEN $3::text IS NULL THEN held_reason ELSE $4 END WHERE id = $1`,
    [p.id, ctx.body.body, held?.status ?? null, held?.heldReason ?? null],
  );
  if (held && p.status !== 'held') {
    await recountParent(ctx.q, 'post', p.thread_id);
    const { rows } = await ctx.q.query<{ category: string }>(`SELECT category FROM threads WHERE id = $1`, [p.thread_id]);
    await announceContent(ctx, 'post', p.id, p.thread_id, rows[0]?.category ?? '', 'held');
  }
  await enqueue(ctx.q, { event: 'content.edited', kind: 'post', id: p.id });
  return post(await loadPost(ctx, p.id));
}

export async function deletePost(ctx: Ctx<'deletePost'>) {
  const u = needUser(ctx);
  const p = await loadPost(ctx, ctx.params.id);
  mayEdit(u, p.author_id);
  await ctx.q.query(`DELETE FROM posts WHERE id = $1`, [p.id]);
  await recountParent(ctx.q, 'post', p.thread_id);
  return undefined;
}
