import * as v from 'valibot';

/** One field-level failure inside a problem: `path` is dotted, e.g. `items[3].title`. */
export const FieldError = v.object({ path: v.string(), message: v.string() });
export type FieldError = v.InferOutput<typeof FieldError>;

/** RFC 9457 problem details, served as `application/problem+json`. */
export const Problem = v.looseObject({
  type: v.optional(v.string()),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  errors: v.optional(v.array(FieldError)),
});
export type Problem = v.InferOutput<typeof Problem>;
