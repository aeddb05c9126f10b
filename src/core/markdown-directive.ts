import { noChange, nothing } from 'lit';
import { AsyncDirective, directive, type DirectiveResult, type PartInfo, PartType } from 'lit/async-directive.js';
import { loadOnce } from './load-once.js';

type Renderer = (md: string) => DocumentFragment;

// One dynamic import for the whole page: marked + DOMPurify stay a separate chunk, fetched the first
// time any element shows a Markdown body, never in an element's first load.
let renderer: Renderer | undefined;
const load = loadOnce(() => import('./markdown.js').then((m) => (renderer = m.renderMarkdown)));

class MarkdownDirective extends AsyncDirective {
  private source?: string;
  private rendered?: DocumentFragment;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('markdown() can only be used in child position.');
  }

  render(md: string) {
    if (md === this.source && this.rendered) return noChange;
    this.source = md;
    // Once the renderer is loaded, render synchronously: no flash of plain text on later updates.
    if (renderer) return this.fragment(md);
    load().then(
      () => {
        // While disconnected, reconnected() renders it instead.
        if (this.source === md && this.isConnected) this.setValue(this.fragment(md));
      },
      () => {
        /* chunk failed to load (offline): the plain text stays, which is still readable */
      },
    );
    // Meanwhile the raw Markdown as text: Lit sets it as a text node, never parsed as HTML.
    return md || nothing;
  }

  private fragment(md: string): DocumentFragment | string {
    try {
      return (this.rendered = renderer!(md));
    } catch {
      this.rendered = undefined;
      return md;
    }
  }

  protected override reconnected(): void {
    // The renderer may have arrived while we were disconnected: show the rendered body now.
    if (renderer && this.source !== undefined && !this.rendered) this.setValue(this.fragment(this.source));
  }
}

/**
 * Renders a Markdown body in a Lit template, safely. Shows the plain text until the lazily loaded
 * renderer (`core/markdown`) has arrived, then the sanitised DOM.
 *
 * @example
 * html`<div class="body">${markdown(post.body)}</div>`
 */
// Typed by hand: the build emits declarations without type-checking (rollup.config.mjs, noCheck), and
// an inferred type would name lit-html's internal module instead of the public `lit/async-directive.js`.
export const markdown: (md: string) => DirectiveResult<typeof MarkdownDirective> = directive(MarkdownDirective);

/** Starts loading the Markdown renderer early, e.g. when a thread is about to open. */
export function preloadMarkdown(): Promise<void> {
  return load().then(() => undefined);
}
