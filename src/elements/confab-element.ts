import { LitElement, adoptStyles, html, type CSSResultOrNative, type PropertyDeclarations, type TemplateResult } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { BackendController } from '../core/context.js';
import { getOptions } from '../core/config.js';
import { ensureLocalization, getLocale, isRtl } from '../core/i18n.js';
import { emit } from '../core/events.js';
import type { ConfabError } from '../core/errors.js';
import { ThemeController, THEMES, type Theme } from '../ui/theme-controller.js';
import { checkEnum } from '../ui/dev-warn.js';
import { defineElement } from './define-element.js';

/**
 * What every Confab element shares: the backend from a provider or `configure()`, theme and locale,
 * the `.base` wrapper that carries the colour scheme and direction, and registration.
 */
export abstract class ConfabElement extends LitElement {
  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
  };

  /** `light`, `dark`, or `auto` (follow the page; see README "Dark mode"). Default: the page-wide `data-theme`, else auto. */
  theme?: Theme;

  protected readonly backendCtl = new BackendController(this);
  protected readonly themeCtl = new ThemeController(this, () =>
    checkEnum(this, 'theme', this.theme ?? getOptions().theme ?? 'auto', THEMES, 'auto'),
  );

  constructor() {
    super();
    ensureLocalization();
    updateWhenLocaleChanges(this);
  }

  /** Registers this class under `tag` unless the name is taken (then it warns once). */
  static define(tag: string, registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this as unknown as CustomElementConstructor, registry);
  }

  /** The backend in effect for this element, or undefined when the page configured none. */
  protected get backend() {
    return this.backendCtl.backend;
  }

  /** Locale for Intl formatting: the element's own `lang`, else the active catalogue. */
  protected get locale(): string {
    return this.getAttribute('lang') || getLocale();
  }

  /** Wraps content in the themed, direction-aware `base` part. */
  protected frame(content: TemplateResult | TemplateResult[], label?: string): TemplateResult {
    const locale = this.locale;
    return html`<div
      part="base"
      class="base ${this.themeCtl.scheme}"
      dir=${isRtl(locale) ? 'rtl' : 'ltr'}
      lang=${locale}
      aria-label=${label ?? ''}
      role=${label ? 'region' : 'none'}
    >${content}</div>`;
  }

  /** Styles of parts loaded after first render (panels, forms, readers): see adoptPartStyles. */
  private partStyles: CSSResultOrNative[] = [];

  /**
   * @internal Adds the styles of a lazily loaded part to this element's shadow root, after the element's
   * own. Parts keep their CSS in their own chunk, so a first view does not download styles it never
   * shows. Called by `LazyPart` (core/lazy-part.ts) when a part arrives: parts never call it themselves.
   */
  adoptPartStyles(styles: readonly CSSResultOrNative[]): void {
    const fresh = styles.filter((s) => !this.partStyles.includes(s));
    if (!fresh.length) return;
    this.partStyles.push(...fresh);
    const ctor = this.constructor as typeof LitElement;
    adoptStyles(this.renderRoot as ShadowRoot, [...ctor.elementStyles, ...this.partStyles]);
  }

  /** @internal Fires `confab-error` with the HTTP status, so hosts can log what partners saw. */
  reportError(error: ConfabError): void {
    emit(this, 'confab-error', { error, status: error.status });
  }
}
