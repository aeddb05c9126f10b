import { css } from 'lit';

/** Layout of `<confab-qa-box>`. Colours come only from the tokens; spacing uses logical properties for RTL. */
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
  .subheading {
    font-size: 1em;
    margin-block-end: var(--_space);
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

  /* Similar questions: a listbox driven from the title field (aria-activedescendant). */
  .similar {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    background: var(--_surface-2);
    min-width: 0;
  }
  .similar .state {
    padding: calc(var(--_space) * 1.5);
  }
  [role='listbox'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  .option {
    display: grid;
    gap: 2px;
    padding: var(--_space) calc(var(--_space) * 1.25);
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid transparent;
    border-inline-start: 3px solid transparent;
    background: var(--_surface);
    cursor: pointer;
    min-width: 0;
  }
  .option:hover,
  .option.active {
    border-color: var(--_accent);
  }
  .option-title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .excerpt {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-weight: 600;
    font-size: 0.85em;
  }
  .badge.success {
    color: var(--_success);
  }

  /* Question view */
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
  .q-title {
    font-size: 1.25em;
    line-height: 1.3;
    overflow-wrap: anywhere;
    margin-block-end: var(--_space);
  }
  .q-title:focus {
    outline: none;
  }
  .q-title:focus-visible {
    box-shadow: var(--_focus);
  }
  .byline {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-width: 0;
  }
  .byline-text {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .byline time {
    white-space: nowrap;
  }
  .byline .name {
    color: var(--_text);
    font-weight: 600;
  }
  .byline .avatar {
    width: 24px;
    height: 24px;
    font-size: 10px;
  }
  .post,
  .answer {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
    align-items: start;
  }
  .post {
    margin-block-start: calc(var(--_space) * 1.5);
  }
  .answer-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
  }
  .answer {
    padding-block: calc(var(--_space) * 2);
    border-block-start: 1px solid var(--_border);
  }
  .answer:focus {
    outline: none;
  }
  .answer:focus-visible {
    box-shadow: var(--_focus);
  }
  .more {
    display: grid;
    justify-items: center;
    gap: var(--_space);
    padding-block: var(--_space);
  }
  .answer.is-accepted {
    border-inline-start: 3px solid var(--_success);
    padding-inline-start: calc(var(--_space) * 1.25);
  }
  .answer-main {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .votes {
    display: grid;
    justify-items: center;
    gap: 2px;
    min-width: 36px;
  }
  .vote {
    display: grid;
    place-items: center;
    width: 32px;
    height: 28px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    color: var(--_muted);
    font-size: 12px;
    cursor: pointer;
  }
  .vote:hover {
    background: var(--_surface-2);
  }
  .vote[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .score {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .deflect {
    justify-content: space-between;
  }
  .pending-item {
    display: grid;
    gap: 6px;
    justify-items: start;
  }
  @media (max-width: 400px) {
    .post,
    .answer {
      gap: var(--_space);
    }
  }
`;
