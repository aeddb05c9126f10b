import { css } from 'lit';

/** The popover's list of topics and notifications. */
export const listStyles = css`
  .actions {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    flex-wrap: wrap;
    justify-content: flex-end;
  }
  .groups {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .topic {
    font-size: 13px;
    font-weight: 600;
    color: var(--_muted);
    margin-block-end: calc(var(--_space) * 0.5);
    overflow-wrap: anywhere;
  }
  .items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 2px;
  }
  .item {
    display: flex;
    align-items: start;
    gap: calc(var(--_space) * 0.5);
    border-radius: var(--_radius);
  }
  .item.unread {
    background: var(--_surface-2);
  }
  .open {
    flex: 1;
    min-inline-size: 0;
    display: grid;
    grid-template-columns: 10px minmax(0, 1fr);
    column-gap: var(--_space);
    text-align: start;
    background: none;
    border: 0;
    border-radius: var(--_radius);
    padding: var(--_space);
    cursor: pointer;
    color: var(--_text);
  }
  .open:hover {
    background: var(--_surface-2);
  }
  .open > :not(.dot) {
    grid-column: 2;
  }
  .dot {
    grid-column: 1;
    grid-row: 1;
    align-self: center;
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: var(--_accent);
  }
  .what {
    font-weight: 600;
  }
  .read .what {
    font-weight: 400;
  }
  .excerpt {
    color: var(--_muted);
    font-size: 13px;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .when {
    color: var(--_muted);
    font-size: 12px;
  }
  .mark {
    margin-block-start: calc(var(--_space) * 0.5);
    white-space: nowrap;
  }
  .more {
    margin-block-start: var(--_space);
    inline-size: 100%;
  }
`;
