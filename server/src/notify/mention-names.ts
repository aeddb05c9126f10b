// A mention's name is written by its author, but the chip shows it as if it were the person's: left as
// typed, `@[Acme Security Team](p-mallory)` would look like a mention of someone else. So every write
// that carries a body has its mentions rewritten to the stored names before it is kept; a mention of
// an id nobody has is kept as plain text (no chip, and nobody to notify).
import { mentionMarkdown, mentionMatches, type EndpointName } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';

/** The writes whose `body` may mention people. */
export const MENTIONING: ReadonlySet<EndpointName> = new Set<EndpointName>([
  'createThread', 'replyToThread', 'updateThread', 'updatePost', 'askQuestion', 'answerQuestion', 'updateQuestion', 'updateAnswer',
]);

/** The body with each mention (outside code) naming the person its id belongs to. */
export async function withStoredNames(q: Queryable, body: string): Promise<string> {
  const matches = mentionMatches(body);
  if (!matches.length) return body;
  const ids = [...new Set(matches.map((m) => m[2]))];
  const { rows } = await q.query<{ id: string; name: string }>(`SELECT id, name FROM people WHERE id = ANY($1::text[])`, [ids]);
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
