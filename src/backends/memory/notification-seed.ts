import { HOUR } from '../../demo-data/index.js';
import { follow, type NotificationBook, type NotificationRecord } from './notifications.js';
import type { MemoryState } from './state.js';
import { excerpt } from './text.js';

/**
 * A few notifications for the demo's sign-in people (and Aiko, the stories' usual partner), so the bell
 * has something to show before anyone writes: each one about a real thread or question of the fixtures,
 * by a real person. Skipped for targets a custom dataset lacks.
 */
export function seedNotifications(book: NotificationBook, state: MemoryState): void {
  const { data } = state;
  const threads = [...data.threads].sort((a, b) => b.lastActivityAt - a.lastActivityAt);
  const questions = [...data.questions].sort((a, b) => b.lastActivityAt - a.lastActivityAt);
  const people = new Set(data.people.map((p) => p.id));
  const plan: Array<[recipient: string, type: NotificationRecord['type'], hoursAgo: number, read: boolean, pick: number, on: 'thread' | 'question']> = [
    ['u-aiko', 'reply', 1, false, 0, 'thread'],
    ['u-aiko', 'reply', 3, false, 0, 'thread'],
    ['u-aiko', 'answer', 5, false, 1, 'question'],
    ['u-aiko', 'mention', 26, true, 2, 'thread'],
    ['u-aiko', 'accepted', 50, true, 3, 'question'],
    ['p-ava', 'answer', 2, false, 0, 'question'],
    ['p-ava', 'reply', 8, true, 1, 'thread'],
    ['p-ben', 'mention', 4, false, 2, 'thread'],
    ['p-devi', 'new_topic', 6, false, 3, 'thread'],
  ];
  for (const [recipient, type, hoursAgo, read, pick, on] of plan) {
    if (!people.has(recipient)) continue;
    const item = on === 'thread' ? threads[pick] : questions[pick];
    if (!item) continue;
    // The actor: whoever wrote the latest contribution there that is not the recipient's own, else its author.
    const contributions = on === 'thread' ? data.posts.filter((p) => p.threadId === item.id) : data.answers.filter((a) => a.questionId === item.id);
    const last = [...contributions].reverse().find((c) => c.authorId !== recipient);
    const actorId = last?.authorId ?? (item.authorId !== recipient ? item.authorId : 'u-hannah');
    follow(book, state, recipient, on, item.id, 'watching');
    book.items.push({
      id: `nt-${String(++book.seq).padStart(3, '0')}`, recipientId: recipient, type, actorId,
      target: { kind: on, id: item.id, title: item.title, postId: last?.id ?? null },
      excerpt: excerpt(last?.body ?? item.body), createdAt: data.now - hoursAgo * HOUR, read,
    });
  }
}
