/**
 * What every element story shares: a provider around the element (so stories never touch the global
 * configure()), wrappers for dark and narrow, the Arabic locale, and small helpers for play functions.
 */
import { html, type TemplateResult } from 'lit';
import type { Decorator } from '@storybook/web-components-vite';
import type { CommunityBackend } from '../../src/backends/types.js';
import type { MemoryBackend } from '../../src/backends/memory/index.js';
import { setLocale } from '../../src/core/i18n.js';

/** The element inside its own `<confab-provider>`: the backend is this story's alone. */
export const provided = (backend: CommunityBackend, content: TemplateResult) =>
  html`<confab-provider .backend=${backend}>${content}</confab-provider>`;

/** A dark page behind the element, as a portal in dark mode would have. */
export const onDark: Decorator = (story) =>
  html`<div style="background:#0d1117;color:#e6edf3;color-scheme:dark;padding:16px;min-height:200px">${story()}</div>`;

/** A 320 px column, the narrowest portal sidebar or phone we support. */
export const narrow: Decorator = (story) => html`<div style="width:320px;max-width:100%;outline:1px dashed #8c959f">${story()}</div>`;

/**
 * Arabic for one story: switches every Confab element to `ar` (right-to-left) before rendering and back
 * to English afterwards. Not in the docs page, where it would turn its neighbours Arabic too.
 */
export const arabic = {
  beforeEach: async () => {
    await setLocale('ar');
    return async () => {
      await setLocale('en');
    };
  },
  tags: ['!autodocs'],
};

// ----- play helpers -----

/** Polls `probe` until it returns something truthy, or throws after `timeout` ms naming `what`. */
export async function until<T>(probe: () => T | null | undefined | false, what: string, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Story setup timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** The first `tag` element in the story's canvas, once it exists. */
export const find = <E extends HTMLElement>(canvas: HTMLElement, tag: string) =>
  until(() => canvas.querySelector<E>(tag), `<${tag}>`);

/** `selector` inside `el`'s shadow root, once it is rendered. */
export const inShadow = <E extends Element>(el: Element, selector: string, timeout?: number) =>
  until(() => el.shadowRoot?.querySelector<E>(selector), `${selector} in <${el.localName}>`, timeout);

/** Types `text` into a text field inside `el`'s shadow root, the way a partner would (one input event). */
export async function typeInto(el: Element, selector: string, text: string): Promise<HTMLInputElement> {
  const input = await inShadow<HTMLInputElement>(el, selector);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
  return input;
}

/**
 * Offline with cache: once `ready` says the element shows fresh data (now in the cache), the network
 * goes away and the element is mounted again, as after a reload: it shows the cached data with its
 * offline notice.
 */
export async function reloadOffline(el: HTMLElement, backend: MemoryBackend, ready: () => unknown): Promise<void> {
  await until(ready, 'fresh data before going offline');
  // Let the cache write land before unmounting.
  await new Promise((r) => setTimeout(r, 100));
  backend.setOnline(false);
  const parent = el.parentNode!;
  const next = el.nextSibling;
  el.remove();
  // A real unmount, not a DOM move: the element's resources let go before it comes back.
  await new Promise((r) => setTimeout(r, 0));
  parent.insertBefore(el, next);
  await until(() => el.shadowRoot?.querySelector('[part~="offline-notice"]'), 'the offline notice');
}
