// A mention's name is written by its author, but the chip shows it as if it were the person's: left as
// typed, `@[Acme Security Team](p-mallory)` would look like a mention of someone else. So every write
// that carries a body has its mentions rewritten to the stored names before it is kept; a mention of
// an id nobody has is kept as plain text (no chip, and nobody to notify). So is a mention of someone the
// author could not find in the people search (moderation/findable.ts): the stored name would tell
// them what the search keeps from them, and the same plain text as for an unknown id does not even
// say that the id exists.
import { mentionMarkdown, mentionMatches, type EndpointName } from '../../../src/contract/index.js';
import type { User } from '../auth.js';
import type { Queryable } from '../db.js';
import { findableBy } from '../moderation/findable.js';

/** The writes whose `body` may mention people. */
export const MENTIONING: ReadonlySet<EndpointName> = new Set<EndpointName>([
  'createThread', 'replyToThread', 'updateThread', 'updatePost', 'askQuestion', 'answerQuestion', 'updateQuestion', 'updateAnswer',
]);

/** The body with each mention (outside code) of someone `writer` may find naming the person its id belongs to. */
export async function withStoredNames(q: Queryable, body: string, writer: User): Promise<string> {
  const matches = mentionMatches(body);
  if (!matches.length) return body;
  const ids = [...new Set(matches.map((m) => m[2]))];
  const params: unknown[] = [ids, writer.id];
  // Oneself too: the search leaves the caller out, but one's own name is no secret to oneself.
  const findable = findableBy('p', writer, params);
  const { rows } = await q.query<{ id: string; name: string }>(
    `SELECT p.id, p.name FROM people p WHERE p.id = ANY($1::text[]) AND (p.id = $2 OR ${findable})`, params,
  );
  const names = new Map(rows.map((r) => [r.id, r.name]));
  let out = '';
  let at = 0;
  for (const m of matches) {
    const name = names.get(m[2]);
    out += body.slice(at, m.index) + (name === undefined ? `@${m[1]}` : mentionMarkdown({ id: m[2], name }));
    at = m.index + m[0].length;
  }
  return out + body.slice(at);
}
