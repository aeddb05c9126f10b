import { css } from 'lit';

/**
 * Styles of `<confab-article-search>`'s first view (the field), on top of the shared tokens and controls.
 * What is under the field brings its own: results.styles.ts, recent-searches.ts and reader.styles.ts.
 */
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
`;
