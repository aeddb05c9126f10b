import { css } from 'lit';

/** Styles of results.ts: the popup and its options, facets, inline results. Adopted when it loads. */
export const resultStyles = css`
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
  button.chip .count {
    padding: 0;
    font-variant-numeric: tabular-nums;
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
