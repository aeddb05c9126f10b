import type { Endpoint } from './endpoint.js';
import { Ok } from '../common.js';
import { Article, ArticleSearchQuery, ArticleSearchResult, HelpfulFeedback } from '../articles.js';

const ep = <E extends Endpoint>(e: E) => e;

/** The knowledge base. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const articleEndpoints = {
  searchArticles: ep({ method: 'GET', path: '/v1/articles/search', summary: 'Full-text search of the knowledge base, filtered by audience', description: "Ranked matches with highlight ranges and facet counts, limited to the articles the caller's tier and roles may read.", query: ArticleSearchQuery, response: ArticleSearchResult, auth: 'read' }),
  getArticle: ep({ method: 'GET', path: '/v1/articles/{id}', summary: 'One article', description: "The article in full (Markdown), if the caller's audience may read it.", response: Article, auth: 'read' }),
  sendArticleFeedback: ep({ method: 'POST', path: '/v1/articles/{id}/feedback', summary: '"Was this helpful?"', description: 'Records a yes or no (and an optional comment) on an article; anonymous callers may send it too.', body: HelpfulFeedback, response: Ok, auth: 'read', idempotent: true }),
} satisfies Record<string, Endpoint>;
