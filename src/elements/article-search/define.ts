import { ConfabArticleSearch } from './article-search.js';

ConfabArticleSearch.define('confab-article-search');

declare global {
  interface HTMLElementTagNameMap {
    'confab-article-search': ConfabArticleSearch;
  }
}
