import { css } from 'lit';

/** The report dialog (report-dialog.ts) and the moderation notices of the thread and question views. */
export const reportStyles = css`
  .report-dialog {
    max-width: min(28rem, calc(100vw - 2rem));
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .report-dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .report-dialog form {
    display: grid;
    gap: var(--_space);
  }
  .report-title {
    margin: 0;
    font-size: 1.05em;
  }
  .report-reasons {
    display: grid;
    gap: 4px;
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .report-reason {
    display: flex;
    gap: calc(var(--_space) * 0.75);
    align-items: center;
  }
  .report-note-label {
    font-weight: 600;
    font-size: 0.9em;
  }
  .report-actions {
    display: flex;
    gap: var(--_space);
  }
  .reported {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .mod-notice {
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-inline-start: 3px solid var(--_warning);
    background: var(--_surface-2);
    font-size: 0.9em;
  }
  .mod-notice.hidden {
    border-inline-start-color: var(--_danger);
  }
`;
