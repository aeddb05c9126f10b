import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { dataTable } from './data-table.js';
import { linearScale } from './scale.js';

/** One line of a trend chart: a value per period, null where there is nothing to measure. */
export interface TrendSeries {
  label: string;
  values: readonly (number | null)[];
}

export interface TrendChart {
  title: string;
  /** The period each value belongs to (a week's first day, formatted). */
  periods: readonly string[];
  series: readonly TrendSeries[];
  /** Formats a value for the axis, the points' titles and the data table. */
  format: (value: number) => string;
  /** The data table's first column heading ("Week"). */
  periodHeading: string;
}

// The drawing's own coordinate system; the SVG scales to its box and keeps the proportions.
const W = 360;
const H = 170;
const PAD = { top: 10, right: 10, bottom: 24, left: 44 };

/** Unbroken runs of points: a null value breaks the line instead of dropping it to zero. */
function runs(points: readonly ([number, number] | null)[]): [number, number][][] {
  const out: [number, number][][] = [[]];
  for (const p of points) {
    if (p) out[out.length - 1]!.push(p);
    else if (out[out.length - 1]!.length) out.push([]);
  }
  return out.filter((r) => r.length);
}

/**
 * A line chart of values per period with its data table. The SVG is decoration for sighted readers
 * (`aria-hidden`); the visually hidden table carries the same numbers for screen readers.
 */
export function trendChart(c: TrendChart): TemplateResult {
  const all = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const y = linearScale(Math.max(0, ...all), H - PAD.bottom, PAD.top);
  const n = c.periods.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : ((W - PAD.left - PAD.right) * i) / (n - 1));
  // About five period labels, whatever the number of periods.
  const every = Math.max(1, Math.ceil(n / 5));
  const lines: SVGTemplateResult[] = c.series.map((s, k) => {
    const pts = s.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as [number, number])));
    return svg`<g class="series s${k}">
      ${runs(pts).map((r) => (r.length === 1 ? svg`<circle cx=${r[0]![0]} cy=${r[0]![1]} r="2.5"></circle>` : svg`<polyline points=${r.map((p) => p.join(',')).join(' ')}></polyline>`))}
    </g>`;
  });
  return html`<figure class="chart" part="chart">
    ${c.series.length > 1
      ? html`<ul class="legend" aria-hidden="true">${c.series.map((s, k) => html`<li class="s${k}"><span class="swatch"></span>${s.label}</li>`)}</ul>`
      : nothing}
    <svg viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false" dir="ltr">
      <g class="grid">
        ${y.ticks.map((t) => svg`<line x1=${PAD.left} x2=${W - PAD.right} y1=${y(t)} y2=${y(t)}></line>
          <text x=${PAD.left - 6} y=${y(t)} dy="0.32em" text-anchor="end">${c.format(t)}</text>`)}
      </g>
      <g class="axis">
        ${c.periods.map((p, i) => (i % every === 0 || i === n - 1 ? svg`<text x=${x(i)} y=${H - 6} text-anchor="middle">${p}</text>` : nothing))}
      </g>
      ${lines}
    </svg>
    ${dataTable(
      c.title,
      [c.periodHeading, ...c.series.map((s) => s.label)],
      c.periods.map((p, i) => [p, ...c.series.map((s) => (s.values[i] == null ? '–' : c.format(s.values[i]!)))]),
    )}
  </figure>`;
}
