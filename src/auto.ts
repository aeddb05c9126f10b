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

const script = ownScript();
const data = script?.dataset ?? {};
const pending: Partial<ConfabOptions>[] = [];
let ready: typeof import('./boot.js') | undefined;
let booting: Promise<typeof import('./boot.js')> | undefined;

/**
 * Resolves once the page's own deferred and module scripts have run (DOMContentLoaded fires after them),
 * or as soon as the page hands over `getToken`, whichever comes first. A portal calls
 * `configure({ getToken })` from such a script, after this one. Booting before it (seen under load, when
 * boot's chunk came from the cache) sent every element's first requests without the token, and then all
 * of them again once the token provider arrived. Resolving on `getToken` keeps a slow third-party
 * `<script defer>` from holding the elements back on a page that has configured them already. A loader
 * added after DOMContentLoaded (readyState "complete", or navigation timing says it has started) waits
 * for nothing.
 */
let pageReady!: (v: unknown) => void;
const pageScriptsRan = new Promise((resolve) => {
  pageReady = resolve;
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (document.readyState == 'complete' || nav?.domContentLoadedEventStart) resolve(0);
  // DOMContentLoaded reaches window too. Without navigation timing, a loader added after it cannot tell: load ends the wait.
  for (const e of ['DOMContentLoaded', 'load']) addEventListener(e, resolve);
});

function booted() {
  // Boot's chunk is fetched meanwhile; only running it waits for the page's scripts.
  booting ??= Promise.all([import('./boot.js'), pageScriptsRan]).then(
    ([m]) => {
      m.boot({ api: data.api, locale: data.locale, theme: data.theme }, pending, cacheDb);
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
  if (options.getToken) pageReady(0);
}

/**
 * Each tag's chunks: boot's static import graph, then the element's, as space-separated names under
 * `chunks/` without `.js` (one string per tag, so the loader needs no index table). The build writes it
 * in (rollup.config.mjs, `preloadManifest`); unbuilt (tests importing this file, the IIFE) it is undefined.
 */
const preloads = (globalThis as { __CONFAB_PRELOADS__?: Partial<Record<ElementTag, string>> }).__CONFAB_PRELOADS__;
const preloaded = new Set<string>();

/**
 * Asks for all of `tag`'s chunks (and boot's) at once, instead of each import being found only when
 * the chunk that names it has arrived. The links only fetch; the import()s below still run the code.
 */
function preload(tag: ElementTag) {
  for (const name of preloads?.[tag]?.split(' ') ?? []) {
    if (preloaded.has(name)) continue;
    preloaded.add(name);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    // Under a nonce-based CSP ('strict-dynamic') a preload needs the nonce the page gave this script.
    if (script?.nonce) link.nonce = script.nonce;
    link.href = new URL(`chunks/${name}.js`, import.meta.url).href;
    document.head.append(link);
  }
}

/**
 * Opens the response cache's database (core/cache.ts) while the modules load, and hands the connection
 * to boot, which gives it to core/cache.ts: opening IndexedDB is the slow part of a warm visit's first
 * cache read (measured in the demo portal under load: 25-100 ms for this open, and a second connection
 * opened after closing this one took another 370-860 ms, longer than the network answer it was meant to
 * beat). The store is created as idb-keyval's createStore would, so a first visit's database has it.
 */
function openCache(): Promise<IDBDatabase | undefined> | undefined {
  // Only a head start: where IndexedDB is missing or refused (a sandboxed iframe, storage turned off,
  // where open() throws), core/cache.ts goes without it, and the elements must still load.
  try {
    const request = indexedDB.open('confab');
    request.onupgradeneeded = () => request.result.createObjectStore('cache');
    // On an error `result` is undefined: no connection, and core/cache.ts opens its own.
    return new Promise((resolve) => (request.onsuccess = request.onerror = () => resolve(request.result)));
  } catch {
    return undefined; // no head start, nothing lost
  }
}
let cacheDb: Promise<IDBDatabase | undefined> | undefined;

const loaded = new Set<ElementTag>();
const failed = new Set<ElementTag>();
function load(tag: ElementTag) {
  if (loaded.has(tag)) return;
  loaded.add(tag);
  // Once per page: a retry after a failed boot import must not open (and leak) a second connection.
  cacheDb ??= openCache();
  preload(tag);
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
