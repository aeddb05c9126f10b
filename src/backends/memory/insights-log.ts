/**
 * What MemoryBackend records for the insights besides its dataset: "Did this solve your problem?"
 * answers, knowledge-base searches and clicks on their results. The server keeps the same in its
 * tables; here they live as long as the backend.
 */
export interface CsatRecord { questionId: string; personId: string; score: number; comment: string | null; at: number }
export interface SearchRecord { id: string; query: string; results: number; at: number }
export interface ClickRecord { searchId: string; articleId: string; position: number; at: number }
export interface DeflectionEvent { questionId: string; at: number }
export interface FeedbackEvent { helpful: boolean; at: number }

export interface InsightsLog {
  csat: CsatRecord[];
  searches: SearchRecord[];
  clicks: ClickRecord[];
  /** Deflections and "was this helpful" answers from before the backend started (stories' history). */
  deflections: DeflectionEvent[];
  feedback: FeedbackEvent[];
}

export const emptyInsightsLog = (): InsightsLog => ({ csat: [], searches: [], clicks: [], deflections: [], feedback: [] });

/** Lower-cased with spaces collapsed: how queries are counted together. */
export const normaliseQuery = (q: string) => q.trim().toLowerCase().replace(/\s+/g, ' ');
