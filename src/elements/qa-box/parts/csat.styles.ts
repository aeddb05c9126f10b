import { css } from 'lit';

/** "Did this solve your problem?" under an accepted question. */
export const csatStyles = css`
  .csat {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin-block: var(--_space);
  }
  .csat fieldset {
    border: 0;
    padding: 0;
    margin: 0;
  }
  .csat legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: calc(var(--_space) / 2);
  }
  .csat-scale {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .csat-point {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 4px 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .csat-point:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .csat-number {
    font-weight: 650;
  }
  .csat-label {
    color: var(--_muted);
    font-size: 0.87em;
  }
  .csat-comment {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.93em;
  }
  .csat-comment textarea {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    padding: 6px;
    resize: vertical;
  }
  .csat-error {
    color: var(--_danger);
  }
  .csat .btn {
    align-self: flex-start;
  }
`;
