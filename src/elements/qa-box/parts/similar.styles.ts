import { css } from 'lit';

/** The similar questions under the title field: a listbox driven from the title (aria-activedescendant). */
export const similarStyles = css`
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

`;
