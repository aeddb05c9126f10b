import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];
export type Scheme = 'light' | 'dark';

/**
 * Resolves `theme="auto"` against the host page. A portal signals dark mode in one of these ways,
 * checked in order on `<html>` and `<body>`:
 *   1. `data-theme="dark"` / `data-color-scheme="dark"` (or `light`),
 *   2. class `dark`, `theme-dark` or `dark-mode` (or `light`, `theme-light`),
 *   3. CSS `color-scheme: dark` (only dark, not `light dark`) on the element's surroundings,
 *   4. otherwise the operating system's `prefers-color-scheme`.
 */
export function pageScheme(el: Element): Scheme {
  for (const node of [document.documentElement, document.body]) {
    if (!node) continue;
    const attr = (node.getAttribute('data-theme') ?? node.getAttribute('data-color-scheme') ?? '').toLowerCase();
    if (attr === 'dark' || attr === 'light') return attr;
    const cls = node.classList;
    if (cls.contains('dark') || cls.contains('theme-dark') || cls.contains('dark-mode')) return 'dark';
    if (cls.contains('light') || cls.contains('theme-light')) return 'light';
  }
  const declared = getComputedStyle(el.parentElement ?? document.documentElement).colorScheme.split(/\s+/);
  if (declared.includes('dark') && !declared.includes('light')) return 'dark';
  if (declared.includes('light') && !declared.includes('dark')) return 'light';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

// One observer for every element on the page, not one each.
const hosts = new Set<ThemeController>();
let observer: MutationObserver | undefined;
let media: MediaQueryList | undefined;
const notifyAll = () => hosts.forEach((h) => h.update());

function watchPage() {
  if (observer) return;
  observer = new MutationObserver(notifyAll);
  const opts = { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] };
  observer.observe(document.documentElement, opts);
  if (document.body) observer.observe(document.body, opts);
  media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', notifyAll);
}

function unwatchPage() {
  observer?.disconnect();
  media?.removeEventListener('change', notifyAll);
  observer = undefined;
  media = undefined;
}

/** Gives an element its effective colour scheme from its `theme` (or the page-wide default). */
export class ThemeController implements ReactiveController {
  scheme: Scheme = 'light';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly theme: () => Theme,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this);
    watchPage();
    this.update();
  }

  hostDisconnected(): void {
    hosts.delete(this);
    if (hosts.size === 0) unwatchPage();
  }

  hostUpdate(): void {
    this.scheme = this.resolve();
  }

  update(): void {
    const next = this.resolve();
    if (next !== this.scheme) {
      this.scheme = next;
      this.host.requestUpdate();
    }
  }

  private resolve(): Scheme {
    const theme = this.theme();
    return theme === 'auto' ? pageScheme(this.host) : theme;
  }
}
