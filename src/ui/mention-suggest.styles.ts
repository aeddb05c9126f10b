import { css } from 'lit';

/**
 * Styles of the @mention popup (`src/ui/mention-suggest.ts`). The parts that render a textarea with
 * suggestions add them to their `styles`. Colours come from the theme tokens, so dark mode follows.
 */
export const mentionStyles = css`
  .mention-anchor {
    position: relative;
    height: 0;
  }
  .mentions {
    position: absolute;
    inset-block-start: 2px;
    inset-inline-start: 0;
    z-index: 10;
    min-width: min(18rem, 100%);
    max-width: 100%;
    max-height: 15rem;
    overflow: auto;
    margin: 0;
    padding: 4px;
    list-style: none;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  }
  .mentions [role='option'] {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    min-height: 36px;
    padding: 2px calc(var(--_space) * 0.5);
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
  }
  .mentions [role='option'] .avatar {
    width: 24px;
    height: 24px;
    font-size: 10px;
  }
  .mentions [aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .mentions [aria-selected='true'] .mention-org {
    color: inherit;
  }
  .mention-name {
    font-weight: 600;
  }
  .mention-org {
    color: var(--_muted);
    font-size: 0.85em;
  }
  @media (forced-colors: active) {
    .mentions [aria-selected='true'] {
      outline: 2px solid Highlight;
    }
  }
`;
