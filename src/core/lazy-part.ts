import type { CSSResultOrNative, ReactiveController, ReactiveControllerHost } from 'lit';
import { loadOnce } from './load-once.js';
import { toConfabError, type ConfabError } from './errors.js';

/**
 * The one way an element loads a part it needs only on demand (a thread panel, a form's behaviour, a
 * popup, a verifier). The part is a module under `elements/<name>/parts/` that exports its `styles`;
 * the build puts every such module in a chunk of its own (rollup.config.mjs). See src/elements/README.md.
 */

/** What a part's entry module exports besides what the element builds from it: the CSS of what it renders. */
export interface PartModule {
  readonly styles: readonly CSSResultOrNative[];
}

/**
 * A part's import, shared by every element on the page (declare it at module level): it imports once,
 * and a failed import is forgotten, so the next call fetches the chunk again.
 */
export type PartLoader<M extends PartModule> = () => Promise<M>;

export const partLoader: <M extends PartModule>(load: () => Promise<M>) => PartLoader<M> = loadOnce;

/** The element side: `ConfabElement` provides `adoptPartStyles`. */
export interface PartHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  adoptPartStyles(styles: readonly CSSResultOrNative[]): void;
}

export type PartStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LazyPartOptions<M extends PartModule, T> {
  /** Builds this element's instance of the part (a controller, usually) once the module is here. */
  create: (module: M) => T;
  /** The chunk could not be fetched (offline, a deploy in between). `status` is already `error`. */
  onError?: (error: ConfabError) => void;
}

/**
 * One element's use of a lazy part: loads it when asked (`load()`), adopts its styles before the first
 * render that can show it, builds the element's instance with `create`, and exposes `status`, `value`
 * and `error` so the element can render a loading state or an error with a retry. A failure never
 * rejects into the page: it is `error`, and the part is loaded again at the next `load()` or when the
 * window comes back `online`, whichever is first.
 */
export class LazyPart<M extends PartModule, T> implements ReactiveController {
  status: PartStatus = 'idle';
  /** The element's instance of the part, once loaded. */
  value: T | undefined;
  /** Why the last load failed, while `status` is `error`. */
  error: ConfabError | undefined;
  private pending: Promise<T | undefined> | undefined;

  constructor(
    private readonly host: PartHost,
    private readonly loader: PartLoader<M>,
    private readonly options: LazyPartOptions<M, T>,
  ) {
    host.addController(this);
  }

  /** Loads the part unless it is here or on its way. Resolves to the instance, or undefined when it failed. */
  load(): Promise<T | undefined> {
    return (this.pending ??= this.run()); // kept once fulfilled, forgotten on failure
  }

  /**
   * Starts loading unless the part is here, on its way, or has failed. For lifecycle hooks and idle-time
   * prefetches: a failure re-renders the element, and calling `load()` from the next update would retry
   * in a loop while offline. A failed part waits for `retry` (a click) or the `online` event.
   */
  prefetch(): void {
    if (this.status === 'idle') void this.load();
  }

  /** For a retry button: the same as `load()`, without a promise to handle. */
  readonly retry = (): void => void this.load();

  private async run(): Promise<T | undefined> {
    this.status = 'loading';
    try {
      const module = await this.loader();
      this.host.adoptPartStyles(module.styles);
      this.value = this.options.create(module);
      this.status = 'ready';
      this.error = undefined;
    } catch (e) {
      this.pending = undefined;
      this.status = 'error';
      this.error = toConfabError(e);
      // One bound function, so repeated failures add one listener, not one each. A removed element
      // does not listen (and stops listening in hostDisconnected). A listener still pending when a
      // click has loaded the part finds it loaded and does nothing.
      if (this.host.isConnected) addEventListener('online', this.retry, { once: true });
      this.options.onError?.(this.error);
    }
    this.host.requestUpdate();
    return this.value;
  }

  hostDisconnected(): void {
    removeEventListener('online', this.retry);
  }
}
