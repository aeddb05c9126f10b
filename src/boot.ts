/**
 * What the loader runs before the first element: page-wide options from the script tag and from
 * `configure()` calls made meanwhile, and the REST factory (so ky ships only with elements).
 */
import { configure, setRestFactory, type ConfabOptions } from './core/config.js';
import { RestBackend } from './backends/rest/index.js';
import { setLocaleFromPage } from './core/i18n.js';

export { configure };

const THEMES = ['light', 'dark', 'auto'] as const;

export function boot(data: { api?: string; locale?: string; theme?: string }, pending: Partial<ConfabOptions>[]): void {
  setRestFactory(({ api, getToken }) => new RestBackend({ baseUrl: api, getToken }));
  const theme = THEMES.find((t) => t === data.theme);
  if (data.theme && !theme) console.warn(`[confab] data-theme="${data.theme}" is not one of ${THEMES.join(', ')}; using auto.`);
  configure({ ...(data.api ? { api: data.api } : {}), ...(data.locale ? { locale: data.locale } : {}), ...(theme ? { theme } : {}) });
  for (const options of pending.splice(0)) configure(options);
  setLocaleFromPage(data.locale);
}
