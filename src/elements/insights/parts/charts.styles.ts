import { css } from 'lit';

/** The charts, tables and queues below the headline tiles. Colours are theme tokens, so dark mode follows. */
export const chartStyles = css`
  .panels {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: repeat(auto-fit, minmax(min(300px, 100%), 1fr));
    margin-top: calc(var(--_space) * 2);
  }
  .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    min-width: 0;
  }
  .panel.wide {
    grid-column: 1 / -1;
  }
  .panel h3, .chart-title {
    font-size: 1em;
    font-weight: 600;
    margin: 0 0 var(--_space);
  }
  .chart svg {
    display: block;
    width: 100%;
    height: auto;
    overflow: visible;
    font-size: 11px;
  }
  .grid line {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .grid text, .axis text, .bar-label, .bar-value {
    fill: var(--_muted);
  }
  .bar-label {
    fill: var(--_text);
  }
  .series polyline {
    fill: none;
    stroke-width: 2;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .series.s0 polyline, .legend .s0 .swatch { stroke: var(--_accent); background: var(--_accent); }
  .series.s1 polyline, .legend .s1 .swatch { stroke: var(--_success); background: var(--_success); }
  .series.s2 polyline, .legend .s2 .swatch { stroke: var(--_warning); background: var(--_warning); }
  .series.s3 polyline, .legend .s3 .swatch { stroke: var(--_muted); background: var(--_muted); }
  .series.s0 circle { fill: var(--_accent); }
  .series.s1 circle { fill: var(--_success); }
  .series.s2 circle { fill: var(--_warning); }
  .series.s3 circle { fill: var(--_muted); }
  .series.s1 polyline { stroke-dasharray: 5 3; }
  .series.s3 polyline { stroke-dasharray: 2 3; }
  .bar {
    fill: var(--_accent);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    list-style: none;
    padding: 0;
    margin: 0 0 calc(var(--_space) / 2);
    color: var(--_muted);
    font-size: 0.87em;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .swatch {
    display: inline-block;
    width: 12px;
    height: 3px;
    border-radius: 2px;
  }
  /* A table wider than a phone's panel scrolls inside it instead of widening the page; positioned, so
     that its visually hidden labels (absolute) are placed, and clipped, inside it too. */
  .table-scroll {
    overflow-x: auto;
    position: relative;
    /* A shadow at an edge with more columns beyond it: the covers scroll with the table (local) and hide
       the shadows (fixed to the box) once an end is reached. */
    background:
      linear-gradient(to right, var(--_surface) 40%, transparent) left / 2em 100% no-repeat local,
      linear-gradient(to left, var(--_surface) 40%, transparent) right / 2em 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, var(--_edge-shadow), transparent) left / 0.75em 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, var(--_edge-shadow), transparent) right / 0.75em 100% no-repeat scroll;
    --_edge-shadow: light-dark(rgb(0 0 0 / 0.2), rgb(0 0 0 / 0.6));
  }
  table.list {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.93em;
  }
  table.list th, table.list td {
    text-align: start;
    padding: 4px 6px;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  table.list th {
    color: var(--_muted);
    font-weight: 600;
  }
  table.list td.num, table.list th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .overdue {
    color: var(--_danger);
    font-weight: 600;
  }
  /* "past target" under a wait stays one line in the narrow column. */
  table.list td.num small {
    white-space: nowrap;
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }
  .panel-none {
    color: var(--_muted);
  }
  /* "Notify experts" in the unanswered queue: the button, its confirm step and its outcome. */
  td.experts {
    min-width: 10em;
  }
  .experts-confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .experts-question {
    flex-basis: 100%;
  }
  .experts-done {
    color: var(--_success);
    font-weight: 600;
  }
  .experts-error {
    display: block;
    color: var(--_danger);
    margin-bottom: calc(var(--_space) / 2);
  }
`;
