// Planner settings for the search reads (articles and similar questions), set for their transaction only.
//
// The planner does not cost detoasting. On the narrow search tables the whole-document vectors live out
// of line, so a sequential scan that tests `search @@ …` on each row reads every vector it passes, while
// a GIN bitmap scan answers the match from the index and visits only the small rows. And a parallel plan
// pays for starting workers on every keystroke, which dominates a query of a few milliseconds on a busy
// machine. Both are settings rather than query shapes because the planner may pick either path for any
// query text.
import type { Db, Queryable } from '../db.js';

/**
 * `also`: more `SET LOCAL` statements (the search sets its commit mode here). All of them go with the
 * BEGIN, in one round trip (`Db.transaction`'s setup).
 */
export function withSearchPlanner<R>(db: Db, fn: (tx: Queryable) => Promise<R>, also = ''): Promise<R> {
  return db.transaction(fn, `SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_seqscan = off${also ? `; ${also}` : ''}`);
}
