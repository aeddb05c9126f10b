import { css } from 'lit';

/** Styles of `<confab-article-search>`, on top of the shared tokens and controls. */
export const styles = css`
  /* Popup mode is a search field, not a card: the popup and the reader carry their own surfaces. */
  :host(:not([mode='inline'])) .base {
    padding: 0;
    border: 0;
    background: transparent;
  }
  .search {
    position: relative;
    display: grid;
    /* minmax(0, …): no child's intrinsic width may push the element past a 320 px column. */
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
    min-width: 0;
    container-type: inline-size;
  }
  .searchbox {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-height: 42px;
    padding-inline: calc(var(--_space) * 1.25) calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .searchbox:focus-within {
    border-color: var(--_accent);
    box-shadow: var(--_focus);
  }
  .searchbox input {
    flex: 1 1 0;
    width: 0;
    min-width: 0;
    min-height: 40px;
    padding: 0;
    border: 0;
    outline: none;
    background: transparent;
    color: var(--_text);
  }
  .searchbox input:focus-visible {
    box-shadow: none;
  }
  .searchbox input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  /* The field draws its own clear button. */
  .searchbox input::-webkit-search-cancel-button {
    display: none;
  }
  .icon {
    flex: none;
    width: 18px;
    height: 18px;
  }
  .clear {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--_muted);
    font-size: 20px;
    line-height: 1;
    cursor: pointer;
  }
  .clear:hover {
    background: var(--_surface-2);
    color: var(--_text);
  }
  .kbd {
    flex: none;
    margin-inline-end: calc(var(--_space) * 0.5);
    padding: 0 6px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_surface-2);
    color: var(--_muted);
    font: 600 11px/18px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    white-space: nowrap;
  }
  .search.is-popup .searchbox:focus-within .kbd {
    display: none;
  }

  /* ----- popup ----- */
  .popup {
    grid-template-columns: minmax(0, 1fr);
    position: absolute;
    inset-inline: 0;
    inset-block-start: calc(100% + 4px);
    z-index: 20;
    display: grid;
    gap: var(--_space);
    max-height: var(--confab-search-popup-max-height, min(70vh, 480px));
    overflow: auto;
    overscroll-behavior: contain;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    /* A shadow is darkness in both schemes; a text-coloured one would glow in dark mode. */
    box-shadow: 0 12px 32px -8px light-dark(color-mix(in srgb, var(--_text) 28%, transparent), rgb(0 0 0 / 0.6));
  }
  /* In the top layer (see anchored-popup.ts) the controller sets top, left and width. */
  .popup:popover-open {
    position: fixed;
    inset: auto;
    margin: 0;
    height: auto;
  }
  .popup[hidden],
  .listbox[hidden] {
    display: none;
  }
  .popup .state {
    padding: calc(var(--_space) * 2);
  }
  .popup-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding-inline: calc(var(--_space) * 0.5);
  }
  .label {
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .listbox {
    display: grid;
    gap: 2px;
  }
  .option {
    display: grid;
    gap: 2px;
    padding: var(--_space) calc(var(--_space) * 1.25);
    border-radius: calc(var(--_radius) - 2px);
    border-inline-start: 3px solid transparent;
    color: inherit;
    text-decoration: none;
    cursor: pointer;
    min-width: 0;
  }
  .option:hover {
    background: var(--_surface-2);
  }
  .option[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    border-inline-start-color: var(--_accent);
  }
  .option.recent {
    display: flex;
    align-items: center;
    gap: var(--_space);
    color: var(--_text);
  }
  .option.recent .icon {
    color: var(--_muted);
  }
  .option .title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .snippet {
    color: var(--_muted);
    font-size: 0.9em;
  }
  mark {
    background: color-mix(in srgb, var(--_accent) 22%, transparent);
    /* Text colour, not the link's accent: accent on an accent tint falls short of 4.5:1. */
    color: var(--_text);
    border-radius: 2px;
    padding-inline: 1px;
  }
  .is-popup .count {
    padding-inline: calc(var(--_space) * 0.5);
  }

  /* ----- facets ----- */
  .facets {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .facet {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  /* In a narrow column each facet is one row that scrolls sideways instead of a wall of chips. */
  @container (max-width: 480px) {
    .facet {
      flex-wrap: nowrap;
      overflow-x: auto;
      scrollbar-width: thin;
      padding-block-end: 2px;
    }
  }
  .facet-label {
    white-space: nowrap;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
    margin-inline-end: calc(var(--_space) * 0.5);
  }
  button.chip {
    position: relative; /* contains its visually-hidden label inside a scrolling row */
    min-height: 28px;
  }
  button.chip .count {
    padding: 0;
    font-variant-numeric: tabular-nums;
  }
  button.chip:hover {
    border-color: var(--_accent);
  }
  .signin {
    justify-content: space-between;
  }

  /* ----- inline results ----- */
  .results {
    display: grid;
    gap: 0;
    padding: 0;
    margin: 0;
    list-style: none;
  }
  .result {
    display: grid;
    gap: 4px;
    padding: calc(var(--_space) * 1.5) 0;
    border-block-start: 1px solid var(--_border);
    min-width: 0;
  }
  .result .title {
    font-size: 1.05em;
    font-weight: 600;
    line-height: 1.35;
  }
  .result-link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: inherit;
    text-align: start;
    text-decoration: none;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .result-link:hover {
    text-decoration: underline;
  }
  .more {
    justify-self: center;
  }
  .recent-inline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
  }
  .recent-inline button.chip {
    color: var(--_text);
  }

  /* Windows high contrast drops backgrounds: mark the active option and matches with system colours. */
  @media (forced-colors: active) {
    .option[aria-selected='true'] {
      outline: 2px solid Highlight;
      outline-offset: -2px;
    }
    mark {
      background: Mark;
      color: MarkText;
    }
  }
`;
