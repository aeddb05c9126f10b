import type { Notification } from '../../../contract/notifications.js';

/** The notifications about one thread or question, newest first. */
export interface TopicGroup {
  key: string;
  title: string;
  items: Notification[];
  unread: number;
}

/** Groups by topic; topics ordered by their newest notification (the page comes newest first). */
export function groupByTopic(items: readonly Notification[]): TopicGroup[] {
  const groups = new Map<string, TopicGroup>();
  for (const n of items) {
    const key = `${n.target.kind}:${n.target.id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, title: n.target.title, items: [], unread: 0 }));
    g.items.push(n);
    if (!n.read) g.unread++;
  }
  return [...groups.values()];
}
