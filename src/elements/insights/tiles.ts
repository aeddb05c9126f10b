import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Comparison, Insights } from '../../contract/insights.js';
import type { Formats } from './format.js';

/** One headline figure: its value now, and how it moved against the previous period. */
interface Tile {
  id: string;
  label: string;
  value: Comparison;
  format: (n: number) => string;
  /** Rates move in percentage points; counts and hours in percent. */
  kind: 'rate' | 'amount';
  /** Time to first answer: down is good. */
  lowerIsBetter?: boolean;
  detail?: string;
}

type Trend = 'up' | 'down' | 'flat' | 'none';

/** The change as text ("+4.2 pts", "−12%") and which way it went; none without both values. */
function change(t: Tile, f: Formats): { text: string; trend: Trend } {
  const { current: c, previous: p } = t.value;
  if (c === null || p === null) return { text: msg('no earlier figure', { id: 'insights-change-none' }), trend: 'none' };
  const delta = t.kind === 'rate' ? (c - p) * 100 : p === 0 ? null : (c - p) / p;
  if (delta === null) return { text: msg('new this period', { id: 'insights-change-new' }), trend: c > 0 ? 'up' : 'flat' };
  const rounded = Math.round(delta * (t.kind === 'rate' ? 10 : 1000)) / (t.kind === 'rate' ? 10 : 1000);
  if (rounded === 0) return { text: msg('no change', { id: 'insights-change-flat' }), trend: 'flat' };
  const sign = rounded > 0 ? '+' : '−';
  const size = t.kind === 'rate' ? msg(str`${f.score(Math.abs(rounded))} pts`, { id: 'insights-points' }) : f.percent(Math.abs(rounded));
  return { text: `${sign}${size}`, trend: rounded > 0 ? 'up' : 'down' };
}

function tile(t: Tile, f: Formats, previousLabel: string): TemplateResult {
  const { text, trend } = change(t, f);
  const good = trend === 'flat' || trend === 'none' ? 'neutral' : (trend === 'up') !== !!t.lowerIsBetter ? 'good' : 'bad';
  const arrow = trend === 'up' ? '▲' : trend === 'down' ? '▼' : '';
  const previous = t.value.previous === null ? '–' : t.format(t.value.previous);
  return html`<li class="tile" part="tile" data-tile=${t.id}>
    <span class="tile-label">${t.label}</span>
    <span class="tile-value">${t.value.current === null ? '–' : t.format(t.value.current)}</span>
    ${t.detail ? html`<span class="tile-detail">${t.detail}</span>` : nothing}
    <span class="tile-change ${good}" part="change">
      ${arrow ? html`<span aria-hidden="true">${arrow}</span>` : nothing}
      ${text} <span class="tile-previous">${msg(str`${previousLabel}: ${previous}`, { id: 'insights-previous-value' })}</span>
    </span>
  </li>`;
}

/** The headline tiles: what a channel manager reads first, each against the previous period. */
export function tiles(i: Insights, f: Formats): TemplateResult {
  const previousLabel = msg('previous period', { id: 'insights-previous-period' });
  const ttfa = i.timeToFirstAnswer;
  const csat = i.satisfaction.csat;
  const list: Tile[] = [
    {
      id: 'time-to-first-answer', label: msg('Median time to first answer', { id: 'insights-tile-ttfa' }), value: ttfa.median, format: f.hours, kind: 'amount', lowerIsBetter: true,
      detail: ttfa.p90.current === null ? undefined : msg(str`90% within ${f.hours(ttfa.p90.current)}`, { id: 'insights-tile-ttfa-p90' }),
    },
    {
      id: 'resolution-rate', label: msg('Resolution rate', { id: 'insights-tile-resolution' }), value: i.resolutionRate.rate, format: f.percent, kind: 'rate',
      detail: msg(str`${f.count(i.resolutionRate.resolved.current ?? 0)} of ${f.count(i.resolutionRate.asked.current ?? 0)} questions`, { id: 'insights-tile-resolution-detail' }),
    },
    {
      id: 'csat', label: msg('Satisfaction (CSAT)', { id: 'insights-tile-csat' }), value: csat.average, format: (n) => `${f.score(n)} / 5`, kind: 'amount',
      detail: msg(str`${f.count(csat.responses.current ?? 0)} answers`, { id: 'insights-tile-csat-detail' }),
    },
    {
      id: 'deflection-rate', label: msg('Deflection rate', { id: 'insights-tile-deflection' }), value: i.deflectionRate.rate, format: f.percent, kind: 'rate',
      detail: msg(str`${f.count(i.deflectionRate.deflections.current ?? 0)} questions not asked`, { id: 'insights-tile-deflection-detail' }),
    },
    { id: 'questions', label: msg('Questions asked', { id: 'insights-tile-questions' }), value: i.volume.totals.questions, format: f.count, kind: 'amount' },
    {
      id: 'search-ctr', label: msg('Search click-through', { id: 'insights-tile-ctr' }), value: i.search.clickThroughRate, format: f.percent, kind: 'rate',
      detail: msg(str`${f.count(i.search.searches.current ?? 0)} searches`, { id: 'insights-tile-ctr-detail' }),
    },
  ];
  return html`<ul class="tiles" part="tiles" role="list">${list.map((t) => tile(t, f, previousLabel))}</ul>`;
}
