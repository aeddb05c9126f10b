import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabArticleSearch } from '../elements/article-search/article-search.js';
import '../elements/article-search/define.js';
import { loadEvents, on } from './events.js';

/**
 * `<confab-article-search>` for React. Rendering it registers the tag.
 *
 * @example
 * <ArticleSearch mode="inline" onConfabArticleOpen={(e) => { e.preventDefault(); navigate(`/kb/${e.detail.id}`); }} />
 */
export const ArticleSearch = createComponent({
  tagName: 'confab-article-search',
  elementClass: ConfabArticleSearch,
  react: React,
  displayName: 'ArticleSearch',
  events: {
    ...loadEvents,
    onConfabAsk: on('confab-ask'),
    onConfabArticleOpen: on('confab-article-open'),
    onConfabFeedback: on('confab-feedback'),
  },
});
