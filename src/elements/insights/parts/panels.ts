import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Insights, InsightsSegment, InsightsTable } from '../../../contract/insights.js';
import type { Formats } from '../format.js';
import { BREAKDOWN_METRICS, type BreakdownMetric, type InsightsHost } from '../host.js';
import { barChart } from './bar-chart.js';
import { chartStyles } from './charts.styles.js';
import { trendChart } from './line-chart.js';
import { expertsCell, expertsHeading, offersExperts } from './expert-requests.js';

/**
 * Everything below the headline tiles: trend charts, the breakdowns by tier, organisation and
 * category, the unanswered queue, the search gaps and top contributors. A lazy part: the tiles show
 * first, and a partner who is refused never downloads any of it.
 */
export const styles = [chartStyles];

const ORG_ROWS = 10;

function exportButton(host: InsightsHost, table: InsightsTable, what: string): TemplateResult {
  const busy = host.exporting === table;
  return html`<button class="btn small ghost" part="button export" aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && host.exportTable(table)}>
    ${busy ? msg('Exporting…', { id: 'insights-exporting' }) : msg('CSV', { id: 'insights-csv' })}<span class="visually-hidden"> ${msg(str`Export ${what}`, { id: 'insights-export-what' })}</span>
  </button>`;
}

/**
 * A table that scrolls sideways inside its panel on a narrow screen rather than widening the page:
 * focusable, so a keyboard can scroll it (axe's scrollable-region-focusable), and named as a group (a
 * region would repeat the panel's landmark).
 */
const scrolling = (title: string, table: TemplateResult) => html`<div class="table-scroll" role="group" aria-label=${title} tabindex="0">${table}</div>`;

function panel(title: string, body: TemplateResult, host: InsightsHost, table: InsightsTable, wide = false): TemplateResult {
  return html`<section class="panel ${wide ? 'wide' : ''}" part="panel" aria-label=${title}>
    <div class="panel-head"><h3>${title}</h3>${exportButton(host, table, title)}</div>
    ${body}
  </section>`;
}

function metricLabel(m: BreakdownMetric): string {
  switch (m) {
    case 'questions': return msg('Questions', { id: 'insights-metric-questions' });
    case 'resolutionRate': return msg('Resolution rate', { id: 'insights-tile-resolution' });
    case 'medianHoursToFirstAnswer': return msg('Median time to first answer', { id: 'insights-tile-ttfa' });
    case 'csat': return msg('Satisfaction (CSAT)', { id: 'insights-tile-csat' });
  }
}

function metricFormat(m: BreakdownMetric, f: Formats): (n: number) => string {
  return m === 'resolutionRate' ? f.percent : m === 'medianHoursToFirstAnswer' ? f.hours : m === 'csat' ? f.score : f.count;
}

function breakdown(host: InsightsHost, f: Formats, title: string, heading: string, segments: readonly InsightsSegment[], table: InsightsTable, limit?: number): TemplateResult {
  const m = host.breakdownMetric;
  const rows = segments.slice(0, limit).map((s) => ({ label: s.key === '(none)' ? msg('Vendor staff or none', { id: 'insights-segment-none' }) : s.label, value: s[m].current }));
  const body = rows.length
    ? barChart({ title: `${title}: ${metricLabel(m)}`, rows, format: metricFormat(m, f), headings: [heading, metricLabel(m)] })
    : html`<p class="panel-none">${msg('Nothing in this period.', { id: 'insights-panel-none' })}</p>`;
  return panel(title, body, host, table);
}

function unansweredQueue(host: InsightsHost, i: Insights, f: Formats): TemplateResult {
  const u = i.unanswered;
  const title = msg('Unanswered questions', { id: 'insights-unanswered' });
  const experts = offersExperts(host);
  const summary = msg(str`${f.count(u.total)} without an answer, ${f.count(u.pastSla)} past the ${f.hours(u.slaHours)} target.`, { id: 'insights-unanswered-summary' });
  const body = u.items.length
    ? html`<p class="panel-note">${summary}</p>
        ${scrolling(title, html`<table class="list">
          <thead><tr>
            <th scope="col">${msg('Question', { id: 'insights-col-question' })}</th>
            <th scope="col">${msg('Asked by', { id: 'insights-col-asked-by' })}</th>
            <th scope="col" class="num">${msg('Waiting', { id: 'insights-col-waiting' })}</th>
            ${expertsHeading(host)}
          </tr></thead>
          <tbody>${u.items.map((q) => {
            const href = host.questionHref(q.id);
            const open = (e: Event) => host.openQuestion(q.id, e);
            return html`<tr>
              <td>${href
                ? html`<a href=${href} part="question-link" @click=${open}>${q.title}</a>`
                : html`<button class="link" part="question-link" @click=${open}>${q.title}</button>`}</td>
              <td>${q.author.name}${q.author.orgName ? html`<br /><small>${q.author.orgName}</small>` : nothing}</td>
              <td class="num ${q.pastSla ? 'overdue' : ''}">${f.age(q.ageHours)}${q.pastSla ? html`<br /><small>${msg('past target', { id: 'insights-past-sla' })}</small>` : nothing}</td>
              ${experts ? expertsCell(host, q) : nothing}
            </tr>`;
          })}</tbody>
        </table>`)}`
    : html`<p class="panel-none">${msg('Every question has an answer.', { id: 'insights-unanswered-none' })}</p>`;
  return panel(title, body, host, 'unanswered', true);
}

function searchGaps(host: InsightsHost, i: Insights, f: Formats): TemplateResult {
  const title = msg('Searches that found nothing', { id: 'insights-search-gaps' });
  const rows = i.search.zeroResults;
  const body = rows.length
    ? scrolling(title, html`<table class="list">
        <thead><tr>
          <th scope="col">${msg('Query', { id: 'insights-col-query' })}</th>
          <th scope="col" class="num">${msg('Searches', { id: 'insights-col-searches' })}</th>
          <th scope="col" class="num">${msg('Before', { id: 'insights-col-before' })}</th>
          <th scope="col">${msg('Last searched', { id: 'insights-col-last' })}</th>
        </tr></thead>
        <tbody>${rows.map((r) => html`<tr><td>${r.query}</td><td class="num">${f.count(r.count)}</td><td class="num">${f.count(r.previousCount)}</td><td>${f.date(r.lastSearchedAt)}</td></tr>`)}</tbody>
      </table>`)
    : html`<p class="panel-none">${msg('Every search found something.', { id: 'insights-search-gaps-none' })}</p>`;
  return panel(title, body, host, 'zeroResults');
}

function topQueries(host: InsightsHost, i: Insights, f: Formats): TemplateResult {
  const title = msg('Top searches', { id: 'insights-top-queries' });
  const rows = i.search.topQueries;
  const body = rows.length
    ? scrolling(title, html`<table class="list">
        <thead><tr>
          <th scope="col">${msg('Query', { id: 'insights-col-query' })}</th>
          <th scope="col" class="num">${msg('Searches', { id: 'insights-col-searches' })}</th>
          <th scope="col" class="num">${msg('Click-through', { id: 'insights-col-ctr' })}</th>
        </tr></thead>
        <tbody>${rows.map((r) => html`<tr><td>${r.query}</td><td class="num">${f.count(r.count)}</td><td class="num">${r.clickThroughRate === null ? '–' : f.percent(r.clickThroughRate)}</td></tr>`)}</tbody>
      </table>`)
    : html`<p class="panel-none">${msg('No searches in this period.', { id: 'insights-top-queries-none' })}</p>`;
  return panel(title, body, host, 'topQueries');
}

function contributors(host: InsightsHost, i: Insights, f: Formats): TemplateResult {
  const title = msg('Top contributors', { id: 'insights-contributors' });
  const people = i.topContributors.people;
  const body = people.length
    ? scrolling(title, html`<table class="list">
        <thead><tr>
          <th scope="col">${msg('Person', { id: 'insights-col-person' })}</th>
          <th scope="col" class="num">${msg('Accepted answers', { id: 'insights-col-accepted' })}</th>
          <th scope="col" class="num">${msg('Helpful votes', { id: 'insights-col-helpful' })}</th>
        </tr></thead>
        <tbody>${people.map((p) => html`<tr><td>${p.name}${p.orgName ? html`<br /><small>${p.orgName}</small>` : nothing}</td><td class="num">${f.count(p.acceptedAnswers)}</td><td class="num">${f.count(p.helpfulVotes)}</td></tr>`)}</tbody>
      </table>`)
    : html`<p class="panel-none">${msg('Nothing in this period.', { id: 'insights-panel-none' })}</p>`;
  return panel(title, body, host, 'topPeople');
}

/** The panels for one period's insights. */
export function panels(host: InsightsHost, i: Insights, f: Formats): TemplateResult {
  const weeks = (xs: readonly { week: string }[]) => xs.map((w) => f.week(w.week));
  const weekHeading = msg('Week of', { id: 'insights-col-week' });
  const ttfaTitle = msg('Time to first answer', { id: 'insights-chart-ttfa' });
  const resolutionTitle = msg('Resolution rate', { id: 'insights-tile-resolution' });
  const volumeTitle = msg('Activity per week', { id: 'insights-chart-volume' });
  const t = i.timeToFirstAnswer.trend;
  const r = i.resolutionRate.trend;
  const v = i.volume.weekly;
  return html`<div class="breakdown-metric">
      <label>${msg('Breakdowns show', { id: 'insights-metric-label' })}
        <select part="select metric" @change=${(e: Event) => (host.breakdownMetric = (e.target as HTMLSelectElement).value as BreakdownMetric)}>
          ${BREAKDOWN_METRICS.map((m) => html`<option value=${m} ?selected=${m === host.breakdownMetric}>${metricLabel(m)}</option>`)}
        </select>
      </label>
    </div>
    <div class="panels">
      ${panel(ttfaTitle, trendChart({
        title: ttfaTitle, periods: weeks(t), periodHeading: weekHeading, format: f.hours,
        series: [
          { label: msg('Median', { id: 'insights-series-median' }), values: t.map((w) => w.median) },
          { label: msg('90th percentile', { id: 'insights-series-p90' }), values: t.map((w) => w.p90) },
        ],
      }), host, 'timeToFirstAnswer')}
      ${panel(resolutionTitle, trendChart({
        title: resolutionTitle, periods: weeks(r), periodHeading: weekHeading, format: f.percent,
        series: [{ label: resolutionTitle, values: r.map((w) => w.rate) }],
      }), host, 'resolutionRate')}
      ${panel(volumeTitle, trendChart({
        title: volumeTitle, periods: weeks(v), periodHeading: weekHeading, format: f.count,
        series: [
          { label: msg('Questions', { id: 'insights-metric-questions' }), values: v.map((w) => w.questions) },
          { label: msg('Answers', { id: 'insights-series-answers' }), values: v.map((w) => w.answers) },
          { label: msg('Threads', { id: 'insights-series-threads' }), values: v.map((w) => w.threads) },
          { label: msg('Posts', { id: 'insights-series-posts' }), values: v.map((w) => w.posts) },
        ],
      }), host, 'volume')}
      ${breakdown(host, f, msg('By partner tier', { id: 'insights-by-tier' }), msg('Tier', { id: 'insights-col-tier' }), i.byTier, 'byTier')}
      ${breakdown(host, f, msg('By organisation', { id: 'insights-by-org' }), msg('Organisation', { id: 'insights-col-org' }), i.byOrg, 'byOrg', ORG_ROWS)}
      ${breakdown(host, f, msg('By category', { id: 'insights-by-category' }), msg('Category', { id: 'insights-col-category' }), i.byCategory, 'byCategory')}
      ${unansweredQueue(host, i, f)}
      ${searchGaps(host, i, f)}
      ${topQueries(host, i, f)}
      ${contributors(host, i, f)}
    </div>`;
}
