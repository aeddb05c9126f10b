import * as v from 'valibot';
import { describeIssues } from '../../contract/index.js';
import { ValidationError } from '../../core/errors.js';
import { FieldError } from './text.js';

/**
 * What leaves the adapter matches the contract, or fails naming the field: a Discourse field the
 * mapping needed (`topic_list.topics[2].created_at: missing date`) or a contract field the result
 * broke (`items[0].author.name: ...`). A missing object in the foreign JSON names the step that read it.
 */
export function checked<S extends v.GenericSchema>(schema: S, value: () => unknown, what: string): v.InferOutput<S> {
  const mapped = readForeign(value, what);
  const r = v.safeParse(schema, mapped);
  if (r.success) return r.output;
  const errors = describeIssues(r.issues);
  throw new ValidationError(`Unexpected response from ${what}: ${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

/** A step that reads foreign JSON before any mapping: its FieldError (or a TypeError on a missing object) as the same readable ValidationError. */
export function readForeign<T>(value: () => T, what: string): T {
  try {
    return value();
  } catch (e) {
    const path = e instanceof FieldError ? e.path : '(root)';
    const message = e instanceof FieldError ? e.message.slice(path.length + 2) : `unexpected shape (${e instanceof Error ? e.message : String(e)})`;
    throw new ValidationError(`Unexpected response from ${what}: ${path}: ${message}`, [{ path, message }]);
  }
}
