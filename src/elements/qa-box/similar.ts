import type { SimilarQuestion } from '../../contract/index.js';

/**
 * Up to `limit` similar questions, accepted first, then answered, then by similarity. The server
 * sorts this way too; sorting again keeps the promise with a backend that does not.
 */
export function rankSimilar(items: readonly SimilarQuestion[], limit = 5): SimilarQuestion[] {
  const rank = (q: SimilarQuestion) => (q.accepted ? 2 : q.answerCount > 0 ? 1 : 0);
  return [...items].sort((a, b) => rank(b) - rank(a) || b.similarity - a.similarity).slice(0, limit);
}
