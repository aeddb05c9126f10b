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
};

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current) return current; // classic script (IIFE build)
  for (const s of document.querySelectorAll<HTMLScriptElement>('script[src]')) if (s.src === import.meta.url) return s;
  return null;
}

const data = ownScript()?.dataset ?? {};
const pending: Partial<ConfabOptions>[] = [];
let boot: Promise<typeof import('./boot.js')> | undefined;

function booted() {
  boot ??= import('./boot.js').then((m) => {
    m.boot({ api: data.api, locale: data.locale, theme: data.theme }, pending);
    return m;
  });
  return boot;
}

/** Page-wide options, e.g. `configure({ getToken })`. Safe to call before any element has loaded. */
export function configure(options: Partial<ConfabOptions>): void {
  if (boot) void boot.then((m) => m.configure(options));
  else pending.push(options);
}

const loaded = new Set<ElementTag>();
function load(tag: ElementTag) {
  if (loaded.has(tag)) return;
  loaded.add(tag);
  // The element's chunk and the contract schemas it calls first are fetched side by side.
  void booted().then((m) => (m.warm(tag), loaders[tag]()));
}

function scan() {
  for (const tag of Object.keys(loaders) as ElementTag[]) if (!loaded.has(tag) && document.querySelector(tag)) load(tag);
}

if (data.load === 'all') (Object.keys(loaders) as ElementTag[]).forEach(load);
else {
  scan();
  const observer = new MutationObserver(scan);
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

// Classic pages and other scripts reach the same function without importing the module.
(globalThis as { confab?: { configure: typeof configure } }).confab ??= { configure };
