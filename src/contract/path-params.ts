import * as v from 'valibot';
import { Id } from './common.js';
import { FOLLOW_KINDS, type FollowKind } from './notifications.js';

/*
 * The path parameters of the endpoint table (`{id}`, `{deliveryId}`, `{kind}`): what the server
 * accepts in them and what the OpenAPI document says about them. They live here and not in the
 * endpoint tables because the SDK loads those tables and never validates a path it builds itself:
 * this module is the server's and the document's, and costs the SDK's bundles nothing.
 *
 * A parameter that breaks its rule is refused before any handler runs:
 * - an id (`{id}`, `{deliveryId}`) answers 404, as an unknown id does: no such thing can exist;
 * - a follow's `{kind}` and `{id}` answer 400: a category or tag is a name, not a lookup, so a bad
 *   one is a malformed request rather than a missing thing.
 */

const upTo = (max: number, what: string) => v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.description(what));

/** Widest first: a category may be named like the thread's `category` field (80), a tag like `Tag` (40). */
export const FOLLOW_TARGETS = {
  thread: upTo(128, 'A thread id'),
  question: upTo(128, 'A question id'),
  category: upTo(80, 'A category, as threads and questions name it'),
  tag: upTo(40, 'A tag'),
} as const satisfies Record<FollowKind, v.GenericSchema>;

export interface PathParam {
  schema: v.GenericSchema;
  /** What a value the schema refuses answers. */
  status: 400 | 404;
}

const ID: PathParam = { schema: v.pipe(Id, v.description('An id this server gave out: 1-128 characters.')), status: 404 };
const FOLLOW_KIND: PathParam = { schema: v.pipe(v.picklist(FOLLOW_KINDS), v.description('What is followed.')), status: 400 };
const FOLLOW_TARGET: PathParam = {
  schema: upTo(128, 'What is followed: a thread or question id (at most 128 characters), a category (at most 80) or a tag (at most 40).'),
  status: 400,
};

/** The rule for parameter `name` of the path template `path` (`/v1/follows/{kind}/{id}`); undefined for one without a rule. */
export function pathParam(path: string, name: string): PathParam | undefined {
  if (path.startsWith('/v1/follows/')) return name === 'kind' ? FOLLOW_KIND : name === 'id' ? FOLLOW_TARGET : undefined;
  return name === 'id' || name.endsWith('Id') ? ID : undefined;
}
