import { css } from 'lit';

/**
 * The public theming surface. Every element reads these custom properties, falling back to defaults
 * that adapt to light and dark through `light-dark()`. Everything visual lives inside `.base`, whose
 * `color-scheme` the ThemeController sets, so the defaults follow `theme="light|dark|auto"`.
 *
 * Sizes are in px, not rem: portals often set a large root font size, which must not blow us up.
 *
 * @cssprop --confab-font - Font family. Default: inherited from the page.
 * @cssprop --confab-font-size - Base font size. Default: 15px.
 * @cssprop --confab-color-accent - Links, primary buttons, focus rings.
 * @cssprop --confab-color-surface - Background of the widget.
 * @cssprop --confab-color-text - Main text.
 * @cssprop --confab-color-muted - Secondary text: meta lines, hints.
 * @cssprop --confab-color-border - Dividers and field borders.
 * @cssprop --confab-color-danger - Errors, expired and revoked states.
 * @cssprop --confab-color-success - Solved, accepted and verified states.
 * @cssprop --confab-radius - Corner radius of cards and controls. Default: 8px.
 * @cssprop --confab-space - Spacing unit; lower it for a denser layout. Default: 8px.
 */
export const tokens = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--confab-font, inherit);
    font-size: var(--confab-font-size, 15px);
    line-height: 1.5;
    text-align: start;
    -webkit-text-size-adjust: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  *, *::before, *::after {
    box-sizing: border-box;
  }
  .base {
    --_accent: var(--confab-color-accent, light-dark(#1d5fd6, #8ab4ff));
    --_on-accent: light-dark(#fff, #0b1220);
    --_surface: var(--confab-color-surface, light-dark(#ffffff, #17191e));
    --_surface-2: light-dark(#f5f7fa, #20232a);
    --_text: var(--confab-color-text, light-dark(#1c2330, #e7e9ee));
    --_muted: var(--confab-color-muted, light-dark(#5b6472, #a3abb8));
    --_border: var(--confab-color-border, light-dark(#d9dee6, #343944));
    --_danger: var(--confab-color-danger, light-dark(#b42318, #ff8a80));
    --_success: var(--confab-color-success, light-dark(#1a7f37, #6fdc8c));
    --_warning: light-dark(#9a6700, #f2cc60);
    --_radius: var(--confab-radius, 8px);
    --_space: var(--confab-space, 8px);
    --_focus: 0 0 0 2px var(--_surface), 0 0 0 4px var(--_accent);
    color-scheme: light;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    margin: 0;
    min-width: 0;
  }
  .base.dark {
    color-scheme: dark;
  }
  /* Portals reset everything; restate what we rely on instead of inheriting their resets. */
  button, input, textarea, select {
    font: inherit;
    color: inherit;
    margin: 0;
  }
  p, h1, h2, h3, h4, ul, ol, figure, blockquote {
    margin: 0;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after {
      animation-duration: 0.01ms !important;
      /* 0s, not the common 0.01ms: a duration on every element (transition-property defaults to all)
         makes each style change a transition, which shows the old value until the next frame. Nothing
         here listens for transitionend. */
      transition-duration: 0s !important;
    }
  }
`;
