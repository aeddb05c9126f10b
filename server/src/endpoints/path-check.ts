// Path parameters checked against their rules in the contract (src/contract/path-params.ts) before a
// handler runs: a raw parameter used to reach PostgreSQL as it came, and a 3,000-character tag in
// PUT /v1/follows/tag/{id} was a 500 (the `follows` primary key refused an index row that large).
import * as v from 'valibot';
import { describeIssues, pathParam } from '../../../src/contract/index.js';
import { HttpError } from '../problem.js';
import { compileQueryCheck, NO } from './query-check.js';

type Check = (params: Record<string, string>) => Record<string, string>;

/**
 * The check of a path template's parameters, made once per route at start-up; null when it has none.
 * A parameter without a rule stops the start, so no endpoint can be added with an unchecked one.
 */
export function paramCheck(path: string): Check | null {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (!names.length) return null;
  const rules = names.map((name) => {
    const rule = pathParam(path, name);
    if (!rule) throw new Error(`${path}: the path parameter {${name}} has no rule in src/contract/path-params.ts`);
    return { name, ...rule };
  });
  const all = v.object(Object.fromEntries(rules.map((r) => [r.name, r.schema])));
  // The common case, parameters within their rules, without valibot's per-request datasets (issue 18).
  const accepts = compileQueryCheck(all) ?? ((p: Record<string, unknown>) => (v.is(all, p) ? p : NO));
  return (params) => {
    if (accepts(params) !== NO) return params;
    for (const { name, schema, status } of rules) {
      const r = v.safeParse(schema, params[name]);
      if (r.success) continue;
      const errors = describeIssues(r.issues).map((e) => ({ ...e, path: name }));
      throw status === 404
        ? new HttpError(404, 'Not Found', `No such ${name}: ${errors[0].message}.`, errors)
        : new HttpError(400, 'Bad Request', `The path parameter ${name} is not valid: ${errors[0].message}.`, errors);
    }
    return params;
  };
}
