import type * as v from 'valibot';

/** One operation of the v1 REST contract. Paths are relative to the API base URL (`data-api`). */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** A few words: the operation's name in an API reference. */
  summary: string;
  /** One line on what it does and when to call it: the OpenAPI operation's `description`. */
  description: string;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
  /** 200 response body; `undefined` means 204. */
  response?: v.GenericSchema;
  /** `write`: needs a token; `read`: anonymous unless the server requires auth. */
  auth: 'read' | 'write';
  /** Accepts an `Idempotency-Key` header: a replay returns the first response. */
  idempotent?: boolean;
  /** Error statuses this operation answers besides the ones every operation of its kind may (e.g. 409). */
  problems?: { [status: number]: string };
}
