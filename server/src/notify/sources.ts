// What an outbox event is about, read back from the tables when the worker gets to it: who acted,
// where it leads, its text (for mentions and excerpts), and the category and tags it was posted in.
import type { Queryable } from '../db.js';
import type { ContentKind, ExpertOutboxEvent, ModerationOutboxEvent, OutboxEvent } from './outbox.js';

export interface Source {
  /** The key of the notification or delivery: one per (recipient, key), whatever retries or edits come. */
  key: string;
  content: { kind: ContentKind; id: string };
  /** Who caused the event: the author, or for an acceptance the person who accepted. */
  actorId: string;
  /** Who wrote the content. */
  authorId: string;
  target: { kind: 'thread' | 'question'; id: string; title: string; postId: string | null };
  body: string;
  category: string;
  tags: string[];
}

interface Row {
  id: string;
  author_id: string;
  body: string;
  topic_id: string;
  title: string;
  category: string;
  tags: string[];
}

const TOPIC = {
  thread: `SELECT t.id, t.author_id, t.body, t.id AS topic_id, t.title, t.category, t.tags FROM threads t WHERE t.id = $1`,
  question: `SELECT t.id, t.author_id, t.body, t.id AS topic_id, t.title, t.category, t.tags FROM questions t WHERE t.id = $1`,
  post: `SELECT x.id, x.author_id, x.body, t.id AS topic_id, t.title, t.category, t.tags FROM posts x JOIN threads t ON t.id = x.thread_id WHERE x.id = $1`,
  answer: `SELECT x.id, x.author_id, x.body, t.id AS topic_id, t.title, t.category, t.tags FROM answers x JOIN questions t ON t.id = x.question_id WHERE x.id = $1`,
} satisfies Record<ContentKind, string>;

const KIND_OF: Record<Exclude<OutboxEvent['event'], 'content.edited' | ModerationOutboxEvent['event'] | ExpertOutboxEvent['event']>, ContentKind> = {
  'thread.created': 'thread',
  'post.created': 'post',
  'question.asked': 'question',
  'answer.created': 'answer',
  'answer.accepted': 'answer',
};

/** The item, with the thread or question it sits in, as a Source keyed `key` and caused by `actorId` (its author unless given). */
export async function contentSource(q: Queryable, kind: ContentKind, id: string, key: (r: { id: string }) => string, actorId?: string): Promise<Source | null> {
  const { rows } = await q.query<Row>(TOPIC[kind], [id]);
  const r = rows[0];
  if (!r) return null;
  const inTopic = kind === 'post' || kind === 'answer';
  return {
    key: key(r),
    content: { kind, id: r.id },
    actorId: actorId ?? r.author_id,
    authorId: r.author_id,
    target: { kind: kind === 'thread' || kind === 'post' ? 'thread' : 'question', id: r.topic_id, title: r.title, postId: inTopic ? r.id : null },
    body: r.body,
    category: r.category,
    tags: r.tags ?? [],
  };
}

/** The event's source, or null when the content is gone (deleted before the worker came). */
export async function loadSource(q: Queryable, e: Exclude<OutboxEvent, ModerationOutboxEvent | ExpertOutboxEvent>): Promise<Source | null> {
  const kind = e.event === 'content.edited' ? e.kind : KIND_OF[e.event];
  const accepted = e.event === 'answer.accepted';
  return contentSource(q, kind, e.id, (r) => `${accepted ? 'accepted' : kind}:${r.id}`, accepted ? e.actorId : undefined);
}
