// Handlers of the insights group: the report and its CSV export (vendor staff only), the CSAT answer
// and search clicks.
import type { Insights } from '../../../../src/contract/index.js';
import type { Ctx } from '../../context.js';
import { needStaff } from './access.js';
import { tableOf, toCsv } from '../../../../src/contract/insights-csv.js';
import { periodOf } from './range.js';
import { insightsReport } from './report.js';

export { answerCsat, getCsat } from './csat.js';
export { recordSearchClick } from './search-events.js';

export async function insights(ctx: Ctx<'insights'>): Promise<Insights> {
  needStaff(ctx);
  return insightsReport(ctx.q, periodOf(ctx.query), ctx.config.insights.slaHours);
}

export async function exportInsights(ctx: Ctx<'exportInsights'>): Promise<string> {
  needStaff(ctx);
  const report = await insightsReport(ctx.q, periodOf(ctx.query), ctx.config.insights.slaHours);
  return toCsv(...tableOf(report, ctx.query.table));
}
