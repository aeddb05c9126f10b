// Inserts the demo community's history (src/demo-data/history.ts): half a year and more of questions,
// answers, threads, votes, feedback, CSAT answers, deflections and knowledge-base searches, so that
// the insights have trends and a previous period to compare with.
import type { Queryable } from './db.js';
import { createHistory, type Community, type HistoryOptions, type PersonRecord } from '../../src/demo-data/index.js';
import { insertRows } from './seed-rows.js';

const iso = (ms: number) => new Date(ms).toISOString();

export async function seedHistory(q: Queryable, community: Community, people: PersonRecord[], articleIds: string[], options: HistoryOptions = {}) {
  const h = createHistory(community, people, articleIds, options);
  const answerCount = new Map<string, number>();
  // Given at insert, so the answers trigger (migration 008) finds nothing to update: rewriting a
  // question row recomputes its search vectors, which made the seed twice as slow.
  const firstAnswer = new Map<string, number>();
  for (const a of h.answers) {
    answerCount.set(a.questionId, (answerCount.get(a.questionId) ?? 0) + 1);
    firstAnswer.set(a.questionId, Math.min(firstAnswer.get(a.questionId) ?? Infinity, a.createdAt));
  }
  const scoreOf = new Map<string, number>();
  for (const v of h.answerVotes) scoreOf.set(v.answerId, (scoreOf.get(v.answerId) ?? 0) + v.value);
  const repliesOf = new Map<string, number>();
  for (const p of h.posts) repliesOf.set(p.threadId, (repliesOf.get(p.threadId) ?? 0) + 1);
  const isoOrNull = (ms: number | undefined) => (ms === undefined ? null : iso(ms));
  await insertRows(q, 'threads',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['reply_count', 'int'], ['score', 'int'], ['solved', 'boolean'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']],
    h.threads.map((t) => [t.id, t.title, t.body, t.category, t.tags.join('|'), t.authorId, repliesOf.get(t.id) ?? 0, t.score, t.solved, iso(t.createdAt), iso(t.lastActivityAt)]));
  await insertRows(q, 'posts',
    [['id', 'text'], ['thread_id', 'text'], ['author_id', 'text'], ['body', 'text'], ['created_at', 'timestamptz']],
    h.posts.map((p) => [p.id, p.threadId, p.authorId, p.body, iso(p.createdAt)]));
  await insertRows(q, 'questions',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['answer_count', 'int'], ['accepted_answer_id', 'text'], ['product', 'text'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz'], ['first_answer_at', 'timestamptz']],
    h.questions.map((x) => [x.id, x.title, x.body, x.category, x.tags.join('|'), x.authorId, answerCount.get(x.id) ?? 0, x.acceptedAnswerId, x.product, iso(x.createdAt), iso(x.lastActivityAt), isoOrNull(firstAnswer.get(x.id))]));
  await insertRows(q, 'answers',
    [['id', 'text'], ['question_id', 'text'], ['author_id', 'text'], ['body', 'text'], ['score', 'int'], ['created_at', 'timestamptz']],
    h.answers.map((a) => [a.id, a.questionId, a.authorId, a.body, scoreOf.get(a.id) ?? 0, iso(a.createdAt)]));
  await insertRows(q, 'votes',
    [['person_id', 'text'], ['target_kind', 'text'], ['target_id', 'text'], ['value', 'smallint'], ['created_at', 'timestamptz']],
    h.answerVotes.map((v) => [v.personId, 'answer', v.answerId, v.value, iso(v.createdAt)]));
  await insertRows(q, 'csat',
    [['question_id', 'text'], ['person_id', 'text'], ['score', 'smallint'], ['comment', 'text'], ['answered_at', 'timestamptz']],
    h.csat.map((c) => [c.questionId, c.personId, c.score, c.comment, iso(c.answeredAt)]));
  await insertRows(q, 'deflections',
    [['question_id', 'text'], ['person_id', 'text'], ['query', 'text'], ['created_at', 'timestamptz']],
    h.deflections.map((d) => [d.questionId, d.personId, d.query, iso(d.createdAt)]));
  await insertRows(q, 'article_feedback',
    [['article_id', 'text'], ['helpful', 'boolean'], ['created_at', 'timestamptz']],
    h.feedback.map((f) => [f.articleId, f.helpful, iso(f.createdAt)]));
  await insertRows(q, 'search_events',
    [['query', 'text'], ['result_count', 'int'], ['tier', 'text'], ['org_id', 'text'], ['clicks', 'int'], ['created_at', 'timestamptz']],
    h.searches.map((s) => [s.query, s.resultCount, s.tier, s.orgId, s.clicked ? 1 : 0, iso(s.createdAt)]));
  // The per-day rollup the insights read, built once from the events (the server keeps it in step afterwards).
  await q.query(`INSERT INTO search_daily (day, query, searches, clicked, zero, last_at)
    SELECT (created_at AT TIME ZONE 'UTC')::date, query, count(*), count(*) FILTER (WHERE clicks > 0), count(*) FILTER (WHERE result_count = 0), max(created_at)
    FROM search_events GROUP BY 1, 2
    ON CONFLICT (day, query) DO UPDATE SET searches = search_daily.searches + EXCLUDED.searches, clicked = search_daily.clicked + EXCLUDED.clicked,
      zero = search_daily.zero + EXCLUDED.zero, last_at = GREATEST(search_daily.last_at, EXCLUDED.last_at)`);
}
