/**
 * How a Markdown body mentions someone: `@[Display Name](person-id)`. The composer inserts it when a
 * suggestion from `GET /v1/people?q=` is picked; core/markdown renders it as a chip; the server
 * notifies each person mentioned once per post (edits included). The name is for readers of the raw
 * text only: the id decides who is notified.
 */
export const MENTION_PATTERN = /@\[([^\]\n]{1,80})\]\(([A-Za-z0-9_.:-]{1,128})\)/g;

/** The Markdown that mentions `person`. Brackets in the name are dropped so the syntax stays intact. */
export const mentionMarkdown = (person: { id: string; name: string }): string =>
  `@[${person.name.replace(/[[\]\n]/g, '').slice(0, 80) || person.id}](${person.id})`;

/** The ids a body mentions, each once, in order of first mention. */
export function mentionedIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION_PATTERN)].map((m) => m[2]))];
}
