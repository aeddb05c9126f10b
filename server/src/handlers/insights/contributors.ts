// Top contributors: people and partner organisations by the accepted answers they wrote in the period
// (answers written in it that are now accepted) and the helpful (up-)votes their answers got in it,
// read from the per-day rollup of migration 012.
import type { Queryable } from '../../db.js';
import type { Tier, TopContributors } from '../../../../src/contract/index.js';
import { dayParams, num } from './numbers.js';
import type { Period } from './range.js';

const TOP = 10;

export async function topContributors(q: Queryable, period: Period): Promise<TopContributors> {
  type Row = { id: string; name: string | null; org_name: string | null; org_id: string | null; tier: Tier | null; acc_cur: number; acc_prev: number; up_cur: number; up_prev: number };
  const { rows } = await q.query<Row>(
    `WITH per_person AS (
       SELECT person_id AS person, sum(accepted) FILTER (WHERE day >= $2::date)::int AS acc_cur, sum(accepted) FILTER (WHERE day < $2::date)::int AS acc_prev,
              sum(up) FILTER (WHERE day >= $2::date)::int AS up_cur, sum(up) FILTER (WHERE day < $2::date)::int AS up_prev
       FROM insights_contributor_days WHERE day >= $1::date AND day < $3::date GROUP BY person_id
     )
     SELECT x.person AS id, p.name, p.org_name, p.org_id, p.tier, COALESCE(acc_cur, 0) AS acc_cur, COALESCE(acc_prev, 0) AS acc_prev,
            COALESCE(up_cur, 0) AS up_cur, COALESCE(up_prev, 0) AS up_prev
     FROM per_person x LEFT JOIN people p ON p.id = x.person`,
    dayParams(period),
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
