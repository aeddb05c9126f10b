// Reads an endpoint's query and JSON body and validates them against its contract schemas: the one
// place where request text becomes the typed values handlers receive.
import type { Context } from 'hono';
import * as v from 'valibot';
import { describeIssues, type Endpoint } from '../../../src/contract/index.js';
import { findNul, NUL_MESSAGE } from '../nul.js';
import { HttpError } from '../problem.js';
import { arraysWhereObjects } from './body-shape.js';
import { compileQueryCheck, NO } from './query-check.js';

/** Repeated query keys (`?product=a&product=b`) become arrays; single ones stay strings. */
function flatQuery(c: Context): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const all = c.req.queries();
  for (const k in all) out[k] = all[k].length === 1 ? all[k][0] : all[k];
  return out;
}

/** Each query schema's precompiled check (query-check.ts), made on first use; null where it has none. */
const checks = new WeakMap<v.GenericSchema, ((query: Record<string, unknown>) => unknown) | null>();
const checkFor = (schema: v.GenericSchema) => {
  let check = checks.get(schema);
  if (check === undefined) checks.set(schema, (check = compileQueryCheck(schema)));
  return check;
};

/** The validated query, or `{}` for an endpoint without one. A bad query is a 400. */
export function readQuery(c: Context, ep: Endpoint): unknown {
  if (!ep.query) return {};
  const query = flatQuery(c);
  // The common case, a query the schema accepts, without valibot's per-node datasets; anything
  // else goes through valibot, so its issues are the ones a client always got.
  const accepted = checkFor(ep.query)?.(query) ?? NO;
  if (accepted !== NO) return accepted;
  const r = v.safeParse(ep.query, query);
  if (!r.success) throw new HttpError(400, 'Bad Request', 'The query is not valid.', describeIssues(r.issues));
  return r.output;
}

export interface BodyInput {
  body: unknown;
  /** The bytes as sent: the idempotency fingerprint hashes them. */
  rawBody: string;
}

/**
 * The validated JSON body (undefined for an endpoint without one): 415 if not JSON, 400 if unparsable,
 * 422 if invalid, which here also means a NUL anywhere or an array where the schema says object.
 */
export async function readBody(c: Context, ep: Endpoint): Promise<BodyInput> {
  if (!ep.body) return { body: undefined, rawBody: '' };
  const ct = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (ct !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(ct)) {
    throw new HttpError(415, 'Unsupported Media Type', 'Send the body as application/json.');
  }
  const rawBody = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw new HttpError(400, 'Bad Request', 'The body is not valid JSON.', [{ path: '(root)', message: 'is not valid JSON' }]);
  }
  const nulAt = findNul(parsed);
  if (nulAt) throw new HttpError(422, 'Unprocessable Content', 'The request is not valid.', [{ path: nulAt, message: NUL_MESSAGE }]);
  const arrays = arraysWhereObjects(ep.body, parsed);
  if (arrays.length) throw new HttpError(422, 'Unprocessable Content', 'The request is not valid.', arrays);
  const r = v.safeParse(ep.body, parsed);
  if (!r.success) throw new HttpError(422, 'Unprocessable Content', 'The request is not valid.', describeIssues(r.issues));
  return { body: r.output, rawBody };
}
