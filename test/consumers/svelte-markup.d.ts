// Svelte and svelte-check are not installed in this repository. The README's Svelte markup is
// therefore checked as JSX whose intrinsic elements are confab/jsx's `svelteHTML.IntrinsicElements`,
// the declaration svelte-check itself reads for these tags: attribute names, value types and event
// handler types are checked; Svelte-only syntax is refused by readme-snippets.mjs with a clear message.
import type {} from 'confab/jsx';

export namespace JSX {
  interface Element {}
  interface IntrinsicElements extends svelteHTML.IntrinsicElements {}
}
export declare function jsx(type: unknown, props: unknown): JSX.Element;
export declare const jsxs: typeof jsx;
export declare const Fragment: unique symbol;
