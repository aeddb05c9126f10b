// The bounds of knowledge-base search (issue 18): how many rows each read of search-ranking.ts may take,
// where counts stop being exact, and which articles form the sample that tells a common word cheaply.
// One `const` object rather than constants so that a test can lower them and run every path over a few
// hundred articles (test/server/search-paths.test.ts); the handler reads them on every call.

/** What each search did, for tests that must know a path was taken (not only that the pages agree). */
export interface SearchPath {
  /** `sample`: the sample proved the match set past the count cap, so the full bounded read was skipped. */
  pass: 'full' | 'sample';
  /** Where the page came from: the pass itself, the candidate reads, or the dense-title candidates. */
  page: 'pass' | 'candidates' | 'dense';
}

export const searchBounds = {
  /** Counts are exact up to this many visible matches; past it they are capped ("1,000+"). */
  countCap: 1000,
  /** Up to this many visible matches, the rank adds a tenth of the body rank (which reads each body vector). */
  exactRankMax: 300,
  /** The pass reads at most this many visible matches (+ 1, to know it stopped): past it, the page comes from candidates. */
  passMax: 2000,
  /**
   * Past this many title matches, the title candidates are the newest `titleNewest` (or the page, if
   * larger) instead of every title match ranked: the one place where the order is bounded rather than exact.
   */
  titleMax: 2000,
  titleNewest: 100,
  /**
   * The sample: articles whose `hashtext(id) & sampleMask` is 0, one in eight. Migration 020 indexes
   * exactly these (partial GIN indexes whose predicate is `(hashtext(id) & 7) = 0`), so the planner uses
   * them only while this stays 7; a test may set 0 (every article) or 1 (half) to take the path at
   * demo size, which changes only how fast the sample is read, never what a search answers.
   */
  sampleMask: 7,
};

/** `alias` is in the sample: spelled as migration 020's index predicate, which the planner must prove. */
export function sampleSql(alias: string): string {
  const mask = searchBounds.sampleMask;
  if (!Number.isInteger(mask) || mask < 0) throw new Error(`bad sample mask: ${mask}`);
  return `(hashtext(${alias}.id) & ${mask}) = 0`;
}

/** Set by tests (search-paths.test.ts) to see which path each search took; unset in production. */
export const searchPathProbe: { onPath?: (path: SearchPath) => void } = {};
