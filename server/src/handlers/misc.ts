import type { Me, Stats } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { forbidden } from '../problem.js';
import type { StatsRow, WeeklyRow } from '../rows.js';
import { needUser } from './common.js';

export async function me(ctx: Ctx<'me'>): Promise<Me> {
  const u = ctx.user;
  if (!u) return { authenticated: false };
  let org = u.org;
  if (org) {
    const { rows } = await ctx.q.query<{ name: string }>(`SELECT name FROM orgs WHERE id = $1`, [org.id]);
    if (rows[0]) org = { id: org.id, name: rows[0].name };
  }
  return { authenticated: true, id: u.id, name: u.name, org, tier: u.tier, roles: u.roles };
}

const rate = (num: unknown, den: unknown) => {
  const n = Number(num), d = Number(den);
  return d > 0 ? Math.min(1, Math.max(0, n / d)) : null;
};

export async function stats(ctx: Ctx<'stats'>): Promise<Stats> {
  const u = needUser(ctx);
  if (!u.roles.includes('vendor-staff')) throw forbidden('Community statistics are for vendor staff.');
  // Held and hidden content counts nowhere (moderation): only published content is measured.
  const { rows } = await ctx.q.query<StatsRow>(`SELECT
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h) FROM (
       SELECT EXTRACT(EPOCH FROM (MIN(a.created_at) - q.created_at)) / 3600.0 AS h
       FROM questions q JOIN answers a ON a.question_id = q.id AND a.status = 'published' WHERE q.status = 'published'
       GROUP BY q.id, q.created_at) x) AS median,
    (SELECT count(*)::int FROM questions WHERE status = 'published') AS asked,
    (SELECT count(*)::int FROM questions WHERE accepted_answer_id IS NOT NULL AND status = 'published') AS accepted,
    (SELECT count(*)::int FROM article_feedback WHERE helpful) AS art_yes,
    (SELECT count(*)::int FROM article_feedback) AS art_all,
    (SELECT count(*)::int FROM votes WHERE target_kind = 'answer' AND value > 0) AS ans_up,
    (SELECT count(*)::int FROM votes WHERE target_kind = 'answer') AS ans_all`);
  const r = rows[0];
  const weekly = await ctx.q.query<WeeklyRow>(`
    WITH weeks AS (
      SELECT generate_series(date_trunc('week', now()) - interval '11 weeks', date_trunc('week', now()), interval '1 week') AS w
    )
    SELECT to_char(w, 'IYYY-"W"IW') AS week,
      (SELECT count(*)::int FROM threads t WHERE t.status = 'published' AND t.created_at >= w AND t.created_at < w + interval '1 week') AS threads,
      (SELECT count(*)::int FROM posts p WHERE p.status = 'published' AND p.created_at >= w AND p.created_at < w + interval '1 week') AS posts,
      (SELECT count(*)::int FROM questions q WHERE q.status = 'published' AND q.created_at >= w AND q.created_at < w + interval '1 week') AS questions,
      (SELECT count(*)::int FROM answers a WHERE a.status = 'published' AND a.created_at >= w AND a.created_at < w + interval '1 week') AS answers
    FROM weeks ORDER BY w`);
  return {
    medianHoursToFirstAnswer: r.median == null ? null : Math.round(Number(r.median) * 100) / 100,
    resolutionRate: rate(r.accepted, r.asked),
    helpfulRate: { articles: rate(r.art_yes, r.art_all), answers: rate(r.ans_up, r.ans_all) },
    weekly: weekly.rows.map((w) => ({
      week: w.week, threads: Number(w.threads), posts: Number(w.posts), questions: Number(w.questions), answers: Number(w.answers),
    })),
  };
}
