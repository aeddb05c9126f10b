import type * as v from 'valibot';

/**
 * Turns valibot issues into `path: message` lines, e.g. `items[3].title: expected string`.
 * Shared by the client (ValidationError) and the server (problem+json `errors`).
 */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function issueMessage(issue: v.BaseIssue<unknown>): string {
  // valibot's default reads "Invalid type: Expected string but received 123"; keep the useful part.
  const m = /^Invalid type: Expected (.+?) but received (.+)$/.exec(issue.message);
  if (m) return `expected ${m[1]}, got ${m[2]}`;
  if (issue.kind === 'schema' && issue.type === 'object' && issue.input === undefined) return 'is missing';
  return issue.message;
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): { path: string; message: string }[] {
  return issues.map((i) => ({ path: issuePath(i), message: issueMessage(i) }));
}
