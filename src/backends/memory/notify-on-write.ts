import type { Answer, NotificationTarget, Post, Question, SignedInMe, Thread } from '../../contract/index.js';
import { mentionedPeople } from './mentions.js';
import { autoFollow, notify, watchersOf, type NotificationBook } from './notifications.js';
import type { MemoryState } from './state.js';
import { excerpt } from './text.js';

/**
 * What a write does to follows and notifications, as the server's outbox does it: the writer follows
 * what they wrote in; followers, the asker, the answerer and mentioned people hear of it; the actor never.
 * MemoryBackend calls these after the write itself, and not on an idempotent replay.
 */
export function threadCreated(book: NotificationBook, state: MemoryState, me: SignedInMe, t: Thread): void {
  autoFollow(book, state, me.id, 'thread', t.id);
  const target = { kind: 'thread' as const, id: t.id, title: t.title, postId: null };
  mentions(book, state, me, target, t.body);
  const watchers = [...watchersOf(book, 'category', t.category), ...t.tags.flatMap((tag) => watchersOf(book, 'tag', tag))];
  notify(book, state, { type: 'new_topic', actorId: me.id, target, excerpt: excerpt(t.body) }, watchers);
}

export function replied(book: NotificationBook, state: MemoryState, me: SignedInMe, post: Post): void {
  const thread = state.data.threads.find((t) => t.id === post.threadId);
  if (!thread) return;
  autoFollow(book, state, me.id, 'thread', thread.id);
  const target = { kind: 'thread' as const, id: thread.id, title: thread.title, postId: post.id };
  mentions(book, state, me, target, post.body);
  notify(book, state, { type: 'reply', actorId: me.id, target, excerpt: excerpt(post.body) }, watchersOf(book, 'thread', thread.id));
}

export function questionAsked(book: NotificationBook, state: MemoryState, me: SignedInMe, q: Question): void {
  autoFollow(book, state, me.id, 'question', q.id);
  const target = { kind: 'question' as const, id: q.id, title: q.title, postId: null };
  mentions(book, state, me, target, q.body);
  const watchers = [...watchersOf(book, 'category', q.category), ...q.tags.flatMap((tag) => watchersOf(book, 'tag', tag))];
  notify(book, state, { type: 'new_topic', actorId: me.id, target, excerpt: excerpt(q.body) }, watchers);
}

export function answered(book: NotificationBook, state: MemoryState, me: SignedInMe, a: Answer): void {
  const q = state.data.questions.find((x) => x.id === a.questionId);
  if (!q) return;
  autoFollow(book, state, me.id, 'question', q.id);
  const target = { kind: 'question' as const, id: q.id, title: q.title, postId: a.id };
  mentions(book, state, me, target, a.body);
  // The asker hears of every answer (unless they muted the question); other followers too.
  const asker = watchersOf(book, 'question', q.id).includes(q.authorId) ? [] : [q.authorId];
  notify(book, state, { type: 'answer', actorId: me.id, target, excerpt: excerpt(a.body) }, [...asker, ...watchersOf(book, 'question', q.id)]);
}

export function accepted(book: NotificationBook, state: MemoryState, me: SignedInMe, q: Question): void {
  const a = state.data.answers.find((x) => x.id === q.acceptedAnswerId);
  if (!a) return;
  const target = { kind: 'question' as const, id: q.id, title: q.title, postId: a.id };
  notify(book, state, { type: 'accepted', actorId: me.id, target, excerpt: excerpt(a.body) }, [a.authorId]);
}

function mentions(book: NotificationBook, state: MemoryState, me: SignedInMe, target: NotificationTarget, body: string): void {
  notify(book, state, { type: 'mention', actorId: me.id, target, excerpt: excerpt(body) }, mentionedPeople(state, body));
}
