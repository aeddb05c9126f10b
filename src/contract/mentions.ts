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

/**
 * The spans of a Markdown body that core/markdown renders as code, where a mention is only text:
 * fenced blocks (``` or ~~~) and inline code spans. Indented code blocks are not found: the composer
 * never writes them, and a mention there would notify without showing a chip.
 */
function codeSpans(body: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let fence: { char: string; len: number; start: number } | null = null;
  let at = 0;
  for (const line of body.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (!fence && f) fence = { char: f[1][0], len: f[1].length, start: at };
    else if (fence && f && f[1][0] === fence.char && f[1].length >= fence.len && line.trim() === f[1]) {
      spans.push([fence.start, at + line.length]);
      fence = null;
    }
    at += line.length + 1;
  }
  if (fence) spans.push([fence.start, body.length]); // an unclosed fence runs to the end
  const inFence = (i: number) => spans.some(([a, b]) => i >= a && i < b);
  for (const m of body.matchAll(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g)) {
    if (!inFence(m.index)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/** Each mention the body shows as a chip: outside code, and not escaped (`\@[…](…)` stays text). */
export function mentionMatches(body: string): RegExpExecArray[] {
  const code = codeSpans(body);
  return [...body.matchAll(MENTION_PATTERN)].filter((m) => body[m.index - 1] !== '\\' && !code.some(([a, b]) => m.index >= a && m.index < b));
}

/** The ids a body mentions (as chips), each once, in order of first mention. */
export function mentionedIds(body: string): string[] {
  return [...new Set(mentionMatches(body).map((m) => m[2]))];
}
