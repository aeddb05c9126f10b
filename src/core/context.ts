import type { Context } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityBackend } from '../backends/types.js';
import { getBackend, onConfigChange } from './config.js';

/**
 * The backend a `<confab-provider>` gives to its subtree. Keyed by `Symbol.for` so two copies of
 * Confab on one page still find each other's providers.
 */
export const backendContext = Symbol.for('confab-backend') as Context<symbol, CommunityBackend | undefined>;

type Unsubscribe = () => void;

/**
 * The consumer half of the context protocol (the `context-request` event that @lit/context's
 * ContextProvider, used by `<confab-provider>`, answers). Written out here rather than imported:
 * every element needs it in its first load, the provider machinery only pages with a provider.
 */
class BackendRequest extends Event {
  readonly context = backendContext;
  readonly subscribe = true;
  constructor(
    readonly contextTarget: Element,
    readonly callback: (value: CommunityBackend | undefined, unsubscribe?: Unsubscribe) => void,
  ) {
    super('context-request', { bubbles: true, composed: true });
  }
}

/**
 * Gives an element its backend: the nearest `<confab-provider>`'s, else the page-wide one from
 * `configure()`. The host re-renders whenever either changes.
 *
 * @example
 * private backendCtl = new BackendController(this);
 * // in render(): this.backendCtl.backend
 */
export class BackendController implements ReactiveController {
  private provided?: CommunityBackend;
  private unsubscribe?: Unsubscribe;
  private unlisten?: () => void;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The backend to use now, or undefined when none is configured yet. */
  get backend(): CommunityBackend | undefined {
    return this.provided ?? getBackend();
  }

  /** True when the backend comes from a `<confab-provider>` rather than `configure()`. */
  get fromProvider(): boolean {
    return this.provided !== undefined;
  }

  hostConnected(): void {
    this.unlisten ??= onConfigChange(() => this.host.requestUpdate());
    // The loader defines elements in whatever order their tags appear, so the provider above may
    // upgrade after this element asked. A provider announces itself with `context-provider` when it
    // connects: ask again then, until one has answered.
    document.addEventListener('context-provider', this.onProvider);
    this.request();
  }

  hostDisconnected(): void {
    document.removeEventListener('context-provider', this.onProvider);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    // Moved out of its provider, the element must not keep that provider's backend: it asks again on
    // connect, and a provider still above answers at once.
    this.provided = undefined;
    this.unlisten?.();
    this.unlisten = undefined;
  }

  private request(): void {
    this.host.dispatchEvent(new BackendRequest(this.host, this.receive));
  }

  private readonly onProvider = (e: Event): void => {
    if ((e as Event & { context?: unknown }).context === backendContext && !this.unsubscribe) this.request();
  };

  /** Called by the provider now and on every change; a nearer provider that appears later takes over. */
  private readonly receive = (value: CommunityBackend | undefined, unsubscribe?: Unsubscribe): void => {
    if (this.unsubscribe && this.unsubscribe !== unsubscribe) this.unsubscribe();
    this.unsubscribe = unsubscribe;
    this.provided = value;
    this.host.requestUpdate();
  };
}
