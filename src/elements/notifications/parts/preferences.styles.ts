import { css } from 'lit';

/** The preferences panel: one labelled choice per event type. */
export const preferencesStyles = css`
  .prefs {
    display: grid;
    gap: calc(var(--_space) * 1.25);
  }
  .pref {
    display: grid;
    gap: 4px;
  }
  .pref label {
    font-weight: 600;
    font-size: 14px;
  }
  .pref select {
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .hint {
    color: var(--_muted);
    font-size: 13px;
  }
  .row {
    display: flex;
    gap: var(--_space);
    justify-content: flex-end;
  }
`;
