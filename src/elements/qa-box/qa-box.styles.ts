import { css } from 'lit';

/**
 * Layout of `<confab-qa-box>`'s first view: the ask form and the Back button of the question view's loading
 * state. The lazily loaded parts bring their own styles (similar.styles.ts, question-view.styles.ts,
 * parts.styles.ts). Colours come only from the tokens; spacing uses logical properties for RTL.
 */
export const qaBoxStyles = css`
  [hidden] {
    display: none !important;
  }
  .ask,
  .question-view {
    display: grid;
    gap: calc(var(--_space) * 2);
    min-width: 0;
  }
  .heading {
    font-size: 1.2em;
    line-height: 1.3;
  }
  .label-row {
    display: flex;
    align-items: end;
    justify-content: space-between;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  .tabs {
    display: flex;
    gap: 2px;
  }
  [role='tab'] {
    min-height: 28px;
    padding: 0 var(--_space);
    border: 0;
    border-block-end: 2px solid transparent;
    background: none;
    color: var(--_muted);
    font-size: 0.85em;
    font-weight: 600;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_text);
    border-block-end-color: var(--_accent);
  }
  .preview {
    min-height: 120px;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: auto;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
    gap: calc(var(--_space) * 2);
  }
  .pair .field {
    align-content: start;
  }
  select.input {
    height: 38px;
    padding-block: 0;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .actions {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .actions .hint {
    flex: 1 1 10em;
    overflow-wrap: anywhere;
  }
  .input:focus {
    outline: none;
    box-shadow: var(--_focus);
  }


  /* The Back button: also on the question view's loading state, before its chunk arrives. */
  .toolbar {
    display: flex;
    align-items: center;
  }
  .back {
    margin-inline-start: calc(var(--_space) * -1);
  }
  :host(:dir(rtl)) .arrow,
  [dir='rtl'] .arrow {
    display: inline-block;
    transform: scaleX(-1);
  }
  .ask-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    flex-wrap: wrap;
  }
`;
