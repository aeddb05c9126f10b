/**
 * `confab/react`: React components for the Confab elements, made with @lit/react. Props are the
 * elements' properties (typed from their classes); `onConfab*` props take the `confab-*` events,
 * typed from `ConfabEventDetails`. Importing a component registers its tag; each lives in its own
 * module, so a bundler keeps only the elements you use. React is a peer dependency (18 or 19).
 *
 * @example
 * import { Provider, ForumFeed } from 'confab/react';
 * <Provider backend={backend}><ForumFeed category="partners" onConfabLoad={(e) => console.log(e.detail.what)} /></Provider>
 */
export { ForumFeed } from './forum-feed.js';
export { QaBox } from './qa-box.js';
export { ArticleSearch } from './article-search.js';
export { CertBadge } from './cert-badge.js';
export { Notifications } from './notifications.js';
export { Insights } from './insights.js';
export { Provider } from './provider.js';
export { ModQueue } from './mod-queue.js';
