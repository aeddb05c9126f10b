import type { Endpoint } from './endpoint.js';
import { Ok } from '../common.js';
import { Article, ArticleSearchQuery, ArticleSearchResult, HelpfulFeedback } from '../articles.js';

const ep = <E extends Endpoint>(e: E) => e;

/** The knowledge base. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const articleEndpoints = {
  searchArticles: ep({ method: 'GET', path: '/v1/articles/search', summary: 'Full-text search of the knowledge base, filtered by audience', query: ArticleSearchQuery, response: ArticleSearchResult, auth: 'read' }),
  getArticle: ep({ method: 'GET', path: '/v1/articles/{id}', summary: 'One article', response: Article, auth: 'read' }),
  sendArticleFeedback: ep({ method: 'POST', path: '/v1/articles/{id}/feedback', summary: '"Was this helpful?"', body: HelpfulFeedback, response: Ok, auth: 'read', idempotent: true }),
} satisfies Record<string, Endpoint>;
