import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ResourceController } from '../../core/resource.js';
import { emit } from '../../core/events.js';

/**
 * Fires the `confab-load` / `confab-error` pair for an element's resources: `confab-load` each time
 * one of them holds fresh data from the backend, `confab-error` each time an attempt failed
 * (also when cached data is shown offline). `onFresh` lets the element react, e.g. to announce.
 */
export class LoadEvents implements ReactiveController {
  private seen = new Map<ResourceController<unknown>, string>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly watched: [what: string, resource: ResourceController<any>][],
    private readonly onFresh?: (what: string, resource: ResourceController<any>) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    for (const [what, res] of this.watched) {
      // savedAt changes with every fresh value, so a refresh is a new load.
      const signature = `${res.status}|${res.stale}|${res.savedAt}|${res.error?.message ?? ''}`;
      if (signature === this.seen.get(res)) continue;
      this.seen.set(res, signature);
      if (res.status === 'ready' && !res.stale) {
        emit(this.host, 'confab-load', { what });
        this.onFresh?.(what, res);
      } else if (res.error && (res.status === 'error' || res.offline)) {
        emit(this.host, 'confab-error', { error: res.error, status: res.error.status });
      }
    }
  }
}
