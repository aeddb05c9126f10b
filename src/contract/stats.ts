import * as v from 'valibot';

const Rate = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));

/** Community health for vendor staff. Rates are in [0, 1], null when there is nothing to divide. */
export const Stats = v.object({
  medianHoursToFirstAnswer: v.nullable(v.number()),
  resolutionRate: Rate,
  helpfulRate: v.object({ articles: Rate, answers: Rate }),
  weekly: v.array(
    v.object({
      week: v.string(),
      threads: v.number(),
      posts: v.number(),
      questions: v.number(),
      answers: v.number(),
    }),
  ),
});
export type Stats = v.InferOutput<typeof Stats>;
