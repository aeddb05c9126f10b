// The four kinds of moderated content, in one table: where each lives, what it belongs to and which
// count of its parent it adds to. Status changes go through here so that the counts stay true.
import type { ContentKind, ContentRef, ContentStatus } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import { notFound } from '../problem.js';
import type { Readable } from './visibility.js';

interface KindInfo {
  table: 'threads' | 'posts' | 'questions' | 'answers';
  /** For replies and answers: the column naming the parent, the parent's kind and the count kept there. */
  parent: { column: 'thread_id' | 'question_id'; kind: 'thread' | 'question'; table: 'threads' | 'questions'; count: 'reply_count' | 'answer_count' } | null;
  noun: string;
}

export const KINDS: Record<ContentKind, KindInfo> = {
  thread: { table: 'threads', parent: null, noun: 'The thread' },
  post: { table: 'posts', parent: { column: 'thread_id', kind: 'thread', table: 'threads', count: 'reply_count' }, noun: 'The post' },
  question: { table: 'questions', parent: null, noun: 'The question' },
  answer: { table: 'answers', parent: { column: 'question_id', kind: 'question', table: 'questions', count: 'answer_count' }, noun: 'The answer' },
};

/** One item as moderation sees it. `title` is its own (threads, questions) or its parent's. */
export interface ContentItem {
  ref: ContentRef;
  authorId: string;
  status: ContentStatus;
  heldReason: string | null;
  body: string;
  title: string;
  /** The thread or question a reply or answer belongs to. */
  parent: ContentRef | null;
  /** That thread's or question's author and status: who may read the item depends on them too (mayReadItem). */
  parentState: Readable | null;
  category: string;
  locked: boolean;
  pinned: boolean;
  createdAt: Date;
}

interface ItemRow {
  id: string;
  author_id: string;
  status: ContentStatus;
  held_reason: string | null;
  body: string;
  title: string;
  parent_id: string | null;
  parent_author_id: string | null;
  parent_status: ContentStatus | null;
  category: string;
  locked: boolean;
  pinned: boolean;
  created_at: Date;
}

/** The SELECT of one kind's items in the ItemRow shape (alias `c`; the topic's columns come from `t`). */
export function itemSelect(kind: ContentKind): string {
  const k = KINDS[kind];
  if (!k.parent) {
    const lockPin = kind === 'thread' ? 'c.locked, c.pinned' : 'false AS locked, false AS pinned';
    return `SELECT c.id, c.author_id, c.status, c.held_reason, c.body, c.title, NULL::text AS parent_id, NULL::text AS parent_author_id,
      NULL::text AS parent_status, c.category, ${lockPin}, c.created_at FROM ${k.table} c`;
  }
  return `SELECT c.id, c.author_id, c.status, c.held_reason, c.body, t.title, c.${k.parent.column} AS parent_id, t.author_id AS parent_author_id,
    t.status AS parent_status, t.category,
    false AS locked, false AS pinned, c.created_at FROM ${k.table} c JOIN ${k.parent.table} t ON t.id = c.${k.parent.column}`;
}

export function toItem(kind: ContentKind, r: ItemRow): ContentItem {
  const parent = KINDS[kind].parent;
  return {
    ref: { kind, id: r.id }, authorId: r.author_id, status: r.status, heldReason: r.held_reason, body: r.body, title: r.title,
    parent: parent && r.parent_id ? { kind: parent.kind, id: r.parent_id } : null,
    parentState: r.parent_author_id && r.parent_status ? { authorId: r.parent_author_id, status: r.parent_status } : null, category: r.category,
    locked: !!r.locked, pinned: !!r.pinned, createdAt: r.created_at,
  };
}

export async function findItem(q: Queryable, ref: ContentRef): Promise<ContentItem | null> {
  const { rows } = await q.query<ItemRow>(`${itemSelect(ref.kind)} WHERE c.id = $1`, [ref.id]);
  return rows[0] ? toItem(ref.kind, rows[0]) : null;
}

export async function loadItem(q: Queryable, ref: ContentRef): Promise<ContentItem> {
  const item = await findItem(q, ref);
  if (!item) throw notFound(KINDS[ref.kind].noun);
  return item;
}

/** Recounts the published replies or answers of a thread or question: the only count a status change moves. */
export async function recountParent(q: Queryable, kind: ContentKind, parentId: string | null): Promise<void> {
  const parent = KINDS[kind].parent;
  if (!parent || !parentId) return;
  await q.query(
    `UPDATE ${parent.table} SET ${parent.count} = (SELECT count(*)::int FROM ${KINDS[kind].table} WHERE ${parent.column} = $1 AND status = 'published') WHERE id = $1`,
    [parentId],
  );
}

/** Sets an item's status (and why it is held), and keeps its parent's count true. */
export async function setStatus(q: Queryable, item: ContentItem, status: ContentStatus, heldReason: string | null): Promise<void> {
  await q.query(`UPDATE ${KINDS[item.ref.kind].table} SET status = $2, held_reason = $3 WHERE id = $1`, [item.ref.id, status, heldReason]);
  await recountParent(q, item.ref.kind, item.parent?.id ?? null);
}
