import * as v from 'valibot';
import { Id, Timestamp, Tier } from './common.js';
import { DayInput, TimestampInput } from './dates.js';

/*
 * Community insights for vendor staff (issue 15): the numbers behind `<confab-insights>`.
 * Every headline figure comes as a `Comparison`: its value over the asked period and over the period
 * of equal length just before it. Rates are in [0, 1]; hours are decimal hours. `null` means "nothing
 * to compute it from" (no questions answered, no feedback given...), never zero.
 */

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Rate = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));
const Hours = v.nullable(v.pipe(v.number(), v.minValue(0)));
/** A calendar day, `YYYY-MM-DD` (UTC). */
const Day = v.pipe(v.string(), v.isoDate());

/** One figure over the asked period and over the previous period of equal length. */
export const Comparison = v.object({ current: v.nullable(v.number()), previous: v.nullable(v.number()) });
export type Comparison = v.InferOutput<typeof Comparison>;

/**
 * `from` and `to` are days (`YYYY-MM-DD`, UTC, both included) or ISO instants (`to` excluded). Without
 * `to` the period ends now; without `from` it is the 30 days before `to`. At most 731 days.
 */
export const InsightsQuery = v.object({
  from: v.optional(v.union([DayInput, TimestampInput])),
  to: v.optional(v.union([DayInput, TimestampInput])),
});
export type InsightsQuery = v.InferInput<typeof InsightsQuery>;

/** The periods the figures cover, as instants: `from` included, `to` excluded. */
export const InsightsRange = v.object({
  from: Timestamp,
  to: Timestamp,
  previousFrom: Timestamp,
  previousTo: Timestamp,
});
export type InsightsRange = v.InferOutput<typeof InsightsRange>;

/** A week of a trend: `week` is its Monday (`YYYY-MM-DD`, UTC). Weeks cut by the range count only the part inside it. */
export const TimeToFirstAnswerWeek = v.object({ week: Day, median: Hours, p90: Hours, answered: Count });
export const ResolutionWeek = v.object({ week: Day, asked: Count, resolved: Count, rate: Rate });
export const VolumeWeek = v.object({ week: Day, threads: Count, posts: Count, questions: Count, answers: Count });
export type VolumeWeek = v.InferOutput<typeof VolumeWeek>;

/** Hours from a question to its first answer, over the questions asked in the period that got one. */
export const TimeToFirstAnswer = v.object({
  median: Comparison,
  p90: Comparison,
  trend: v.array(TimeToFirstAnswerWeek),
});
export type TimeToFirstAnswer = v.InferOutput<typeof TimeToFirstAnswer>;

/** Questions asked in the period that now have an accepted answer, over the questions asked. */
export const ResolutionRate = v.object({
  rate: Comparison,
  asked: Comparison,
  resolved: Comparison,
  trend: v.array(ResolutionWeek),
});
export type ResolutionRate = v.InferOutput<typeof ResolutionRate>;

/** Answers to "Did this solve your problem?" given in the period: the average and how many gave each score 1..5. */
export const Csat = v.object({
  average: Comparison,
  responses: Comparison,
  /** The share of answers scoring 4 or 5. */
  satisfiedRate: Comparison,
  /** Counts of scores 1 to 5, in that order. */
  distribution: v.pipe(v.array(Count), v.length(5)),
});
export type Csat = v.InferOutput<typeof Csat>;

export const Satisfaction = v.object({
  /** "Was this helpful" yes over all answers for articles; up-votes over all votes for answers. */
  helpfulRate: v.object({ articles: Comparison, answers: Comparison }),
  csat: Csat,
});
export type Satisfaction = v.InferOutput<typeof Satisfaction>;

/** Deflections (an existing answer chosen instead of asking) over deflections plus questions asked. */
export const DeflectionRate = v.object({ rate: Comparison, deflections: Comparison, asked: Comparison });
export type DeflectionRate = v.InferOutput<typeof DeflectionRate>;

export const Volume = v.object({
  totals: v.object({ threads: Comparison, posts: Comparison, questions: Comparison, answers: Comparison }),
  weekly: v.array(VolumeWeek),
});
export type Volume = v.InferOutput<typeof Volume>;

/**
 * The headline metrics of one slice of the community: a partner tier, a partner organisation, a
 * category or a product. Questions belong to their asker's tier and organisation.
 */
export const InsightsSegment = v.object({
  /** The tier, organisation id, category or product; `(none)` for questions without one (vendor staff, no product). */
  key: v.string(),
  /** What to show: the organisation's name, the category's label (`categoryLabel`), else the key. */
  label: v.string(),
  questions: Comparison,
  medianHoursToFirstAnswer: Comparison,
  resolutionRate: Comparison,
  csat: Comparison,
  deflections: Comparison,
});
export type InsightsSegment = v.InferOutput<typeof InsightsSegment>;

/** A question still without an answer, oldest first. */
export const UnansweredQuestion = v.object({
  id: Id,
  title: v.string(),
  /** The category's id (a slug). */
  category: v.string(),
  /**
   * What to show for the category: its name, or the id made readable (`categoryLabel`). Optional: servers
   * before it leave it out, and the element then makes the label from the id.
   */
  categoryLabel: v.optional(v.string()),
  askedAt: Timestamp,
  ageHours: v.pipe(v.number(), v.minValue(0)),
  /** Older than the server's SLA (`slaHours`). */
  pastSla: v.boolean(),
  author: v.object({ id: Id, name: v.string(), orgName: v.nullable(v.string()), tier: v.nullable(Tier) }),
});
export type UnansweredQuestion = v.InferOutput<typeof UnansweredQuestion>;

export const Unanswered = v.object({
  slaHours: v.pipe(v.number(), v.minValue(0)),
  /** All unanswered questions, and those past the SLA, whatever the period. */
  total: Count,
  pastSla: Count,
  /** The oldest ones (at most 50). */
  items: v.array(UnansweredQuestion),
});
export type Unanswered = v.InferOutput<typeof Unanswered>;

/** Accepted answers written and helpful (up-)votes received in the period, and in the previous one. */
const ContributionCounts = {
  acceptedAnswers: Count,
  helpfulVotes: Count,
  previous: v.object({ acceptedAnswers: Count, helpfulVotes: Count }),
};
export const TopPerson = v.object({ id: Id, name: v.string(), orgName: v.nullable(v.string()), ...ContributionCounts });
export type TopPerson = v.InferOutput<typeof TopPerson>;
export const TopOrg = v.object({ id: Id, name: v.string(), tier: v.nullable(Tier), ...ContributionCounts });
export type TopOrg = v.InferOutput<typeof TopOrg>;
export const TopContributors = v.object({ people: v.array(TopPerson), orgs: v.array(TopOrg) });
export type TopContributors = v.InferOutput<typeof TopContributors>;

/** A knowledge-base query (lower-cased, spaces collapsed) with how often it was searched. */
export const SearchQueryStat = v.object({
  query: v.string(),
  count: Count,
  previousCount: Count,
  /** Searches of it followed by a click on a result, over its searches. */
  clickThroughRate: Rate,
});
export type SearchQueryStat = v.InferOutput<typeof SearchQueryStat>;

/** A query that found nothing: a content gap. */
export const ZeroResultQuery = v.object({ query: v.string(), count: Count, previousCount: Count, lastSearchedAt: Timestamp });
export type ZeroResultQuery = v.InferOutput<typeof ZeroResultQuery>;

export const SearchInsights = v.object({
  searches: Comparison,
  /** Searches followed by at least one click on a result, over searches. */
  clickThroughRate: Comparison,
  /** Searches that found nothing, over searches. */
  zeroResultRate: Comparison,
  topQueries: v.array(SearchQueryStat),
  zeroResults: v.array(ZeroResultQuery),
});
export type SearchInsights = v.InferOutput<typeof SearchInsights>;

/** `GET /v1/insights`: everything `<confab-insights>` shows, for one period and the one before it. */
export const Insights = v.object({
  range: InsightsRange,
  timeToFirstAnswer: TimeToFirstAnswer,
  resolutionRate: ResolutionRate,
  satisfaction: Satisfaction,
  deflectionRate: DeflectionRate,
  volume: Volume,
  byTier: v.array(InsightsSegment),
  byOrg: v.array(InsightsSegment),
  byCategory: v.array(InsightsSegment),
  byProduct: v.array(InsightsSegment),
  unanswered: Unanswered,
  topContributors: TopContributors,
  search: SearchInsights,
});
export type Insights = v.InferOutput<typeof Insights>;

/** The tables `GET /v1/insights/export` writes as CSV, one row per line, a header first. */
export const INSIGHTS_TABLES = [
  'summary', 'timeToFirstAnswer', 'resolutionRate', 'volume', 'csat',
  'byTier', 'byOrg', 'byCategory', 'byProduct',
  'unanswered', 'topPeople', 'topOrgs', 'topQueries', 'zeroResults',
] as const;
export const InsightsTable = v.picklist(INSIGHTS_TABLES);
export type InsightsTable = v.InferOutput<typeof InsightsTable>;

export const InsightsExportQuery = v.object({
  table: InsightsTable,
  format: v.optional(v.picklist(['csv'])),
  from: v.optional(v.union([DayInput, TimestampInput])),
  to: v.optional(v.union([DayInput, TimestampInput])),
});
export type InsightsExportQuery = v.InferInput<typeof InsightsExportQuery>;

/** The CSV text (RFC 4180, CRLF line ends, a header row first). */
export const InsightsCsv = v.string();

/** "Did this solve your problem?", asked of the asker once their question has an accepted answer. */
export const CsatRequest = v.object({
  score: v.pipe(v.number(), v.integer(), v.minValue(1, 'must be 1 to 5'), v.maxValue(5, 'must be 1 to 5')),
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000, 'must be at most 2000 characters'))),
});
export type CsatRequest = v.InferInput<typeof CsatRequest>;

/** The asker's stored answer; answering again replaces it. */
export const CsatAnswer = v.object({
  questionId: Id,
  score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: v.nullable(v.string()),
  answeredAt: Timestamp,
});
export type CsatAnswer = v.InferOutput<typeof CsatAnswer>;

/** Whether the caller should be asked: they asked the question and it has an accepted answer. */
export const CsatStatus = v.object({ eligible: v.boolean(), answer: v.nullable(CsatAnswer) });
export type CsatStatus = v.InferOutput<typeof CsatStatus>;

/**
 * A click on a knowledge-base search result. `searchId` is the one the search returned
 * (`ArticleSearchResult.searchId`); `position` counts from 0 over all pages.
 */
export const SearchClick = v.object({
  searchId: Id,
  articleId: Id,
  position: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
});
export type SearchClick = v.InferInput<typeof SearchClick>;
