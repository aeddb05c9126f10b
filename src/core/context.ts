import { ContextConsumer, ContextRoot, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityBackend } from '../backends/types.js';
import { getBackend, onConfigChange } from './config.js';

/**
 * The backend a `<confab-provider>` gives to its subtree. Keyed by `Symbol.for` so two copies of
 * Confab on one page still find each other's providers.
 */
export const backendContext = createContext<CommunityBackend | undefined>(Symbol.for('confab-backend'));

const ROOT_FLAG = Symbol.for('confab-context-root');

/**
 * The loader defines elements in whatever order their tags appear, so a consumer may ask for the
 * backend before its `<confab-provider>` is upgraded. A ContextRoot remembers such requests and
 * replays them when the provider arrives. One per document, shared by every copy of Confab.
 */
function ensureContextRoot(): void {
  const doc = document as unknown as Record<symbol, unknown>;
  if (doc[ROOT_FLAG]) return;
  doc[ROOT_FLAG] = true;
  new ContextRoot().attach(document.documentElement);
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
  private consumer: ContextConsumer<typeof backendContext, ReactiveControllerHost & HTMLElement>;
  private unlisten?: () => void;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    ensureContextRoot();
    host.addController(this);
    this.consumer = new ContextConsumer(host, {
      context: backendContext,
      subscribe: true,
      // ContextConsumer already requests an update on change; nothing else to do here.
    });
  }

  /** The backend to use now, or undefined when none is configured yet. */
  get backend(): CommunityBackend | undefined {
    return this.consumer.value ?? getBackend();
  }

  /** True when the backend comes from a `<confab-provider>` rather than `configure()`. */
  get fromProvider(): boolean {
    return this.consumer.value !== undefined;
  }

  hostConnected(): void {
    this.unlisten ??= onConfigChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unlisten?.();
    this.unlisten = undefined;
  }
}
