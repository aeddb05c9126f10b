// Threads and questions are both topics: the summary fields they share are mapped here, once.
import type { QuestionSummary, ThreadSummary } from '../../../src/contract/index.js';
import type { QueryOf } from '../context.js';
import { cursorKind, decodeKeyCursor, encodeKeyCursor, seekTime, type CursorKind, type Key, type PartName } from '../cursor.js';
import type { SeekRow, TopicSummaryRow } from '../rows.js';
import { listedOnly } from '../moderation/visibility.js';
import { isoText, isoTimeSql } from '../text.js';
import { AUTHOR_COLS, author, pageLimit } from './common.js';

/** The fields both summaries fill alike. `score` is shared too, but both contracts list it among their own fields. */
type TopicFields = Pick<ThreadSummary & QuestionSummary, 'id' | 'title' | 'excerpt' | 'category' | 'tags' | 'author' | 'createdAt' | 'lastActivityAt'>;

/**
 * A topic summary: the shared fields around `own`, the fields of the one kind, then `tail`, the kind's
 * fields after them. `own` goes between `author` and `createdAt`, where both contracts list those
 * fields, so the JSON keeps its key order (and the ETags their values).
 *
 * Built by adding properties to one literal, not with object spread: a spread in the middle of a
 * literal, spread again by the caller, left V8 with slow dictionary-mode objects, and mapping a page
 * of 20 threads cost about 10× more (and serialising them more again) than this (issue 18).
 */
export function topicSummary<Own extends object, Tail extends object>(r: TopicSummaryRow, own: Own, tail: Tail): TopicFields & Own & Tail {
  const out: Record<string, unknown> = { id: r.id, title: r.title, excerpt: r.excerpt, category: r.category, tags: r.tags ?? [], author: author(r) };
  Object.assign(out, own);
  out.createdAt = isoText(r.created_at);
  out.lastActivityAt = isoText(r.last_activity_at);
  return Object.assign(out, tail) as TopicFields & Own & Tail;
}

type TopicList = 'threads' | 'questions';

// One cursor kind per list and sort, so a cursor only works where it was made. `latest` and
// `unanswered` share an order but not a row set; their cursors stay apart all the same.
const kinds = (list: TopicList) => ({
  top: cursorKind(`${list}:top`, ['int', 'time', 'id']),
  latest: cursorKind(`${list}:latest`, ['time', 'id']),
  unanswered: cursorKind(`${list}:unanswered`, ['time', 'id']),
});
const KINDS = { threads: kinds('threads'), questions: kinds('questions') };

// Thread lists put pinned threads first (moderation), so their keys start with `pinned`; the index
// threads_pinned_* (migration 006) holds that order. Questions cannot be pinned and keep the plain key.
const PINNED_KINDS = {
  top: cursorKind('threads:pinned-top', ['bool', 'int', 'time', 'id']),
  latest: cursorKind('threads:pinned-latest', ['bool', 'time', 'id']),
  unanswered: cursorKind('threads:pinned-unanswered', ['bool', 'time', 'id']),
};

/**
 * A thread-list cursor: the pinned form, or one made before pinning existed (same list and sort,
 * without the pin), which still seeks where it did: among the unpinned threads.
 */
function decodeThreadCursor<P extends readonly PartName[]>(pinned: CursorKind<readonly ['bool', ...P]>, legacy: CursorKind<P>, cursor: string | undefined) {
  try {
    return decodeKeyCursor(pinned, cursor);
  } catch {
    const key = decodeKeyCursor(legacy, cursor);
    return key && ([false, ...key] as unknown as Key<readonly ['bool', ...P]>);
  }
}

/** The pin of a thread list's last row, for its cursor. */
interface PinRow {
  pinned?: boolean;
}

type CursorAfter = (r: TopicSummaryRow & SeekRow & PinRow) => string;
/**
 * The next page's cursor from a page's last row, per list and sort. Made once here rather than as a
 * closure per request: run through tsx (as the server is), each closure made per request also costs
 * a `__name` property definition (esbuild's keepNames), a few µs per list request (issue 18).
 */
const NEXT = {
  pinnedTop: ((r) => encodeKeyCursor(PINNED_KINDS.top, [!!r.pinned, Number(r.score), r.seek_at, r.id])) as CursorAfter,
  pinned: {
    latest: ((r) => encodeKeyCursor(PINNED_KINDS.latest, [!!r.pinned, r.seek_at, r.id])) as CursorAfter,
    unanswered: ((r) => encodeKeyCursor(PINNED_KINDS.unanswered, [!!r.pinned, r.seek_at, r.id])) as CursorAfter,
  },
  top: {
    threads: ((r) => encodeKeyCursor(KINDS.threads.top, [Number(r.score), r.seek_at, r.id])) as CursorAfter,
    questions: ((r) => encodeKeyCursor(KINDS.questions.top, [Number(r.score), r.seek_at, r.id])) as CursorAfter,
  },
  plain: {
    threads: {
      latest: ((r) => encodeKeyCursor(KINDS.threads.latest, [r.seek_at, r.id])) as CursorAfter,
      unanswered: ((r) => encodeKeyCursor(KINDS.threads.unanswered, [r.seek_at, r.id])) as CursorAfter,
    },
    questions: {
      latest: ((r) => encodeKeyCursor(KINDS.questions.latest, [r.seek_at, r.id])) as CursorAfter,
      unanswered: ((r) => encodeKeyCursor(KINDS.questions.unanswered, [r.seek_at, r.id])) as CursorAfter,
    },
  },
};

/**
 * The columns of a topic summary both kinds share (topics aliased `t`, authors `p`). Lists select
 * these, not `t.*`: the body is never read for a list (the excerpt is stored, migration 014), so
 * it is neither detoasted nor sent from the database. The times come as the contract's ISO text
 * (`isoTimeSql`), not as timestamps the driver would parse into Dates for the mapper to format again.
 */
export const TOPIC_SUMMARY_COLS = `t.id, t.title, t.excerpt, t.category, t.tags, t.author_id, t.score, ${isoTimeSql('t.created_at')} AS created_at, ${isoTimeSql('t.last_activity_at')} AS last_activity_at, t.status, ${AUTHOR_COLS}`;

/** The column a topic list selects besides the topic's own: its activity time as exact key text. */
export const TOPIC_SEEK_COLUMN = `${seekTime('t.last_activity_at')} AS seek_at`;

/**
 * The part of a topic list's SQL after its SELECT (topics aliased `t`, with TOPIC_SEEK_COLUMN):
 * filters, the seek past the cursor's row, order and limit, with their parameters, and how to make
 * the next cursor from a page's last row. `countColumn` is what "unanswered" means for the kind.
 *
 * Both orders are total (they end in the id) and run one way (all DESC), so the seek is a plain
 * row-value comparison, which the (…, id DESC) indexes answer as a range scan.
 */
export function topicListSql(query: QueryOf<'listThreads' | 'listQuestions'>, list: TopicList, countColumn: 'reply_count' | 'answer_count') {
  const { category, tag, sort = 'latest', cursor } = query;
  const limit = pageLimit(query.limit);
  const where: string[] = [listedOnly('t')];
  const params: unknown[] = [];
  if (category) where.push(`t.category = $${params.push(category)}`);
  if (tag) where.push(`$${params.push(tag)} = ANY(t.tags)`);
  if (sort === 'unanswered') where.push(`t.${countColumn} = 0`);
  let order: string;
  let cursorAfter: CursorAfter;
  if (list === 'threads' && sort === 'top') {
    // The same orders as below, after `pinned` (true first).
    const kind = PINNED_KINDS.top;
    const key = decodeThreadCursor(kind, KINDS.threads.top, cursor);
    if (key) {
      const [pinned, score, at, id] = key;
      where.push(`(t.pinned, t.score, t.last_activity_at, t.id) < ($${params.push(pinned)}::boolean, $${params.push(score)}::int, $${params.push(at)}::timestamptz, $${params.push(id)}::text)`);
    }
    order = 't.pinned DESC, t.score DESC, t.last_activity_at DESC, t.id DESC';
    cursorAfter = NEXT.pinnedTop;
  } else if (list === 'threads') {
    const s = sort === 'top' ? 'latest' : sort;
    const kind = PINNED_KINDS[s];
    const key = decodeThreadCursor(kind, KINDS.threads[s], cursor);
    if (key) {
      const [pinned, at, id] = key;
      where.push(`(t.pinned, t.last_activity_at, t.id) < ($${params.push(pinned)}::boolean, $${params.push(at)}::timestamptz, $${params.push(id)}::text)`);
    }
    order = 't.pinned DESC, t.last_activity_at DESC, t.id DESC';
    cursorAfter = NEXT.pinned[s];
  } else if (sort === 'top') {
    const kind = KINDS[list].top;
    const key = decodeKeyCursor(kind, cursor);
    if (key) {
      const [score, at, id] = key;
      where.push(`(t.score, t.last_activity_at, t.id) < ($${params.push(score)}::int, $${params.push(at)}::timestamptz, $${params.push(id)}::text)`);
    }
    order = 't.score DESC, t.last_activity_at DESC, t.id DESC';
    cursorAfter = NEXT.top[list];
  } else {
    const kind = KINDS[list][sort];
    const key = decodeKeyCursor(kind, cursor);
    if (key) {
      const [at, id] = key;
      where.push(`(t.last_activity_at, t.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::text)`);
    }
    order = 't.last_activity_at DESC, t.id DESC';
    cursorAfter = NEXT.plain[list][sort];
  }
  const sql = `${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order} LIMIT $${params.push(limit + 1)}`;
  return { sql, params, limit, cursorAfter };
}
