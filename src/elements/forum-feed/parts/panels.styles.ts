import { css } from 'lit';

/** Styles of the lazily loaded parts: the open thread, the new-thread form and pending writes. */
export const panelStyles = css`
  /* Focus lands on the heading only so screen readers start there; it is not a control. */
  .thread-title:focus-visible,
  .new-thread h3:focus-visible {
    box-shadow: none;
  }
  .input:focus {
    outline: none;
    box-shadow: var(--_focus);
  }
  .pending {
    display: grid;
    gap: var(--_space);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .thread {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .back {
    justify-self: start;
    margin-inline-start: calc(var(--_space) * -1);
  }
  .arrow {
    display: inline-block;
  }
  :host(:dir(rtl)) .arrow,
  [dir='rtl'] .arrow {
    transform: scaleX(-1);
  }
  .thread-title {
    margin: 0;
    outline: none;
    font-size: 1.2em;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .thread-body {
    padding-block-end: var(--_space);
  }
  .replies-heading {
    margin: var(--_space) 0 0;
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
    font-size: 0.95em;
  }
  .posts {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .post {
    display: grid;
    gap: 4px;
    padding-block-end: calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
    min-width: 0;
  }
  .post-head .avatar,
  .thread-meta .avatar {
    width: 24px;
    height: 24px;
    font-size: 10px;
  }
  .post .prose,
  .thread-body {
    overflow-wrap: anywhere;
  }
  .post .prose > :last-child,
  .thread-body > :last-child {
    margin-block-end: 0;
  }
  .prose a {
    color: var(--_accent);
  }
  .reply {
    margin-block-start: var(--_space);
  }
  .new-thread {
    display: grid;
    gap: calc(var(--_space) * 1.25);
    padding: calc(var(--_space) * 1.5);
    margin-block-end: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  .new-thread h3 {
    margin: 0;
    font-size: 1.05em;
  }
  .new-thread textarea.input {
    font: inherit;
  }
  .two {
    display: grid;
    align-items: start;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 180px), 1fr));
    gap: calc(var(--_space) * 1.25);
  }
  .form-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    flex-wrap: wrap;
  }
`;
