// The insights export as CSV, shared by the server (`GET /v1/insights/export`) and MemoryBackend so both
// answer the same file: same tables, same headers, same escaping. Pure: it imports only the contract's types.
//
// RFC 4180: lines end in CRLF; a field holding a comma, a quote or a line break is quoted, quotes doubled.
// A text cell that starts like a spreadsheet formula (= + - @, or a tab or CR, which some spreadsheets skip
// before reading a formula) is prefixed with a quote mark, so a title or query a partner typed cannot run
// as a formula when the export is opened in a spreadsheet (CSV injection). Numbers are left alone: -3 is data.
import { categoryLabel } from './categories.js';
import type { Comparison, Insights, InsightsSegment, InsightsTable } from './insights.js';

export type CsvCell = string | number | boolean | null;

/** One field as it appears in the file: formula-guarded, then quoted if it needs it. */
export function csvField(x: CsvCell): string {
  if (x == null) return '';
  let s = String(x);
  if (typeof x === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file: the header line, then one line per row, every line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const both = (c: Comparison): CsvCell[] => [c.current, c.previous];

function segmentTable(rows: readonly InsightsSegment[]): [string[], CsvCell[][]] {
  return [
    ['key', 'label', 'questions', 'questions_previous', 'median_hours_to_first_answer', 'median_hours_to_first_answer_previous',
      'resolution_rate', 'resolution_rate_previous', 'csat', 'csat_previous', 'deflections', 'deflections_previous'],
    rows.map((s) => [s.key, s.label, ...both(s.questions), ...both(s.medianHoursToFirstAnswer), ...both(s.resolutionRate), ...both(s.csat), ...both(s.deflections)]),
  ];
}

/** One table of the report, as its CSV header and rows. */
export function tableOf(r: Insights, table: InsightsTable): [string[], CsvCell[][]] {
  switch (table) {
    case 'summary': {
      const s = r.satisfaction;
      const metrics: [string, Comparison][] = [
        ['median_hours_to_first_answer', r.timeToFirstAnswer.median], ['p90_hours_to_first_answer', r.timeToFirstAnswer.p90],
        ['resolution_rate', r.resolutionRate.rate], ['questions_asked', r.resolutionRate.asked], ['questions_resolved', r.resolutionRate.resolved],
        ['helpful_rate_articles', s.helpfulRate.articles], ['helpful_rate_answers', s.helpfulRate.answers],
        ['csat_average', s.csat.average], ['csat_responses', s.csat.responses], ['csat_satisfied_rate', s.csat.satisfiedRate],
        ['deflection_rate', r.deflectionRate.rate], ['deflections', r.deflectionRate.deflections],
        ['threads', r.volume.totals.threads], ['posts', r.volume.totals.posts], ['questions', r.volume.totals.questions], ['answers', r.volume.totals.answers],
        ['searches', r.search.searches], ['search_click_through_rate', r.search.clickThroughRate], ['search_zero_result_rate', r.search.zeroResultRate],
      ];
      return [['metric', 'current', 'previous', 'from', 'to', 'previous_from', 'previous_to'],
        metrics.map(([name, c]) => [name, c.current, c.previous, r.range.from, r.range.to, r.range.previousFrom, r.range.previousTo])];
    }
    case 'timeToFirstAnswer':
      return [['week', 'median_hours', 'p90_hours', 'answered'], r.timeToFirstAnswer.trend.map((w) => [w.week, w.median, w.p90, w.answered])];
    case 'resolutionRate':
      return [['week', 'asked', 'resolved', 'rate'], r.resolutionRate.trend.map((w) => [w.week, w.asked, w.resolved, w.rate])];
    case 'volume':
      return [['week', 'threads', 'posts', 'questions', 'answers'], r.volume.weekly.map((w) => [w.week, w.threads, w.posts, w.questions, w.answers])];
    case 'csat':
      return [['score', 'responses'], r.satisfaction.csat.distribution.map((n, i) => [i + 1, n])];
    case 'byTier': return segmentTable(r.byTier);
    case 'byOrg': return segmentTable(r.byOrg);
    case 'byCategory': return segmentTable(r.byCategory);
    case 'byProduct': return segmentTable(r.byProduct);
    case 'unanswered':
      // The category twice: its id for joining with other data, its label for people reading the sheet.
      // The label is the last column, added after the others, so a sheet that reads columns by position keeps working.
      return [['id', 'title', 'category', 'asked_at', 'age_hours', 'past_sla', 'author', 'organisation', 'tier', 'category_label'],
        r.unanswered.items.map((u) => [u.id, u.title, u.category, u.askedAt, u.ageHours, u.pastSla, u.author.name, u.author.orgName, u.author.tier, u.categoryLabel ?? categoryLabel(u.category)])];
    case 'topPeople':
      return [['id', 'name', 'organisation', 'accepted_answers', 'helpful_votes', 'accepted_answers_previous', 'helpful_votes_previous'],
        r.topContributors.people.map((p) => [p.id, p.name, p.orgName, p.acceptedAnswers, p.helpfulVotes, p.previous.acceptedAnswers, p.previous.helpfulVotes])];
    case 'topOrgs':
      return [['id', 'name', 'tier', 'accepted_answers', 'helpful_votes', 'accepted_answers_previous', 'helpful_votes_previous'],
        r.topContributors.orgs.map((o) => [o.id, o.name, o.tier, o.acceptedAnswers, o.helpfulVotes, o.previous.acceptedAnswers, o.previous.helpfulVotes])];
    case 'topQueries':
      return [['query', 'searches', 'searches_previous', 'click_through_rate'], r.search.topQueries.map((x) => [x.query, x.count, x.previousCount, x.clickThroughRate])];
    case 'zeroResults':
      return [['query', 'searches', 'searches_previous', 'last_searched_at'], r.search.zeroResults.map((x) => [x.query, x.count, x.previousCount, x.lastSearchedAt])];
  }
}

/** One table of the report as a CSV file: what `GET /v1/insights/export?table=…` answers. */
export const insightsCsv = (r: Insights, table: InsightsTable): string => toCsv(...tableOf(r, table));
