import type { Comparison, Insights, InsightsSegment, InsightsTable } from '../../contract/index.js';

type Cell = string | number | boolean | null;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end in CRLF. */
const field = (c: Cell) => {
  const s = c === null ? '' : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const toCsv = (rows: readonly (readonly Cell[])[]) => rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';

const segmentRows = (segments: readonly InsightsSegment[]): Cell[][] => [
  ['key', 'label', 'questions', 'previous_questions', 'median_hours_to_first_answer', 'previous_median_hours_to_first_answer', 'resolution_rate', 'previous_resolution_rate', 'csat', 'previous_csat', 'deflections', 'previous_deflections'],
  ...segments.map((s) => [s.key, s.label, s.questions.current, s.questions.previous, s.medianHoursToFirstAnswer.current, s.medianHoursToFirstAnswer.previous, s.resolutionRate.current, s.resolutionRate.previous, s.csat.current, s.csat.previous, s.deflections.current, s.deflections.previous]),
];

/** One insights table as CSV rows, the header first: what `GET /v1/insights/export` answers. */
export function insightsTable(i: Insights, table: InsightsTable): Cell[][] {
  const metric = (name: string, c: Comparison): Cell[] => [name, c.current, c.previous];
  switch (table) {
    case 'summary':
      return [
        ['metric', 'current', 'previous'],
        metric('median_hours_to_first_answer', i.timeToFirstAnswer.median),
        metric('p90_hours_to_first_answer', i.timeToFirstAnswer.p90),
        metric('resolution_rate', i.resolutionRate.rate),
        metric('questions_asked', i.resolutionRate.asked),
        metric('questions_resolved', i.resolutionRate.resolved),
        metric('helpful_rate_articles', i.satisfaction.helpfulRate.articles),
        metric('helpful_rate_answers', i.satisfaction.helpfulRate.answers),
        metric('csat_average', i.satisfaction.csat.average),
        metric('csat_responses', i.satisfaction.csat.responses),
        metric('csat_satisfied_rate', i.satisfaction.csat.satisfiedRate),
        metric('deflection_rate', i.deflectionRate.rate),
        metric('deflections', i.deflectionRate.deflections),
        metric('threads', i.volume.totals.threads),
        metric('posts', i.volume.totals.posts),
        metric('questions', i.volume.totals.questions),
        metric('answers', i.volume.totals.answers),
        metric('searches', i.search.searches),
        metric('search_click_through_rate', i.search.clickThroughRate),
        metric('search_zero_result_rate', i.search.zeroResultRate),
      ];
    case 'timeToFirstAnswer':
      return [['week', 'median_hours', 'p90_hours', 'answered'], ...i.timeToFirstAnswer.trend.map((w) => [w.week, w.median, w.p90, w.answered])];
    case 'resolutionRate':
      return [['week', 'asked', 'resolved', 'rate'], ...i.resolutionRate.trend.map((w) => [w.week, w.asked, w.resolved, w.rate])];
    case 'volume':
      return [['week', 'threads', 'posts', 'questions', 'answers'], ...i.volume.weekly.map((w) => [w.week, w.threads, w.posts, w.questions, w.answers])];
    case 'csat':
      return [['score', 'responses'], ...i.satisfaction.csat.distribution.map((n, k) => [k + 1, n])];
    case 'byTier':
      return segmentRows(i.byTier);
    case 'byOrg':
      return segmentRows(i.byOrg);
    case 'byCategory':
      return segmentRows(i.byCategory);
    case 'byProduct':
      return segmentRows(i.byProduct);
    case 'unanswered':
      return [
        ['id', 'title', 'category', 'asked_at', 'age_hours', 'past_sla', 'author', 'organisation', 'tier'],
        ...i.unanswered.items.map((q) => [q.id, q.title, q.category, q.askedAt, q.ageHours, q.pastSla, q.author.name, q.author.orgName, q.author.tier]),
      ];
    case 'topPeople':
      return [['id', 'name', 'organisation', 'accepted_answers', 'helpful_votes', 'previous_accepted_answers', 'previous_helpful_votes'], ...i.topContributors.people.map((p) => [p.id, p.name, p.orgName, p.acceptedAnswers, p.helpfulVotes, p.previous.acceptedAnswers, p.previous.helpfulVotes])];
    case 'topOrgs':
      return [['id', 'name', 'tier', 'accepted_answers', 'helpful_votes', 'previous_accepted_answers', 'previous_helpful_votes'], ...i.topContributors.orgs.map((o) => [o.id, o.name, o.tier, o.acceptedAnswers, o.helpfulVotes, o.previous.acceptedAnswers, o.previous.helpfulVotes])];
    case 'topQueries':
      return [['query', 'count', 'previous_count', 'click_through_rate'], ...i.search.topQueries.map((q) => [q.query, q.count, q.previousCount, q.clickThroughRate])];
    case 'zeroResults':
      return [['query', 'count', 'previous_count', 'last_searched_at'], ...i.search.zeroResults.map((q) => [q.query, q.count, q.previousCount, q.lastSearchedAt])];
  }
}
