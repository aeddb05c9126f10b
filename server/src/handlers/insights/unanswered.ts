// The unanswered queue: questions without any answer, oldest first, flagged past the SLA. It is the
// queue as it stands now, whatever period the rest of the insights cover.
import type { Queryable } from '../../db.js';
import { categoryLabel, type Tier, type Unanswered } from '../../../../src/contract/index.js';
import { iso } from '../common.js';
import { num } from './numbers.js';

const LIMIT = 50;

export async function unanswered(q: Queryable, slaHours: number, now = new Date()): Promise<Unanswered> {
  const cutoff = new Date(now.getTime() - slaHours * 3_600_000).toISOString();
  type Row = { id: string; title: string; category: string; created_at: Date | string; author_id: string; name: string | null; org_name: string | null; tier: Tier | null };
  const [{ rows: [c] }, { rows }] = await Promise.all([
    q.query<{ total: number; late: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE created_at < $1)::int AS late FROM questions WHERE first_answer_at IS NULL AND status = 'published'`,
      [cutoff],
    ),
    q.query<Row>(
      `SELECT q.id, q.title, q.category, q.created_at, q.author_id, p.name, p.org_name, p.tier
       FROM questions q LEFT JOIN people p ON p.id = q.author_id
       WHERE q.first_answer_at IS NULL AND q.status = 'published' ORDER BY q.created_at, q.id LIMIT ${LIMIT}`,
    ),
  ]);
  return {
    slaHours,
    total: num(c.total),
    pastSla: num(c.late),
    items: rows.map((r) => {
      const askedAt = iso(r.created_at);
      const ageHours = Math.max(0, Math.round(((now.getTime() - Date.parse(askedAt)) / 3_600_000) * 10) / 10);
      return {
        id: r.id, title: r.title, category: r.category, categoryLabel: categoryLabel(r.category), askedAt, ageHours, pastSla: askedAt < cutoff,
        author: { id: r.author_id, name: r.name ?? r.author_id, orgName: r.org_name, tier: r.tier },
      };
    }),
  };
}
