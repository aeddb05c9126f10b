import type { HighlightRange } from '../../contract/index.js';

/**
 * Markdown to plain text, good enough for excerpts and snippets: the result is shown as text,
 * never parsed, so this only has to read well, not be a full Markdown parser.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/^[\s|:-]*-{3}[\s|:-]*$/gm, ' ')
    .replace(/\s*\|\s*/g, ' ')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([^*_~]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts at a word boundary near `max` characters and adds an ellipsis when it cut. */
export function excerpt(markdown: string, max = 200): string {
  // Headings read as noise in a one-paragraph preview ("What we tried Restarted…"), so they go.
  const text = plainText(markdown.replace(/^\s{0,3}#{1,6}\s.*$/gm, ''));
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max).trimEnd()}…`;
}

const STOPWORDS = new Set(
  'a an and are as at be by can do does for from how i if in is it my of on or our should the to we what when where which why with you your'.split(' '),
);

/** Lower-cased word tokens without stop words, for similarity. */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length > 1 && !STOPWORDS.has(t));
}

/** Search terms as typed: every letter/number run, lower-cased, stop words kept (the user typed them). */
export function searchTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A case-insensitive "word starts with term" matcher; match indices are UTF-16 offsets. */
export function termPattern(term: string, flags = 'giu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(term)}`, flags);
}

/** Ranges where any term starts a word in `text`, in UTF-16 code units, sorted and not overlapping. */
export function highlightRanges(text: string, terms: readonly string[]): HighlightRange[] {
  const found: HighlightRange[] = [];
  for (const term of terms) {
    for (const m of text.matchAll(termPattern(term))) found.push({ start: m.index, length: m[0].length });
  }
  found.sort((a, b) => a.start - b.start || b.length - a.length);
  const out: HighlightRange[] = [];
  for (const r of found) {
    const last = out[out.length - 1];
    if (last && r.start < last.start + last.length) {
      last.length = Math.max(last.length, r.start + r.length - last.start);
    } else out.push({ ...r });
  }
  return out;
}

/** A plain-text window of about `size` characters around the first match of any term. */
export function snippetAround(text: string, terms: readonly string[], size = 180): string {
  let first = -1;
  for (const term of terms) {
    const m = termPattern(term).exec(text);
    if (m && (first < 0 || m.index < first)) first = m.index;
  }
  if (text.length <= size) return text;
  if (first < 0) first = 0;
  let start = Math.max(0, first - 40);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + size);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** Cosine similarity of two token sets, in [0, 1]. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (!sa.size || !sb.size) return 0;
  let shared = 0;
  for (const t of sa) if (sb.has(t) || [...sb].some((u) => stemEq(t, u))) shared++;
  return Math.min(1, shared / Math.sqrt(sa.size * sb.size));
}

/** "register" ~ "registration", "renewals" ~ "renewal": a shared stem of 5+ letters counts as a match. */
function stemEq(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i >= 5 && i >= Math.min(a.length, b.length) - 3;
}
