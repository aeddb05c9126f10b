import { css } from 'lit';

/** The verdict of a verification and its checks. Loaded with the verifier (verification.ts). */
export const verdictStyles = css`
  .verdict {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    justify-items: start;
    width: 100%;
    padding: var(--_space) calc(var(--_space) * 1.25);
    border-radius: var(--_radius);
    background: var(--_surface-2);
    border-inline-start: 4px solid var(--_success);
  }
  .verdict.fail {
    border-inline-start-color: var(--_danger);
  }
  .verdict:focus-visible {
    box-shadow: var(--_focus);
  }
  .verdict:focus {
    outline: none;
  }
  .verdict-title {
    display: flex;
    gap: 6px;
    align-items: flex-start;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .verdict-title .icon {
    margin-block-start: 3px;
  }
  .verdict.ok .verdict-title .icon { color: var(--_success); }
  .verdict.fail .verdict-title .icon { color: var(--_danger); }
  .verdict-why {
    font-size: 0.9em;
  }
  .checks {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
    font-size: 0.88em;
  }
  .checks[hidden] {
    display: none;
  }
  .checks li {
    display: flex;
    gap: 6px;
    align-items: flex-start;
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .checks li > span {
    min-width: 0;
  }
  .checks .icon {
    margin-block-start: 2px;
  }
  .checks li.ok .icon { color: var(--_success); }
  .checks li.fail .icon { color: var(--_danger); }
  .verdict-detail {
    overflow-wrap: anywhere;
  }
  .layout.card .verdict {
    text-align: start;
  }
  .layout.compact .verdict {
    flex: 1 1 100%;
    padding: calc(var(--_space) * 0.5) var(--_space);
    font-size: 0.9em;
  }
`;
