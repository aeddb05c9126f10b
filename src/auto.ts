/**
 * The script-tag loader, `dist/confab.js`. Small on purpose (budget 2.5 KB gzip): it reads its own
 * `data-*` attributes and imports an element's chunk only when that element's tag first appears.
 *
 *   <script type="module" src="https://cdn.example.com/confab.js" data-api="https://community.example.com/api"></script>
 *
 * data-api     base URL of the REST backend
 * data-locale  en | de | fr | ja | ar (default: the page's lang)
 * data-theme   light | dark | auto (default auto)
 * data-load    "all" registers every element at once, for tags inside the page's own shadow roots
 */
import type { ConfabOptions } from './core/config.js';
import type { ElementTag } from './elements/tags.js';

const loaders: Record<ElementTag, () => Promise<unknown>> = {
  'confab-forum-feed': () => import('./elements/forum-feed/define.js'),
  'confab-qa-box': () => import('./elements/qa-box/define.js'),
  'confab-article-search': () => import('./elements/article-search/define.js'),
  'confab-cert-badge': () => import('./elements/cert-badge/define.js'),
  'confab-provider': () => import('./elements/provider/define.js'),
  'confab-notifications': () => import('./elements/notifications/define.js'),
  'confab-insights': () => import('./elements/insights/define.js'),
  'confab-mod-queue': () => import('./elements/mod-queue/define.js'),
};

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current) return current; // classic script (IIFE build)
  for (const s of document.querySelectorAll<HTMLScriptElement>('script[src]')) if (s.src === import.meta.url) return s;
  return null;
}

const data = ownScript()?.dataset ?? {};
const pending: Partial<ConfabOptions>[] = [];
let ready: typeof import('./boot.js') | undefined;
let booting: Promise<typeof import('./boot.js')> | undefined;

function booted() {
  booting ??= import('./boot.js').then(
    (m) => {
      m.boot({ api: data.api, locale: data.locale, theme: data.theme }, pending);
      return (ready = m);
    },
    (e: unknown) => {
      booting = undefined; // fetched anew on the next try
      throw e;
    },
  );
  return booting;
}

/** Page-wide options, e.g. `configure({ getToken })`. Safe to call before any element has loaded. */
export function configure(options: Partial<ConfabOptions>): void {
  // Until boot has run, options wait in order; boot applies them after the script's data-* ones.
  if (ready) ready.configure(options);
  else pending.push(options);
}

const loaded = new Set<ElementTag>();
const failed = new Set<ElementTag>();
function load(tag: ElementTag) {
  if (loaded.has(tag)) return;
  loaded.add(tag);
  // The element's chunk and the contract schemas it calls first are fetched side by side.
  booted()
    .then((m) => (m.warm(tag), loaders[tag]()))
    .catch((e: unknown) => {
      // Offline at first load, or a deploy replaced the chunks: say so once, and try again when the
      // browser is back online, instead of leaving the tag empty for the rest of the page's life.
      console.warn(`[confab] <${tag}> could not be loaded; trying again when the browser is back online.`, e);
      failed.add(tag);
      addEventListener('online', retry, { once: true });
    });
}

function retry() {
  for (const tag of failed) loaded.delete(tag);
  failed.clear();
  start();
}

function scan() {
  for (const tag of Object.keys(loaders) as ElementTag[]) if (!loaded.has(tag) && document.querySelector(tag)) load(tag);
}

function start() {
  if (data.load === 'all') (Object.keys(loaders) as ElementTag[]).forEach(load);
  else scan();
}

start();
if (data.load !== 'all') new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });

// Classic pages and other scripts reach the same function without importing the module.
(globalThis as { confab?: { configure: typeof configure } }).confab ??= { configure };

/**
 * `confab/discourse` for script-tag portals, fetched only when called:
 * `const { DiscourseBackend } = await loadDiscourse(); configure({ backend: new DiscourseBackend({ baseUrl }) })`.
 * It shares the elements' chunks, so errors and schemas are the same classes the elements check.
 */
export const loadDiscourse = () => import('./backends/discourse/index.js');
