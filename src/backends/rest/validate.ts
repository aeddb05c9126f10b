import * as v from 'valibot';
import { describeIssues } from '../../contract/issues.js';
import type { Endpoint } from '../../contract/endpoints.js';
import { ValidationError } from '../../core/errors.js';

const isJsonType = (type: string) => /^application\/([\w.-]+\+)?json\b/i.test(type.trim());

function issuesError(prefix: string, issues: readonly v.BaseIssue<unknown>[], status = 0): ValidationError {
  const errors = describeIssues(issues);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ValidationError(`${prefix}: ${errors[0]!.path}: ${errors[0]!.message}${more}`, errors, status);
}

/**
 * Checks what we are about to send against the contract and returns the parsed value (trimmed,
 * defaults filled), so a bad write fails here with field paths rather than as a 400 later.
 */
export function validateRequest(ep: Endpoint, schema: v.GenericSchema, value: unknown): unknown {
  const r = v.safeParse(schema, value);
  if (!r.success) throw issuesError(`Invalid request to ${ep.method} ${ep.path}`, r.issues);
  return r.output;
}

/**
 * Reads a 2xx body and validates it against the endpoint's response schema.
 * Endpoints without a response schema answer 204: the body is discarded.
 */
export async function readResponse(ep: Endpoint, response: Response): Promise<unknown> {
  if (!ep.response) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const where = `Unexpected response from ${ep.method} ${ep.path}`;
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  // A text endpoint (the CSV export): the body is the value. Kept this small because every first load carries it.
  if (ep.mediaType) return text;
  let data: unknown;
  try {
    if (!isJsonType(type)) throw new TypeError(type);
    data = JSON.parse(text);
  } catch {
    throw new ValidationError(
      `${where}: the response was not valid JSON (content-type ${type || 'missing'})`,
      [{ path: '(root)', message: 'not valid JSON' }],
      response.status,
    );
  }
  const r = v.safeParse(ep.response, data);
  if (!r.success) throw issuesError(where, r.issues, response.status);
  return r.output;
}
