import { css } from 'lit';

/**
 * Styles for the reply/answer composer (`src/ui/composer.ts`). A host element adds them to its own
 * `static styles` next to `tokens` and `controls`.
 */
export const composerStyles = css`
  .composer {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    min-width: 0;
  }
  .composer .tabs {
    display: flex;
    gap: 2px;
    border-block-end: 1px solid var(--_border);
  }
  .composer [role='tab'] {
    min-height: 32px;
    padding: 0 var(--_space);
    border: 0;
    border-block-end: 2px solid transparent;
    margin-block-end: -1px;
    background: none;
    color: var(--_muted);
    font: inherit;
    font-size: 0.9em;
    font-weight: 600;
    cursor: pointer;
  }
  .composer [role='tab'][aria-selected='true'] {
    color: var(--_text);
    border-block-end-color: var(--_accent);
  }
  .composer textarea.input {
    font: inherit;
    min-height: 110px;
  }
  .composer .preview {
    min-height: 110px;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow: auto;
  }
  .composer .actions {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  .composer .actions .hint {
    flex: 1 1 12em;
    min-width: 0;
  }
  .composer .send-error {
    display: grid;
    gap: 2px;
  }
  .composer :focus-visible,
  .composer .input:focus {
    outline: none;
    box-shadow: var(--_focus);
  }
  .pending-item {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    opacity: 0.85;
  }
  .pending-badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 0 8px;
    border-radius: 999px;
    background: var(--_surface-2);
    border: 1px solid var(--_warning);
    color: var(--_text);
    font-size: 0.8em;
    font-weight: 600;
  }
`;
