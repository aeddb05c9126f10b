// Threads and questions are both topics: the summary fields they share are mapped here, once.
import type { QuestionSummary, ThreadSummary } from '../../../src/contract/index.js';
import type { QueryOf } from '../context.js';
import type { TopicRow } from '../rows.js';
import { decodeCursor, excerpt, iso } from '../text.js';
import { author, pageLimit } from './common.js';

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

/**
 * The part of a topic list's SQL after its SELECT (topics aliased `t`): filters, order and page window,
 * with their parameters. `countColumn` is what "unanswered" means for the kind.
 */
export function topicListSql(query: QueryOf<'listThreads' | 'listQuestions'>, countColumn: 'reply_count' | 'answer_count') {
  const { category, tag, sort = 'latest', cursor } = query;
  const offset = decodeCursor(cursor);
  const limit = pageLimit(query.limit);
  const where: string[] = [];
  const params: unknown[] = [];
  if (category) where.push(`t.category = $${params.push(category)}`);
  if (tag) where.push(`$${params.push(tag)} = ANY(t.tags)`);
  if (sort === 'unanswered') where.push(`t.${countColumn} = 0`);
  const order = sort === 'top' ? 't.score DESC, t.last_activity_at DESC, t.id DESC' : 't.last_activity_at DESC, t.id DESC';
  const sql = `${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order} LIMIT $${params.push(limit + 1)} OFFSET $${params.push(offset)}`;
  return { sql, params, offset, limit };
}
