import { css } from 'lit';

/** `<confab-forum-feed>`'s own layout (the list view; the lazily loaded parts bring theirs: panels.styles.ts, live.ts). Logical properties throughout, so RTL needs nothing extra. */
export const feedStyles = css`
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
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .feed {
    display: grid;
    container-type: inline-size;
  }
  /* In a narrow sidebar the avatar costs the title a third of its width. */
  @container (max-width: 300px) {
    .item > .avatar {
      display: none;
    }
  }
  .item {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--_space) * 1.25);
    padding: calc(var(--_space) * 1.5) var(--_space);
    border-block-end: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
    min-width: 0;
  }
  .item:last-child {
    border-block-end: 0;
  }
  .item:hover {
    background: var(--_surface-2);
  }
  .item-main {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 4px;
  }
  .title {
    margin: 0;
    font-size: 1em;
    line-height: 1.35;
    overflow-wrap: anywhere;
  }
  .title-link {
    all: unset;
    color: var(--_text);
    font-weight: 650;
    cursor: pointer;
  }
  .title-link:hover {
    color: var(--_accent);
    text-decoration: underline;
  }
  .excerpt {
    margin: 0;
    color: var(--_muted);
    font-size: 0.92em;
  }
  /* Separators sit in the gap before an item; one that would start a wrapped line falls outside the
     box and is clipped, so no line begins with a dot. */
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: calc(var(--_space) * 2);
    row-gap: 2px;
    overflow: hidden;
  }
  .meta > .avatar {
    margin-inline-end: calc(var(--_space) * -1);
  }
  .author {
    color: var(--_text);
    font-weight: 600;
  }
  .org,
  .meta time,
  .replies {
    position: relative;
  }
  .org::before,
  .meta time::before,
  .replies::before {
    content: '·';
    position: absolute;
    inset-inline-start: calc(var(--_space) * -2);
    width: calc(var(--_space) * 2);
    text-align: center;
    color: var(--_muted);
  }
  /* A row's Report sits at the end of the meta line, quieter than the title it is about. */
  .row-report {
    margin-inline-start: auto;
    font-weight: 500;
    color: var(--_muted);
  }
  .solved {
    color: var(--_success);
    font-weight: 700;
  }
  .solved::before {
    content: '✓ ';
  }
  .flag, .mod-badge {
    font-weight: 600;
    font-size: 0.9em;
  }
  .flag.pinned::before {
    content: '📌 ';
  }
  .flag.locked::before {
    content: '🔒 ';
  }
  .mod-badge {
    color: var(--_warning);
  }
  .mod-badge.hidden {
    color: var(--_danger);
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 2px 0 0;
    padding: 0;
    list-style: none;
  }
  .tags .chip {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .more {
    margin-block-start: var(--_space);
    width: 100%;
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton .bar {
      animation: none;
    }
  }
`;
