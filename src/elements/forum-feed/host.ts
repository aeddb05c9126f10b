/**
 * The host contract of `<confab-forum-feed>`: what its lazy parts (parts/) may use of the element. The
 * element implements these interfaces; the parts import this file, never the element class, so the
 * element's chunk and theirs never import each other (see src/elements/README.md).
 */
import type { ReactiveControllerHost } from 'lit';
import type { LiveEvent, Page, ThreadSummary } from '../../contract/index.js';
import type { CommunityBackend } from '../../backends/types.js';
import type { ResourceController } from '../../core/resource.js';

/** What the thread panels (parts/panels.ts, parts/open-thread.ts) use of the element. */
export interface FeedHost extends ReactiveControllerHost, HTMLElement {
  readonly category?: string;
  readonly signedIn: boolean | undefined;
  /** The signed-in partner's id, null when signed out, undefined while unknown. */
  readonly partnerId: string | null | undefined;
  /** The signed-in partner's id (their own content gets no "Report"), or null. */
  readonly meId: string | null;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The first page of threads. */
  readonly list: ResourceController<Page<ThreadSummary>>;
  /** The threads on screen. */
  readonly threads: ThreadSummary[];
  backendNow(): CommunityBackend | undefined;
  localeNow(): string;
  /** Says `text` in the element's live region. */
  announce(text: string): void;
  /** After the next render, focuses the first of `selectors` that matches. */
  focusAfterUpdate(...selectors: (string | null)[]): void;
}

/** A live subscription the element opens at its first update, before parts/live.ts has loaded. */
export interface EarlyListener {
  backend: CommunityBackend;
  /** Events heard before the live part adopted the subscription. */
  events: LiveEvent[];
  abort: AbortController;
  /** Set on adoption: events go straight to the controller from then on. */
  sink?: (ev: LiveEvent) => void;
}

/** What the "N new threads" banner (parts/live.ts) uses of the element besides FeedHost. */
export interface LiveHost extends FeedHost {
  readonly live: boolean;
  announceCount(n: number): void;
  /** The subscription the element opened before the live part arrived, if still open: adopt it or close it. */
  takeEarlyListener(): EarlyListener | undefined;
}
