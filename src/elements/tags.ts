/**
 * The default tag of each element and the module that registers it. The loader imports a module
 * only when its tag first appears in the page, so each element is its own chunk.
 */
export const ELEMENT_TAGS = ['confab-forum-feed', 'confab-qa-box', 'confab-article-search', 'confab-cert-badge', 'confab-provider', 'confab-notifications', 'confab-insights', 'confab-mod-queue'] as const;
export type ElementTag = (typeof ELEMENT_TAGS)[number];
