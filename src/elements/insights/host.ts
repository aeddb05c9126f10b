import type { InsightsTable } from '../../contract/insights.js';
import type { CommunityBackend } from '../../backends/types.js';

/** The measures the breakdown charts (by tier, organisation, category) can show. */
export const BREAKDOWN_METRICS = ['questions', 'resolutionRate', 'medianHoursToFirstAnswer', 'csat'] as const;
export type BreakdownMetric = (typeof BREAKDOWN_METRICS)[number];

/**
 * What the panels part (parts/panels.ts) may use of `<confab-insights>`. The part gets the element
 * typed by this interface, never by its class, so no import cycle can form.
 */
export interface InsightsHost {
  /** Locale for formatting numbers and dates. */
  readonly locale: string;
  /** A link to a question, when the page gave `question-url`; else the queue shows buttons. */
  questionHref(id: string): string | undefined;
  /** Opens a question of the unanswered queue (event first, then a Q&A box on the page). */
  openQuestion(id: string, event: Event): void;
  /** Downloads one table of the current period as CSV. */
  exportTable(table: InsightsTable): void;
  /** The table being exported, if any: its button shows as busy. */
  readonly exporting: InsightsTable | null;
  /** What the breakdown charts measure. */
  breakdownMetric: BreakdownMetric;
  /** The backend in effect ("Notify experts" calls it, and shows only when it can). */
  readonly backend: CommunityBackend | undefined;
  /** Says `text` in the element's live region. */
  announce(text: string): void;
  /** The element's own (Lit) update cycle and shadow root, for moving focus after a change. */
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}
