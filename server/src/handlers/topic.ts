// Threads and questions are both topics: the summary fields they share are mapped here, once.
import type { QuestionSummary, ThreadSummary } from '../../../src/contract/index.js';
import type { TopicRow } from '../rows.js';
import { excerpt, iso } from '../text.js';
import { author } from './common.js';

/** The fields both summaries fill alike. `score` is shared too, but both contracts list it among their own fields. */
type TopicFields = Pick<ThreadSummary & QuestionSummary, 'id' | 'title' | 'excerpt' | 'category' | 'tags' | 'author' | 'createdAt' | 'lastActivityAt'>;

/**
 * A topic summary: the shared fields around `own`, the fields of the one kind. `own` goes between
 * `author` and `createdAt`, where both contracts list those fields, so the JSON keeps its key order
 * (and the ETags their values).
 */
export function topicSummary<Own extends object>(r: TopicRow, own: Own): TopicFields & Own {
  return {
    id: r.id,
    title: r.title,
    excerpt: excerpt(r.body),
    category: r.category,
    tags: r.tags ?? [],
    author: author(r),
    ...own,
    createdAt: iso(r.created_at),
    lastActivityAt: iso(r.last_activity_at),
  };
}
