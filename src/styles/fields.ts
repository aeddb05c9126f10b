import { css } from 'lit';

/** Labelled form fields: text inputs, textareas, inline errors and hints. Part: input. */
export const fields = css`
  .field {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  .field label, .label {
    font-weight: 600;
    font-size: 0.9em;
  }
  .input {
    display: block;
    width: 100%;
    min-height: 38px;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  textarea.input {
    min-height: 120px;
    resize: vertical;
  }
  .input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.85em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.85em;
  }
`;
