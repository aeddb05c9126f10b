import type * as v from 'valibot';
import { ArticleSearchQuery, HelpfulFeedback, type Article, type ArticleSearchResult } from '../../contract/index.js';
import { forbidden, notFound, parseInput, unauthorized } from './errors.js';
import type { ArticleRecord } from './model.js';
import { offsetOf } from './paging.js';
import { canRead, searchArticles } from './search.js';
import { clockNow, iso, type MemoryState } from './state.js';

/** A "was this helpful" answer, kept so stories and tests can show what was recorded. */
export interface FeedbackRecord { articleId: string; helpful: boolean; comment: string | null; at: string }

const DEFAULT_SEARCH_PAGE = 10;

export function findArticles(state: MemoryState, query: v.InferInput<typeof ArticleSearchQuery>): ArticleSearchResult {
  const q = parseInput(ArticleSearchQuery, query, 400);
  return searchArticles(
    state.data.articles,
    { q: q.q, product: q.product, contentType: q.contentType, offset: offsetOf(q.cursor), limit: q.limit ?? DEFAULT_SEARCH_PAGE },
    state.user,
  );
}

export function readArticle(state: MemoryState, id: string): Article {
  const a = articleById(state, id);
  if (!canRead(a, state.user)) {
    // As the server does: anonymous readers are told to sign in, signed-in ones that signing in will not help.
    throw state.user ? forbidden('This article is for partners of a higher tier or another role.') : unauthorized('Sign in to read this article.');
  }
  return {
    id: a.id, title: a.title, body: a.body, product: a.product, contentType: a.contentType,
    audience: { minTier: a.audience.minTier, roles: [...a.audience.roles] }, updatedAt: iso(a.updatedAt), helpful: { ...a.helpful },
  };
}

/** Counts the answer on the article and returns what to log; the caller owns the log. */
export function recordFeedback(state: MemoryState, articleId: string, feedback: v.InferInput<typeof HelpfulFeedback>): FeedbackRecord {
  const body = parseInput(HelpfulFeedback, feedback);
  const a = articleById(state, articleId);
  if (body.helpful) a.helpful.yes++;
  else a.helpful.no++;
  return { articleId, helpful: body.helpful, comment: body.comment ?? null, at: iso(clockNow(state)) };
}

function articleById(state: MemoryState, id: string): ArticleRecord {
  const a = state.data.articles.find((x) => x.id === id);
  if (!a) throw notFound('Article', id);
  return a;
}
