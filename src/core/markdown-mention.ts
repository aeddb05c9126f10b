/**
 * The mention chip of core/markdown: `@[Name](person-id)` (the contract's MENTION_PATTERN) renders as
 * `<span class="mention" data-person="person-id">@Name</span>`. Kept apart from markdown.ts so the one
 * place that lets a `class` and a `data-*` attribute through the sanitiser is small enough to read.
 *
 * Safety: the name and id are HTML-escaped by the renderer, and the sanitiser keeps `class` only as
 * exactly `mention` on a span and `data-person` only on that span with an id of the contract's charset,
 * so raw Markdown can never forge a chip with other attributes (raw HTML is shown as text anyway).
 */
import type { TokenizerAndRendererExtension, Tokens } from 'marked';

/** The contract's MENTION_PATTERN, anchored at the start (a tokenizer must match where it stands). */
const MENTION_AT_START = /^@\[([^\]\n]{1,80})\]\(([A-Za-z0-9_.:-]{1,128})\)/;
const PERSON_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** What the sanitiser must allow for chips, on top of the Markdown allow-list. */
export const mentionChip = { tag: 'span', attributes: ['class', 'data-person'], uriSafe: ['data-person'] } as const;

interface MentionToken extends Tokens.Generic {
  type: 'mention';
  name: string;
  id: string;
}

/** The marked inline extension; `escape` is the renderer's own HTML escaper. */
export function mentionExtension(escape: (s: string) => string): TokenizerAndRendererExtension {
  return {
    name: 'mention',
    level: 'inline',
    start: (src: string) => {
      const at = src.indexOf('@[');
      return at < 0 ? undefined : at;
    },
    tokenizer(src: string): MentionToken | undefined {
      const m = MENTION_AT_START.exec(src);
      return m ? { type: 'mention', raw: m[0], name: m[1], id: m[2] } : undefined;
    },
    renderer: (token) => {
      const { name, id } = token as MentionToken;
      return `<span class="mention" data-person="${escape(id)}">@${escape(name)}</span>`;
    },
  };
}

/** False when attribute `name` with `value` on `node` is a chip attribute outside the one chip shape. */
export function sanitizeMentionAttribute(node: Element, name: string, value: string): boolean {
  if (name === 'class') return node.nodeName === 'SPAN' && value === 'mention';
  if (name === 'data-person') return node.nodeName === 'SPAN' && PERSON_ID.test(value);
  return true;
}
