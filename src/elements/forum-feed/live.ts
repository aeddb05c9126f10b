import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityBackend } from '../../backends/types.js';

/**
 * Collects threads created while the feed is on screen (backend `subscribe`, SSE for RestBackend)
 * without touching the list: the element shows their count and loads them when asked, so the rows
 * a partner is reading never move by themselves. Unsubscribes when disabled or disconnected.
 */
export class NewThreadsController implements ReactiveController {
  /** Ids of threads announced since the list was last loaded. */
  ids: string[] = [];
  private abort?: AbortController;
  private subscribedTo?: CommunityBackend;
  // A removed element can still finish a pending Lit update; without this flag that update would open
  // a stream after hostDisconnected() closed the last one, and nothing would ever close it.
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      /** The backend to listen to, or undefined to stop listening. */
      backend: () => CommunityBackend | undefined;
      /** Only threads of this category count (undefined: all). */
      category: () => string | undefined;
      /** True for a thread already on screen. */
      shown: (id: string) => boolean;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const backend = this.connected ? this.options.backend() : undefined;
    if (backend === this.subscribedTo) return;
    this.stop();
    this.subscribedTo = backend;
    if (!backend?.subscribe) return;
    const abort = (this.abort = new AbortController());
    backend.subscribe((ev) => {
      if (ev.type !== 'thread.created' || abort.signal.aborted) return;
      const category = this.options.category();
      if (category && ev.category !== null && ev.category !== category) return;
      if (this.options.shown(ev.id) || this.ids.includes(ev.id)) return;
      this.ids = [...this.ids, ev.id];
      this.host.requestUpdate();
    }, abort.signal);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** Forgets the announced threads (they were loaded, or the query changed). */
  clear(): void {
    this.ids = [];
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.subscribedTo = undefined;
  }
}
