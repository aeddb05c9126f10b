import type { ConfabEvent } from '../../core/events.js';

/**
 * The element whose `confab-ask` events `host` listens to: the nearest `<confab-provider>` ancestor
 * (across shadow roots, as embedders nest us in their own components), else the document. Scoping to
 * the provider keeps two communities on one page from prefilling each other's boxes.
 */
export function askSource(host: Element): EventTarget {
  let node: Node | null = host.parentNode;
  while (node) {
    if (node instanceof Element && node.localName === 'confab-provider') return node;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return document;
}

/** Calls `onAsk(query)` for every `confab-ask` heard at `askSource(host)`; returns the unsubscribe function. */
export function listenForAsk(host: Element, onAsk: (query: string) => void): () => void {
  const source = askSource(host);
  const listener = (e: Event) => {
    const query = (e as ConfabEvent<'confab-ask'>).detail?.query;
    if (typeof query === 'string') onAsk(query);
  };
  source.addEventListener('confab-ask', listener);
  return () => source.removeEventListener('confab-ask', listener);
}
