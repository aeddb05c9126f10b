// Volume: threads, posts, questions and answers created, per period and per week of the current one.
import type { Queryable } from '../../db.js';
import type { Volume, VolumeWeek } from '../../../../src/contract/index.js';
import type { Period } from './range.js';
import { compare, num, periodParams } from './numbers.js';

const KINDS = ['threads', 'posts', 'questions', 'answers'] as const;
type Kind = (typeof KINDS)[number];

export async function volume(q: Queryable, period: Period): Promise<Volume> {
  // One small aggregate per table, each an index range scan on created_at (migration 008). Published
  // content only, as /v1/stats counts: held and hidden items are not community activity.
  const { rows } = await q.query<{ kind: Kind; cur: boolean; week: string; n: number }>(
    KINDS.map((k) => `SELECT '${k}' AS kind, created_at >= $2 AS cur,
        to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*)::int AS n
      FROM ${k} WHERE created_at >= $1 AND created_at < $3 AND status = 'published' GROUP BY 2, 3`).join(' UNION ALL '),
    periodParams(period),
  );
  const totals = Object.fromEntries(KINDS.map((k) => [k, { cur: 0, prev: 0 }])) as Record<Kind, { cur: number; prev: number }>;
  const weeks = new Map<string, VolumeWeek>(period.weeks.map((week) => [week, { week, threads: 0, posts: 0, questions: 0, answers: 0 }]));
  for (const r of rows) {
    totals[r.kind][r.cur ? 'cur' : 'prev'] += num(r.n);
    const w = r.cur ? weeks.get(r.week) : undefined;
    if (w) w[r.kind] += num(r.n);
  }
  return {
    totals: {
      threads: compare(totals.threads.cur, totals.threads.prev),
      posts: compare(totals.posts.cur, totals.posts.prev),
      questions: compare(totals.questions.cur, totals.questions.prev),
      answers: compare(totals.answers.cur, totals.answers.prev),
    },
    weekly: [...weeks.values()],
  };
}
