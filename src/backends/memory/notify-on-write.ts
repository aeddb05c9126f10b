import type { ContentKind, ContentRef, NotificationTarget, Question, SignedInMe } from '../../contract/index.js';
import { mentionedPeople } from './mentions.js';
import { isPublished } from './moderation.js';
import { autoFollow, notify, watchersOf, type NotificationBook } from './notifications.js';
import type { MemoryState } from './state.js';
import { excerpt } from './text.js';

/**
 * What a write does to follows and notifications, as the server's outbox does it: the writer follows
 * what they wrote in; followers, the asker, the answerer and mentioned people hear of it; the actor never.
 * MemoryBackend calls these after the write itself, and not on an idempotent replay.
 *
 * Only published content notifies (the server's `publishedOnly` gate): content held by a watched word,
 * or written inside a held or hidden thread or question, tells nobody, since its title and text are not
 * public. A held item approved later is announced then (`announce`), with its author as the actor.
 */
export function written(book: NotificationBook, state: MemoryState, me: SignedInMe, ref: ContentRef): void {
  // The writer follows at once, held or not, as the server's handlers do: their own topic is theirs to watch.
  const topic = topicOf(state, ref);
  if (topic) autoFollow(book, state, me.id, topic.kind, topic.id);
  announce(book, state, ref);
}

/** The notifications of a new item, sent when it is published: on creation, or when a moderator approves it. */
export function announce(book: NotificationBook, state: MemoryState, ref: ContentRef): void {
  const topic = topicOf(state, ref);
  if (!topic || !isPublished(state, ref.kind, ref.id) || !isPublished(state, topic.kind, topic.id)) return;
  const { data } = state;
  if (ref.kind === 'thread' || ref.kind === 'question') {
    const t = ref.kind === 'thread' ? data.threads.find((x) => x.id === ref.id)! : data.questions.find((x) => x.id === ref.id)!;
    const target = { kind: ref.kind, id: t.id, title: t.title, postId: null };
    mentions(book, state, t.authorId, target, t.body);
    const watchers = [...watchersOf(book, 'category', t.category), ...t.tags.flatMap((tag) => watchersOf(book, 'tag', tag))];
    notify(book, state, { type: 'new_topic', actorId: t.authorId, target, excerpt: excerpt(t.body) }, watchers);
  } else if (ref.kind === 'post') {
    const post = data.posts.find((x) => x.id === ref.id)!;
    const target = { kind: 'thread' as const, id: topic.id, title: topic.title, postId: post.id };
    mentions(book, state, post.authorId, target, post.body);
    notify(book, state, { type: 'reply', actorId: post.authorId, target, excerpt: excerpt(post.body) }, watchersOf(book, 'thread', topic.id));
  } else {
    const a = data.answers.find((x) => x.id === ref.id)!;
    const askerId = data.questions.find((x) => x.id === topic.id)!.authorId;
    const target = { kind: 'question' as const, id: topic.id, title: topic.title, postId: a.id };
    mentions(book, state, a.authorId, target, a.body);
    // The asker hears of every answer (unless they muted the question); other followers too.
    const asker = watchersOf(book, 'question', topic.id).includes(askerId) ? [] : [askerId];
    notify(book, state, { type: 'answer', actorId: a.authorId, target, excerpt: excerpt(a.body) }, [...asker, ...watchersOf(book, 'question', topic.id)]);
  }
}

export function accepted(book: NotificationBook, state: MemoryState, me: SignedInMe, q: Question): void {
  const a = state.data.answers.find((x) => x.id === q.acceptedAnswerId);
  if (!a || !isPublished(state, 'question', q.id) || !isPublished(state, 'answer', a.id)) return;
  const target = { kind: 'question' as const, id: q.id, title: q.title, postId: a.id };
  notify(book, state, { type: 'accepted', actorId: me.id, target, excerpt: excerpt(a.body) }, [a.authorId]);
}

/** The thread or question an item is, or sits in; null when it is gone. */
function topicOf(state: MemoryState, ref: ContentRef): { kind: Extract<ContentKind, 'thread' | 'question'>; id: string; title: string } | null {
  const { data } = state;
  const parentId = ref.kind === 'post' ? data.posts.find((p) => p.id === ref.id)?.threadId
    : ref.kind === 'answer' ? data.answers.find((a) => a.id === ref.id)?.questionId : ref.id;
  const kind = ref.kind === 'thread' || ref.kind === 'post' ? 'thread' : 'question';
  const t = kind === 'thread' ? data.threads.find((x) => x.id === parentId) : data.questions.find((x) => x.id === parentId);
  return t ? { kind, id: t.id, title: t.title } : null;
}

function mentions(book: NotificationBook, state: MemoryState, actorId: string, target: NotificationTarget, body: string): void {
  notify(book, state, { type: 'mention', actorId, target, excerpt: excerpt(body) }, mentionedPeople(state, body));
}
