import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Insights, InsightsTable } from '../../contract/insights.js';
import { hasInsights } from '../../backends/insights.js';
import { AuthError, toConfabError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { LazyPart, partLoader } from '../../core/lazy-part.js';
import { ResourceController } from '../../core/resource.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';
import { checkEnum } from '../../ui/dev-warn.js';
import { errorText } from '../../ui/error-text.js';
import { emptyState, errorState, offlineNotice, skeleton } from '../../ui/states.js';
import { ConfabElement } from '../confab-element.js';
import { downloadText } from './download.js';
import { formats } from './format.js';
import type { BreakdownMetric, InsightsHost } from './host.js';
import { insightsStyles } from './insights.styles.js';
import { INSIGHTS_RANGES, isDay, rangeQuery, type InsightsRangeName } from './range.js';
import { tiles } from './tiles.js';

/** The charts, breakdowns and tables below the tiles (parts/panels.ts): loaded once there are insights to show. */
const panelsPart = partLoader(() => import('./parts/panels.js'));

/**
 * A dashboard for program staff: how the community performs over a period, against the period
 * before. Headline tiles (time to first answer, resolution, CSAT, deflection, questions, search
 * click-through), weekly trends, breakdowns by partner tier, organisation and category, the
 * unanswered queue, search gaps and top contributors, each exportable as CSV. Vendor staff only:
 * partners and signed-out visitors see a "for program staff" message.
 *
 * @tag confab-insights
 * @summary Community insights for program staff: trends, breakdowns by partner, gaps, CSV export.
 *
 * @fires confab-load - Insights arrived: `{ what: 'insights' }`.
 * @fires confab-error - Loading insights or exporting failed: `{ error, status }`.
 * @fires confab-question-open - A question of the unanswered queue is about to open: `{ id }`. Cancelable: call `preventDefault()` to route it yourself.
 * @fires confab-export - A table was downloaded as CSV: `{ table, from, to }`.
 * @fires confab-auth-required - A signed-out visitor pressed "Sign in": `{ action: 'view-insights' }`.
 *
 * @csspart base - The themed frame around everything.
 * @csspart toolbar - The period picker and the summary export.
 * @csspart select - The period and breakdown pickers (also `range`, `metric`).
 * @csspart range - The period picker (also `select`).
 * @csspart metric - The breakdown measure picker (also `select`).
 * @csspart input - The custom period's date fields.
 * @csspart tiles - The list of headline tiles.
 * @csspart tile - One headline figure.
 * @csspart change - A tile's change against the previous period.
 * @csspart panel - A chart or table panel.
 * @csspart chart - A chart with its data table.
 * @csspart button - Every button (also `export`, `retry`, `sign-in`).
 * @csspart export - A CSV export button (also `button`).
 * @csspart question-link - A question of the unanswered queue.
 * @csspart notify-experts - "Notify experts" on a question of the unanswered queue (also `button`).
 * @csspart notify-experts-confirm - Its confirm button, "Notify" (also `button`).
 * @csspart retry - "Try again" on an error panel (also `button`).
 * @csspart sign-in - The signed-out state's "Sign in" (also `button`).
 * @csspart empty - The empty, "for program staff" and "not available" states.
 * @csspart error - An error panel.
 * @csspart skeleton - Loading placeholders.
 * @csspart offline-notice - "Offline: showing what was saved …" above cached figures.
 *
 * @cssprop --confab-color-accent - Lines, bars, buttons and focus rings.
 * @cssprop --confab-color-success - A change for the better; the second trend line.
 * @cssprop --confab-color-danger - A change for the worse; questions past the target.
 *
 * @example
 * <confab-insights range="30d" question-url="/community/questions/{id}"></confab-insights>
 * <confab-insights range="custom" from="2026-09-01" to="2026-11-30" qa-box="ask"></confab-insights>
 */
export class ConfabInsights extends ConfabElement implements InsightsHost {
  static override styles = [tokens, controls, insightsStyles];

  static override properties: PropertyDeclarations = {
    range: { reflect: true },
    from: { reflect: true },
    to: { reflect: true },
    questionUrl: { attribute: 'question-url' },
    qaBox: { attribute: 'qa-box' },
    label: {},
    /** @private */
    breakdownMetric: { state: true, attribute: false },
    /** @private */
    exporting: { state: true, attribute: false },
    /** @private */
    announcement: { state: true, attribute: false },
  };

  /** The period: `7d`, `30d` (default) or `90d` ending today, or `custom` from `from` to `to`. */
  range: InsightsRangeName = '30d';
  /** First day of a custom period, `YYYY-MM-DD` (UTC). */
  from?: string;
  /** Last day of a custom period, `YYYY-MM-DD` (UTC), included. */
  to?: string;
  /** Link of a question, `{id}` replaced by its id, for the unanswered queue. Without it the queue opens questions by event or in `qa-box`. */
  questionUrl?: string;
  /** Id of a `<confab-qa-box>` on the page that opens a question of the queue (unless a listener cancels `confab-question-open`). */
  qaBox?: string;
  /** Accessible name of the region. Default: "Community insights". */
  label?: string;

  /** @internal */
  breakdownMetric: BreakdownMetric = 'questions';
  /** @internal */
  exporting: InsightsTable | null = null;
  private announcement = '';

  private readonly panels = new LazyPart(this, panelsPart, { create: (m) => m.panels });

  private readonly data = new ResourceController<Insights>(this, {
    backend: () => (hasInsights(this.backend) ? this.backend : undefined),
    key: () => {
      const q = this.query();
      return q ? `insights:${q.from}:${q.to}` : null;
    },
    fetch: (b, signal) => b.insights!(this.query()!, { signal }),
    what: 'insights',
    // Insights are for staff and change by the minute: no copy kept in IndexedDB.
    cache: false,
  });

  private get effectiveRange(): InsightsRangeName {
    return checkEnum(this, 'range', this.range ?? '30d', INSIGHTS_RANGES, '30d');
  }

  private query() {
    return rangeQuery(this.effectiveRange, Date.now(), this.from, this.to);
  }

  // ----- InsightsHost -----

  /** @internal */
  override get locale(): string {
    return super.locale;
  }

  /** @internal */
  override get backend() {
    return super.backend;
  }

  /** @internal */
  announce(text: string): void {
    this.announcement = text;
  }

  /** @internal */
  questionHref(id: string): string | undefined {
    return this.questionUrl ? this.questionUrl.replace('{id}', encodeURIComponent(id)) : undefined;
  }

  /** @internal */
  openQuestion(id: string, event: Event): void {
    if (!emit(this, 'confab-question-open', { id }, { cancelable: true })) {
      event.preventDefault();
      return;
    }
    const root = this.getRootNode() as Document | ShadowRoot;
    const box = this.qaBox ? (root.getElementById?.(this.qaBox) ?? document.getElementById(this.qaBox)) : null;
    if (box && 'question' in box) {
      event.preventDefault();
      (box as HTMLElement & { question?: string }).question = id;
      box.scrollIntoView({ block: 'start' });
      box.focus?.();
    }
  }

  /** @internal */
  async exportTable(table: InsightsTable): Promise<void> {
    const q = this.query();
    const b = this.backend;
    if (!q || !hasInsights(b) || this.exporting) return;
    this.exporting = table;
    this.announcement = '';
    try {
      const csv = await b.exportInsights({ table, format: 'csv', ...q });
      downloadText(csv, `insights-${table}-${q.from}-to-${q.to}.csv`);
      this.announcement = msg('CSV file downloaded.', { id: 'insights-exported' });
      emit(this, 'confab-export', { table, ...q });
    } catch (e) {
      const error = toConfabError(e);
      this.announcement = msg(str`Export failed: ${errorText(error).title}`, { id: 'insights-export-failed' });
      this.reportError(error);
    } finally {
      this.exporting = null;
    }
  }

  // ----- lifecycle -----

  protected override updated(): void {
    // The panels need figures to show; fetch their chunk as soon as the first figures arrive.
    if (this.data.value) this.panels.prefetch();
  }

  // ----- actions -----

  private onRange(e: Event): void {
    const value = (e.target as HTMLSelectElement).value as InsightsRangeName;
    if (value === 'custom' && !(isDay(this.from) && isDay(this.to))) {
      // Start a custom period from the one on screen, so the date fields are never empty.
      const q = this.query();
      if (q) [this.from, this.to] = [q.from, q.to];
    }
    this.range = value;
  }

  private onDay(which: 'from' | 'to', e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (isDay(value)) this[which] = value;
  }

  private signIn(): void {
    emit(this, 'confab-auth-required', { action: 'view-insights' });
  }

  // ----- rendering -----

  protected override render(): TemplateResult {
    return this.frame(
      html`<h2 class="title">${this.label ?? msg('Community insights', { id: 'insights-title' })}</h2>
        ${this.content()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`,
      this.label ?? msg('Community insights', { id: 'insights-title' }),
    );
  }

  private content(): TemplateResult {
    const b = this.backend;
    if (!b) return emptyState(msg('No community server is configured.', { id: 'insights-no-backend' }));
    if (!hasInsights(b)) return emptyState(msg('Insights are not available on this backend.', { id: 'insights-unsupported' }), msg('The community server does not offer community insights.', { id: 'insights-unsupported-detail' }));
    const d = this.data;
    if (d.status === 'error' && d.error instanceof AuthError) return this.forStaff(d.error.status === 401);
    return html`${this.toolbar()}${this.figures()}`;
  }

  private forStaff(signedOut: boolean): TemplateResult {
    return emptyState(
      msg('For program staff', { id: 'insights-staff-only' }),
      signedOut
        ? msg('Community insights are for the vendor’s program staff. Sign in with a staff account to see them.', { id: 'insights-staff-only-signed-out' })
        : msg('Community insights are for the vendor’s program staff. Your account can use the community, but not these figures.', { id: 'insights-staff-only-partner' }),
      signedOut ? html`<button class="btn primary" part="button sign-in" @click=${this.signIn}>${msg('Sign in', { id: 'insights-sign-in' })}</button>` : undefined,
    );
  }

  private toolbar(): TemplateResult {
    const range = this.effectiveRange;
    const q = this.query();
    return html`<div class="toolbar" part="toolbar">
      <label>${msg('Period', { id: 'insights-period' })}
        <select part="select range" @change=${this.onRange}>
          <option value="7d" ?selected=${range === '7d'}>${msg('Last 7 days', { id: 'insights-range-7' })}</option>
          <option value="30d" ?selected=${range === '30d'}>${msg('Last 30 days', { id: 'insights-range-30' })}</option>
          <option value="90d" ?selected=${range === '90d'}>${msg('Last 90 days', { id: 'insights-range-90' })}</option>
          <option value="custom" ?selected=${range === 'custom'}>${msg('Custom…', { id: 'insights-range-custom' })}</option>
        </select>
      </label>
      ${range === 'custom'
        ? html`<label>${msg('From', { id: 'insights-from' })}
              <input type="date" part="input" .value=${this.from ?? ''} max=${this.to ?? ''} @change=${(e: Event) => this.onDay('from', e)} />
            </label>
            <label>${msg('To', { id: 'insights-to' })}
              <input type="date" part="input" .value=${this.to ?? ''} min=${this.from ?? ''} @change=${(e: Event) => this.onDay('to', e)} />
            </label>`
        : nothing}
      <span class="spacer"></span>
      <button class="btn small" part="button export" ?disabled=${!q || !this.data.value} aria-disabled=${this.exporting === 'summary' ? 'true' : 'false'} @click=${() => void this.exportTable('summary')}>
        ${this.exporting === 'summary' ? msg('Exporting…', { id: 'insights-exporting' }) : msg('Export summary (CSV)', { id: 'insights-export-summary' })}
      </button>
    </div>`;
  }

  private figures(): TemplateResult {
    const d = this.data;
    if (!this.query()) return emptyState(msg('Choose the first and last day of the period.', { id: 'insights-custom-incomplete' }));
    if (d.status === 'error' && !d.value) return errorState(d.error!, () => void d.refresh());
    if (!d.value) return this.loading();
    const i = d.value;
    const f = formats(this.locale);
    const quiet = (i.volume.totals.questions.current ?? 0) + (i.volume.totals.threads.current ?? 0) + (i.search.searches.current ?? 0) === 0;
    return html`${d.offline ? offlineNotice(d.savedAt ?? null, this.locale, () => void d.refresh(), d.error) : nothing}
      <p class="period">${msg(str`${f.date(i.range.from)} – ${f.date(new Date(Date.parse(i.range.to) - 1).toISOString())}, compared with the ${this.periodDays(i)} days before`, { id: 'insights-period-summary' })}</p>
      ${quiet
        ? emptyState(msg('No activity in this period', { id: 'insights-empty' }), msg('Nothing was asked, posted or searched. Choose a longer period.', { id: 'insights-empty-detail' }))
        : html`${tiles(i, f)}${this.panelsView(i, f)}`}`;
  }

  private periodDays(i: Insights): number {
    return Math.round((Date.parse(i.range.to) - Date.parse(i.range.from)) / 86_400_000);
  }

  private panelsView(i: Insights, f: ReturnType<typeof formats>): TemplateResult {
    const p = this.panels;
    if (p.status === 'error') return errorState(p.error!, p.retry);
    if (!p.value) return html`<div class="loading" aria-busy="true"><p class="visually-hidden">${msg('Loading charts…', { id: 'insights-loading-charts' })}</p>${skeleton(3)}</div>`;
    return p.value(this, i, f);
  }

  private loading(): TemplateResult {
    return html`<div class="loading" aria-busy="true">
      <p class="visually-hidden">${msg('Loading insights…', { id: 'insights-loading' })}</p>
      ${skeleton(3)}
    </div>`;
  }
}
