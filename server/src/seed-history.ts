// Inserts the demo community's history (src/demo-data/history.ts): 30 weeks of "was this helpful"
// feedback, CSAT answers, deflections and knowledge-base searches, so that the insights have trends
// and a previous period to compare with.
import type { Queryable } from './db.js';
import { createHistory, type AnswerRecord, type Community, type HistoryOptions, type PersonRecord, type QuestionRecord } from '../../src/demo-data/index.js';
import { insertRows } from './seed-rows.js';

const iso = (ms: number) => new Date(ms).toISOString();

export async function seedHistory(
  q: Queryable, community: Community, people: PersonRecord[], questions: QuestionRecord[], answers: AnswerRecord[], articleIds: string[], options: HistoryOptions = {},
) {
  const h = createHistory(community, people, questions, answers, articleIds, options);
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
