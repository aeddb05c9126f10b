/**
 * Confab for bundlers. Side-effect free: importing this registers nothing. Register elements with
 * `import 'confab/define/forum-feed'` or pick your own tag with `ConfabForumFeed.define('acme-feed')`.
 */
export { ConfabForumFeed } from './elements/forum-feed/forum-feed.js';
export { ConfabQaBox } from './elements/qa-box/qa-box.js';
export { ConfabArticleSearch } from './elements/article-search/article-search.js';
export { ConfabCertBadge } from './elements/cert-badge/cert-badge.js';
export { ConfabNotifications } from './elements/notifications/notifications.js';
export { ConfabProvider } from './core/provider.js';
export { ConfabInsights } from './elements/insights/insights.js';
export { ConfabModQueue } from './elements/mod-queue/mod-queue.js';

export { configure } from './configure.js';
export { getBackend, getOptions, onConfigChange, type ConfabOptions, type TokenProvider } from './core/config.js';
export { setLocale, getLocale, LOCALES, type Locale } from './core/i18n.js';
export { emit, type ConfabEventDetails, type ConfabEventName, type ConfabEvent } from './core/events.js';
export { ConfabError, BackendError, AuthError, ValidationError, OfflineError, UnreachableError, isConfabError } from './core/errors.js';
export { THEMES, type Theme } from './ui/theme-controller.js';

export type { CommunityBackend, CallOptions } from './backends/types.js';
export { hasInsights, type InsightsApi } from './backends/insights.js';
export { canNotifyExperts } from './backends/insights.js';
export { RestBackend, type RestBackendOptions } from './backends/rest/index.js';
export { MemoryBackend, type MemoryBackendOptions } from './backends/memory/index.js';

export type * from './contract/index.js';
