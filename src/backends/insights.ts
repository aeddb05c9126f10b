import type {
  CsatAnswer, ExpertRequest, CsatRequest, CsatStatus, Insights, InsightsExportQuery, InsightsQuery, Ok, SearchClick,
} from '../contract/index.js';
import type { CallOptions } from './call-options.js';

/**
 * Community insights for program staff (issue 15), the "Did this solve your problem?" prompt and the
 * search clicks behind the click-through rate. A capability: `CommunityBackend` extends
 * `Partial<InsightsApi>`, so a backend may leave it out and `<confab-insights>` then says "not
 * available on this backend"; the Q&A box simply does not ask.
 */
export interface InsightsApi {
  /** Everything `<confab-insights>` shows for a period and the period of equal length before it. Vendor staff only. */
  insights(query: InsightsQuery, opts?: CallOptions): Promise<Insights>;
  /** One of the insights tables as CSV text (a header row, CRLF line ends). Vendor staff only. */
  exportInsights(query: InsightsExportQuery, opts?: CallOptions): Promise<string>;
  /** Whether the signed-in caller should be asked about this question, and their answer if they gave one. */
  getCsat(questionId: string, opts?: CallOptions): Promise<CsatStatus>;
  /** Stores the asker's answer to "Did this solve your problem?"; answering again replaces it. */
  answerCsat(questionId: string, input: CsatRequest, opts?: CallOptions): Promise<CsatAnswer>;
  /** Records that a knowledge-base search led to opening one of its results. */
  recordSearchClick(click: SearchClick, opts?: CallOptions): Promise<Ok>;
  /**
   * Asks the experts of an unanswered question's category (at most 5) to answer it, through their
   * notifications. Vendor staff only. Asking again within 24 hours notifies nobody and resolves with
   * the standing request (`repeated: true`); a question with an answer is a 409.
   */
  notifyExperts(questionId: string, opts?: CallOptions): Promise<ExpertRequest>;
}

/** Narrows a backend to one that has the insights capability. */
export const hasInsights = <B extends Partial<InsightsApi>>(b: B | undefined): b is B & InsightsApi =>
  !!b && typeof b.insights === 'function' && typeof b.exportInsights === 'function';

/** True when `b` can notify experts: the unanswered queue shows its "Notify experts" buttons only then. */
export const canNotifyExperts = <B extends Partial<InsightsApi>>(b: B | undefined): b is B & Pick<InsightsApi, 'notifyExperts'> =>
  !!b && typeof b.notifyExperts === 'function';
