// Volume: threads, posts, questions and answers created, per period and per week of the current one.
import type { Queryable } from '../../db.js';
import type { Volume, VolumeWeek } from '../../../../src/contract/index.js';
import type { Period } from './range.js';
import { compare, dayParams, num } from './numbers.js';

const KINDS = ['threads', 'posts', 'questions', 'answers'] as const;
type Kind = (typeof KINDS)[number];

export async function volume(q: Queryable, period: Period): Promise<Volume> {
  // The per-day counts of migration 012 (published content only, as /v1/stats counts: held and
  // hidden items are not community activity).
  const { rows } = await q.query<{ kind: Kind; cur: boolean; week: string; n: number }>(
    `SELECT kind, day >= $2::date AS cur, to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') AS week, sum(n)::int AS n
     FROM insights_volume_days WHERE day >= $1::date AND day < $3::date GROUP BY 1, 2, 3`,
    dayParams(period),
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
