import { css } from 'lit';

/** The action form (parts/action-form.ts): a bordered box under the row or the bulk bar. */
export const formStyles = css`
  .action-form {
    display: grid;
    gap: var(--_space);
    margin-block-start: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  .form-title {
    margin: 0;
    font-size: 0.95em;
  }
  textarea.input {
    min-height: 56px;
  }
  .form-error {
    color: var(--_danger);
  }
  .form-actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
  }
`;
