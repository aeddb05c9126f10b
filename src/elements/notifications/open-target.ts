import type { Notification } from '../../contract/notifications.js';

/**
 * An element of the page that can open a notification's target inline, such as `<confab-forum-feed>`
 * (threads) or `<confab-qa-box>` (questions): `openItem` answers false for kinds it does not show.
 */
export interface ItemOpener extends Element {
  openItem(kind: string, id: string, anchor?: string | null): boolean;
}

const isOpener = (el: Element): el is ItemOpener => el.localName.includes('-') && typeof (el as Partial<ItemOpener>).openItem === 'function';

/**
 * Asks the custom elements of `root` (the document, or the shadow root the bell lives in), in document
 * order, to open the target; the first that can wins. Any tag counts, so embedders' own tags
 * (`ConfabQaBox.define('acme-qa')`) work too. Returns false when nothing on the page shows that kind.
 */
export function openInPage(root: Document | ShadowRoot, n: Notification): boolean {
  for (const el of root.querySelectorAll('*')) {
    if (isOpener(el) && el.openItem(n.target.kind, n.target.id, n.target.postId ?? null)) {
      el.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      return true;
    }
  }
  return false;
}
