import { css } from 'lit';

/** `<confab-mod-queue>`'s own layout (the action form brings its own: parts/action-form.styles.ts). Logical properties throughout, so RTL needs nothing extra. */
export const modQueueStyles = css`
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
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    flex-wrap: wrap;
    margin-block-end: calc(var(--_space) * 1.5);
  }
  .heading {
    margin: 0;
    font-size: 1.15em;
    line-height: 1.3;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .filter {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    font-size: 0.9em;
    color: var(--_muted);
  }
  .select {
    min-height: 32px;
    padding: 0 calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  .select-all {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    font-weight: 600;
  }
  .selected-count {
    color: var(--_muted);
    font-size: 0.9em;
    margin-inline-end: auto;
  }
  .list {
    display: grid;
  }
  .item {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--_space) * 1.25);
    padding: calc(var(--_space) * 1.5) var(--_space);
    border-block-end: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    min-width: 0;
  }
  .item:last-child {
    border-block-end: 0;
  }
  .select {
    margin-block-start: 4px;
  }
  input[type='checkbox'] {
    width: 18px;
    height: 18px;
    accent-color: var(--_accent);
  }
  .item-main {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 6px;
  }
  .context {
    margin: 0;
    font-size: 1em;
    line-height: 1.35;
    overflow-wrap: anywhere;
  }
  .excerpt {
    margin: 0;
    color: var(--_text);
    font-size: 0.92em;
    overflow-wrap: anywhere;
  }
  .meta, .signals {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px calc(var(--_space) * 1.25);
    color: var(--_muted);
    font-size: 0.88em;
  }
  .meta .avatar {
    width: 24px;
    height: 24px;
    font-size: 0.7em;
  }
  .author {
    color: var(--_text);
    font-weight: 600;
  }
  .status {
    font-weight: 700;
  }
  .status.held {
    color: var(--_warning);
  }
  .status.hidden {
    color: var(--_danger);
  }
  .status.published {
    color: var(--_success);
  }
  .count {
    font-weight: 600;
    color: var(--_text);
  }
  .notes {
    margin: 0;
    padding-inline-start: calc(var(--_space) * 2.5);
    color: var(--_text);
    font-size: 0.9em;
    font-style: italic;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
  }
  .btn.danger {
    color: var(--_danger);
    border-color: var(--_danger);
  }
`;
