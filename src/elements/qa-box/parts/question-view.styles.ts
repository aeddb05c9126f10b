import { css } from 'lit';

/** The question view: the question, its answers, votes and the accepted mark. */
export const questionViewStyles = css`
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
  @media (max-width: 400px) {
    .post,
    .answer {
      gap: var(--_space);
    }
  }
`;
