// Top contributors: people and partner organisations by the accepted answers they wrote in the period
// (answers written in it that are now accepted) and the helpful (up-)votes their answers got in it.
import type { Queryable } from '../../db.js';
import type { Tier, TopContributors } from '../../../../src/contract/index.js';
import { num, periodParams } from './numbers.js';
import type { Period } from './range.js';

const TOP = 10;

export async function topContributors(q: Queryable, period: Period): Promise<TopContributors> {
  type Row = { id: string; name: string | null; org_name: string | null; org_id: string | null; tier: Tier | null; acc_cur: number; acc_prev: number; up_cur: number; up_prev: number };
  const { rows } = await q.query<Row>(
    `WITH contributions AS (
       SELECT a.author_id AS person, a.created_at >= $2 AS cur, 1 AS accepted, 0 AS up
       FROM answers a JOIN questions q ON q.id = a.question_id AND q.accepted_answer_id = a.id AND q.status = 'published'
       WHERE a.created_at >= $1 AND a.created_at < $3 AND a.status = 'published'
       UNION ALL
       SELECT a.author_id, v.created_at >= $2, 0, 1
       FROM votes v JOIN answers a ON a.id = v.target_id AND a.status = 'published'
       JOIN questions q ON q.id = a.question_id AND q.status = 'published'
       WHERE v.target_kind = 'answer' AND v.value > 0 AND v.created_at >= $1 AND v.created_at < $3
     ), per_person AS (
       SELECT person, sum(accepted) FILTER (WHERE cur)::int AS acc_cur, sum(accepted) FILTER (WHERE NOT cur)::int AS acc_prev,
              sum(up) FILTER (WHERE cur)::int AS up_cur, sum(up) FILTER (WHERE NOT cur)::int AS up_prev
       FROM contributions GROUP BY person
     )
     SELECT x.person AS id, p.name, p.org_name, p.org_id, p.tier, COALESCE(acc_cur, 0) AS acc_cur, COALESCE(acc_prev, 0) AS acc_prev,
            COALESCE(up_cur, 0) AS up_cur, COALESCE(up_prev, 0) AS up_prev
     FROM per_person x LEFT JOIN people p ON p.id = x.person`,
    periodParams(period),
  );
  const counts = (r: Pick<Row, 'acc_cur' | 'acc_prev' | 'up_cur' | 'up_prev'>) => ({
    acceptedAnswers: num(r.acc_cur), helpfulVotes: num(r.up_cur),
    previous: { acceptedAnswers: num(r.acc_prev), helpfulVotes: num(r.up_prev) },
  });
  const ranked = <T extends { id: string; acceptedAnswers: number; helpfulVotes: number }>(xs: T[]) =>
    xs.filter((x) => x.acceptedAnswers + x.helpfulVotes > 0)
      .sort((a, b) => b.acceptedAnswers - a.acceptedAnswers || b.helpfulVotes - a.helpfulVotes || a.id.localeCompare(b.id))
      .slice(0, TOP);
  // Organisations sum their people; only partner organisations (those with a tier) are ranked.
  const orgs = new Map<string, Row>();
  for (const r of rows) {
    if (!r.org_id || !r.tier) continue;
    const o = orgs.get(r.org_id) ?? { ...r, id: r.org_id, name: r.org_name, acc_cur: 0, acc_prev: 0, up_cur: 0, up_prev: 0 };
    o.acc_cur = num(o.acc_cur) + num(r.acc_cur); o.acc_prev = num(o.acc_prev) + num(r.acc_prev);
    o.up_cur = num(o.up_cur) + num(r.up_cur); o.up_prev = num(o.up_prev) + num(r.up_prev);
    orgs.set(r.org_id, o);
  }
  return {
    people: ranked(rows.map((r) => ({ id: r.id, name: r.name ?? r.id, orgName: r.org_name, ...counts(r) }))),
    orgs: ranked([...orgs.values()].map((o) => ({ id: o.id, name: o.name ?? o.id, tier: o.tier, ...counts(o) }))),
  };
}
