/**
 * The lazily loaded half of `<confab-forum-feed>`: what is needed only once a partner opens a thread
 * or writes (thread view, Markdown, reply composer, new-thread form, drafts, outbox). Keeping it out
 * of the element's first chunk keeps the feed's first load small; the element fetches it when the
 * list has loaded (idle time) or at the first click, whichever comes first.
 */
import type { ReactiveControllerHost } from 'lit';
import { ComposerController, pendingBadge, type ComposerOptions } from '../../ui/composer.js';
import { composerStyles } from '../../ui/composer.styles.js';
import { NewThreadController, newThreadForm, type NewThreadOptions } from './new-thread.js';
import { threadView } from './thread-view.js';
import { panelStyles } from './panels.styles.js';

export interface Panels {
  composer: ComposerController<'replyToThread'>;
  newThread: NewThreadController;
  threadView: typeof threadView;
  newThreadForm: typeof newThreadForm;
  pendingBadge: typeof pendingBadge;
  styles: (typeof panelStyles)[];
}

/** Creates the controllers on `host` (they start at once: drafts, pending writes, outbox replay). */
export function createPanels(
  host: ReactiveControllerHost & HTMLElement,
  reply: ComposerOptions<'replyToThread'>,
  thread: NewThreadOptions,
): Panels {
  return {
    composer: new ComposerController(host, reply),
    newThread: new NewThreadController(host, thread),
    threadView,
    newThreadForm,
    pendingBadge,
    styles: [composerStyles, panelStyles],
  };
}
