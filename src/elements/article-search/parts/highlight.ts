import { html, type TemplateResult } from 'lit';
import type { HighlightRange } from '../../../contract/index.js';

/**
 * Splits plain `text` at the server's highlight ranges into text and `<mark>` pieces, all rendered
 * through Lit text bindings. Titles and snippets are never parsed as HTML: this is why a title of
 * `<img onerror=…>` shows as those characters.
 *
 * Ranges may overlap, come unsorted or run past the end (a server bug must not break rendering);
 * they are clipped and merged first.
 */
export function highlight(text: string, ranges: readonly HighlightRange[] | undefined): Array<string | TemplateResult> {
  const spans = normalise(text.length, ranges ?? []);
  const out: Array<string | TemplateResult> = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) out.push(text.slice(at, start));
    out.push(html`<mark part="mark">${text.slice(start, end)}</mark>`);
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** Sorted, clipped, non-overlapping `[start, end)` pairs. */
export function normalise(length: number, ranges: readonly HighlightRange[]): Array<[number, number]> {
  const spans = ranges
    .map((r): [number, number] => [Math.max(0, r.start), Math.min(length, r.start + r.length)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}
