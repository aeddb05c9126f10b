import { css } from 'lit';

/** The frame, toolbar and headline tiles: the first view. The charts bring their own (parts/charts.styles.ts). */
export const insightsStyles = css`
  .title {
    font-size: 1.2em;
    font-weight: 650;
    margin: 0 0 var(--_space);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space) calc(var(--_space) * 2);
    margin-bottom: var(--_space);
  }
  .toolbar label, .breakdown-metric label {
    display: inline-flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.87em;
    color: var(--_muted);
  }
  .toolbar select, .toolbar input, .breakdown-metric select {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 4px 6px;
    font-size: 1.1em;
  }
  .spacer {
    flex: 1;
  }
  .period {
    color: var(--_muted);
    font-size: 0.93em;
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
    gap: var(--_space);
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .tile {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  .tile-label {
    color: var(--_muted);
    font-size: 0.87em;
  }
  .tile-value {
    font-size: 1.6em;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .tile-detail, .tile-previous {
    color: var(--_muted);
    font-size: 0.8em;
  }
  .tile-change {
    font-size: 0.87em;
    font-weight: 600;
  }
  .tile-change.good { color: var(--_success); }
  .tile-change.bad { color: var(--_danger); }
  .tile-change.neutral { color: var(--_muted); }
  .tile-previous {
    display: block;
    font-weight: 400;
  }
  .breakdown-metric {
    margin-top: calc(var(--_space) * 2);
  }
  button.link {
    background: none;
    border: 0;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
  }
`;
