import { css } from 'lit';

/** What the lazily loaded parts share: the similar list and the pending asks (ask-form.ts), and the question view. */
export const partStyles = css`
  .subheading {
    font-size: 1em;
    margin-block-end: var(--_space);
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
  .pending-item {
    display: grid;
    gap: 6px;
    justify-items: start;
  }
`;
