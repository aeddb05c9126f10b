import { ContextConsumer, ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { CommunityBackend } from '../backends/types.js';
import { createRestBackend, onConfigChange } from './config.js';
import { backendContext } from './context.js';

/**
 * Gives one section of a page its own backend, overriding `configure()` for every Confab element
 * inside it.
 *
 * @tag confab-provider
 * @summary Scopes a backend to a subtree.
 * @slot - The Confab elements (or any markup containing them) that should use this backend.
 *
 * @example
 * <confab-provider api="https://emea.community.example.com/api">
 *   <confab-forum-feed category="partners"></confab-forum-feed>
 * </confab-provider>
 */
export class ConfabProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    backend: { attribute: false },
    api: { type: String, reflect: true },
  };

  /** The backend for this subtree. Wins over `api`. With neither, the nearest outer provider's applies. */
  declare backend: CommunityBackend | undefined;
  /** Base URL of a Confab REST API for this subtree (needs the REST factory the loader registers). */
  declare api: string | undefined;

  private provider = new ContextProvider(this, { context: backendContext, initialValue: undefined });
  // A provider without its own backend passes its ancestor's through, so an empty or still-loading
  // nested provider never hides the outer one. (The provider above ignores requests from its own host.)
  private parent = new ContextConsumer(this, {
    context: backendContext,
    subscribe: true,
    callback: () => this.provider.setValue(this.resolve()),
  });
  private builtFor?: string;
  private built?: CommunityBackend;
  private unlisten?: () => void;
  private warned = false;

  /**
   * Registers the element under `tag`. Two copies of Confab on one page must not crash, so an
   * existing registration is kept with a warning instead of throwing.
   */
  static define(tag = 'confab-provider', registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(tag);
    if (existing) {
      if (existing !== this) console.warn(`[confab] <${tag}> is already defined by another copy; keeping it.`);
      return;
    }
    registry.define(tag, this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The loader may register the REST factory after this element upgraded with an `api`.
    this.unlisten ??= onConfigChange(() => {
      if (this.api && !this.backend && !this.built) this.provider.setValue(this.resolve());
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlisten?.();
    this.unlisten = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('backend') || changed.has('api')) this.provider.setValue(this.resolve());
  }

  private resolve(): CommunityBackend | undefined {
    if (this.backend) return this.backend;
    if (!this.api) return this.parent.value;
    // Rebuild only when the URL changes, so consumers keep their cache and dedup identity.
    if (this.builtFor !== this.api || !this.built) {
      this.built = createRestBackend(this.api);
      this.builtFor = this.built ? this.api : undefined;
      if (!this.built && !this.warned) {
        this.warned = true;
        console.warn('[confab] <confab-provider api> needs the REST backend; load confab.js or pass .backend.');
      }
    }
    return this.built;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-provider': ConfabProvider;
  }
}
