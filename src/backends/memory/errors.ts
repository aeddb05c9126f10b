import * as v from 'valibot';
import { describeIssues, type Problem } from '../../contract/index.js';
import { AuthError, BackendError, ValidationError } from '../../core/errors.js';

/** The errors a REST server would answer with, built the way RestBackend builds them. */
const problem = (status: number, title: string, detail: string): Problem => ({ type: 'about:blank', title, status, detail });

export const notFound = (what: string, id: string) =>
  new BackendError(`${what} ${id} was not found.`, 404, problem(404, 'Not Found', `${what} ${id} was not found.`));

export const unauthorized = (detail = 'Sign in to do this.') =>
  new AuthError(detail, 401, problem(401, 'Unauthorized', detail));

export const forbidden = (detail: string) => new AuthError(detail, 403, problem(403, 'Forbidden', detail));

export const badRequest = (detail: string) => new BackendError(detail, 400, problem(400, 'Bad Request', detail));

/** Parses an argument with its contract schema; a failure becomes a ValidationError naming each path. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown, status = 422): v.InferOutput<S> {
  const r = v.safeParse(schema, input);
  if (r.success) return r.output;
  const errors = describeIssues(r.issues);
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  return fail(new ValidationError(detail, errors, status, { ...problem(status, status === 400 ? 'Bad Request' : 'Unprocessable Content', detail), errors }));
}

function fail(e: Error): never {
  throw e;
}
