import { html, svg, type TemplateResult } from 'lit';
import { dataTable } from './data-table.js';
import { linearScale } from './scale.js';

export interface BarRow {
  label: string;
  /** null: nothing to measure for this row (no questions, say); drawn as an empty bar. */
  value: number | null;
}

export interface BarChart {
  title: string;
  rows: readonly BarRow[];
  format: (value: number) => string;
  /** The data table's column headings: the category ("Tier") and the measure ("Questions"). */
  headings: readonly [string, string];
}

const W = 360;
const ROW = 26;
const LABEL = 120;
const VALUE = 56;

/** Labels longer than the label column are cut; the full text is in the data table and the title. */
const cut = (s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s);

/**
 * Horizontal bars, one per row (a tier, an organisation, a category), with the value at the end of
 * each bar and the same numbers in a visually hidden table for screen readers.
 */
export function barChart(c: BarChart): TemplateResult {
  const x = linearScale(Math.max(0, ...c.rows.map((r) => r.value ?? 0)), 0, W - LABEL - VALUE);
  const h = Math.max(1, c.rows.length) * ROW;
  return html`<figure class="chart" part="chart">
    <svg viewBox="0 0 ${W} ${h}" aria-hidden="true" focusable="false" dir="ltr">
      ${c.rows.map((r, i) => {
        const top = i * ROW;
        const w = r.value ? Math.max(1, x(r.value)) : 0;
        return svg`<g class="bar-row">
          <title>${r.label}: ${r.value === null ? '–' : c.format(r.value)}</title>
          <text class="bar-label" x=${LABEL - 8} y=${top + ROW / 2} dy="0.32em" text-anchor="end">${cut(r.label)}</text>
          <rect class="bar" x=${LABEL} y=${top + 5} width=${w} height=${ROW - 10} rx="3"></rect>
          <text class="bar-value" x=${LABEL + w + 6} y=${top + ROW / 2} dy="0.32em">${r.value === null ? '–' : c.format(r.value)}</text>
        </g>`;
      })}
    </svg>
    ${dataTable(c.title, c.headings, c.rows.map((r) => [r.label, r.value === null ? '–' : c.format(r.value)]))}
  </figure>`;
}
