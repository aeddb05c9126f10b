// GET /v1/insights: every part computed for the period and the one before, then put together.
import type { Insights } from '../../../../src/contract/index.js';
import type { Queryable } from '../../db.js';
import { topContributors } from './contributors.js';
import { deflection } from './deflection.js';
import { questionMetrics } from './questions.js';
import type { Period } from './range.js';
import { satisfaction } from './satisfaction.js';
import { searchInsights } from './search.js';
import { segments } from './segments.js';
import { unanswered } from './unanswered.js';
import { volume } from './volume.js';

export async function insightsReport(q: Queryable, period: Period, slaHours: number): Promise<Insights> {
  // On PostgreSQL these run side by side on the pool; PGlite queues them on its one connection.
  const [qm, sat, vol, queue, top, search, orgs] = await Promise.all([
    questionMetrics(q, period),
    satisfaction(q, period),
    volume(q, period),
    unanswered(q, slaHours),
    topContributors(q, period),
    searchInsights(q, period),
    q.query<{ id: string; name: string }>(`SELECT id, name FROM orgs`),
  ]);
  const defl = await deflection(q, period, { cur: qm.totals.cur.asked, prev: qm.totals.prev.asked });
  const cuts = segments(qm.cuts, sat.csatCuts, defl.deflectionCuts, new Map(orgs.rows.map((o) => [o.id, o.name])));
  return {
    range: {
      from: period.from.toISOString(), to: period.to.toISOString(),
      previousFrom: period.previousFrom.toISOString(), previousTo: period.previousTo.toISOString(),
    },
    timeToFirstAnswer: qm.timeToFirstAnswer,
    resolutionRate: qm.resolutionRate,
    satisfaction: sat.satisfaction,
    deflectionRate: defl.deflectionRate,
    volume: vol,
    byTier: cuts.tier,
    byOrg: cuts.org,
    byCategory: cuts.category,
    byProduct: cuts.product,
    unanswered: queue,
    topContributors: top,
    search,
  };
}
