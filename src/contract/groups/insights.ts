import type { Endpoint } from './endpoint.js';
import { Ok } from '../common.js';
import { CsatAnswer, CsatRequest, CsatStatus, Insights, InsightsCsv, InsightsExportQuery, InsightsQuery, SearchClick } from '../insights.js';

import { ExpertRequest } from '../expert-requests.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Community insights for vendor staff, and the events behind them. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const insightsEndpoints = {
  insights: ep({ method: 'GET', path: '/v1/insights', summary: 'Community insights, vendor staff only', description: 'Time to first answer, resolution, satisfaction, deflection, volume, the cuts by tier, organisation, category and product, the unanswered queue, top contributors and search, each against the previous period of equal length; vendor staff only.', query: InsightsQuery, response: Insights, auth: 'write' }),
  exportInsights: ep({ method: 'GET', path: '/v1/insights/export', summary: 'One insights table as CSV', description: 'The rows of one table of `GET /v1/insights` for the same period, as text/csv with a header row; vendor staff only.', query: InsightsExportQuery, response: InsightsCsv, mediaType: 'text/csv', auth: 'write' }),
  getCsat: ep({ method: 'GET', path: '/v1/questions/{id}/csat', summary: "The caller's satisfaction answer", description: 'Whether the caller should be asked "Did this solve your problem?" (they asked the question and it has an accepted answer), and their answer if they gave one.', response: CsatStatus, auth: 'write' }),
  answerCsat: ep({ method: 'POST', path: '/v1/questions/{id}/csat', summary: '"Did this solve your problem?"', description: "Stores the asker's score (1 to 5) and optional comment for a question with an accepted answer; answering again replaces the earlier answer.", body: CsatRequest, response: CsatAnswer, auth: 'write', idempotent: true }),
  recordSearchClick: ep({ method: 'POST', path: '/v1/search/clicks', summary: 'A click on a search result', description: 'Records that a knowledge-base search (by the `searchId` it returned) led to opening one of its results; counts toward the click-through rate.', body: SearchClick, response: Ok, auth: 'read', idempotent: true }),
  notifyExperts: ep({ method: 'POST', path: '/v1/questions/{id}/notify-experts', summary: 'Ask experts to answer a question', description: 'Notifies up to 5 experts of an unanswered question (vendor staff only): the top contributors of its category or product over the last 90 days by accepted answers and helpful votes, then people following the category; never the asker, nobody suspended, nobody who muted it or turned these notifications off. Each gets an `expert_request` notification, by email too if their preferences say so. Asking again within 24 hours notifies nobody and returns the standing request with `repeated: true`. 404 for an unknown, held or hidden question; 409 once it has an answer.', response: ExpertRequest, auth: 'write', problems: { 404: 'No such question, or it is held or hidden', 409: 'The question has an answer now' } }),
} satisfies Record<string, Endpoint>;
