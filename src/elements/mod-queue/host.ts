/**
 * The host contract of `<confab-mod-queue>`: what its lazy part (parts/action-form.ts) may use of the
 * element. The element implements it; the part imports this file, never the element class.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ModerationActionName, QueueItem } from '../../contract/index.js';
import type { ModerationApi } from '../../backends/moderation.js';
import type { ConfabError } from '../../core/errors.js';

/** An action a moderator started: on one item (its row's button) or on the selected items (bulk). */
export interface ActionRequest {
  action: ModerationActionName;
  items: QueueItem[];
  /** True for the bulk bar's buttons: the form renders under the bar, not inside a row. */
  bulk: boolean;
}

/** What the action form uses of the element. */
export interface ModQueueHost extends ReactiveControllerHost, HTMLElement {
  /** The backend's moderation calls, or undefined when it has none. */
  moderationNow(): ModerationApi | undefined;
  localeNow(): string;
  /** Says `text` in the element's live region. */
  announce(text: string): void;
  /** After the next render, focuses the first of `selectors` that matches. */
  focusAfterUpdate(...selectors: (string | null)[]): void;
  /** The action went through for `done` (all or some of the request's items): refresh and tell the page. */
  actionsDone(request: ActionRequest, done: QueueItem[]): void;
  reportError(error: ConfabError): void;
}

/** The key of an item in the element's selection and in `data-key`. */
export const itemKey = (item: QueueItem) => `${item.target.kind}:${item.target.id}`;
