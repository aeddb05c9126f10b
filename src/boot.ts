/**
 * What the loader runs before the first element: page-wide options from the script tag and from
 * `configure()` calls made meanwhile, and the REST factory (so ky ships only with elements).
 */
import { configure, getOptions, setRestFactory, type ConfabOptions } from './core/config.js';
import { RestBackend } from './backends/rest/index.js';
import { warmGroups, type EndpointGroup } from './backends/rest/groups.js';
import { setLocaleFromPage } from './core/i18n.js';
import { useCacheDatabase } from './core/cache.js';
import type { ElementTag } from './elements/tags.js';

export { configure };

const THEMES = ['light', 'dark', 'auto'] as const;

/** `cacheDb`: the response cache's database, which the loader opened while the modules loaded. */
export function boot(data: { api?: string; locale?: string; theme?: string }, pending: Partial<ConfabOptions>[], cacheDb?: Promise<IDBDatabase | undefined>): void {
  if (cacheDb) useCacheDatabase(cacheDb);
  setRestFactory(({ api, getToken }) => new RestBackend({ baseUrl: api, getToken }));
  const theme = THEMES.find((t) => t === data.theme);
  if (data.theme && !theme) console.warn(`[confab] data-theme="${data.theme}" is not one of ${THEMES.join(', ')}; using auto.`);
  configure({ ...(data.api ? { api: data.api } : {}), ...(data.locale ? { locale: data.locale } : {}), ...(theme ? { theme } : {}) });
  for (const options of pending.splice(0)) configure(options);
  setLocaleFromPage(data.locale);
}

/**
 * The contract groups an element calls when it first renders. The loader starts them together with
 * the element's chunk, so the first request does not wait for its schemas. A group missing here is
 * only a little slower: it is imported on its first call.
 */
const FIRST_CALLS: Partial<Record<ElementTag, EndpointGroup[]>> = {
  'confab-forum-feed': ['threads', 'me'],
  'confab-qa-box': ['questions', 'me'],
  'confab-article-search': ['articles'],
  'confab-cert-badge': ['certifications', 'me'],
  'confab-notifications': ['me'],
  'confab-insights': ['insights'],
  // The queue is asked for only once `me` says a moderator is signed in: its group loads meanwhile.
  'confab-mod-queue': ['me'],
};

/** Called by the loader as it imports `tag`'s chunk. Nothing to load when the page brings its own backend. */
export function warm(tag: ElementTag): void {
  if (!getOptions().backend) warmGroups(FIRST_CALLS[tag] ?? []);
}
