/**
 * The lazily loaded half of `<confab-forum-feed>`: what is needed only once a partner opens a thread
 * or writes (thread view, Markdown, reply composer, new-thread form, drafts, outbox). Keeping it out
 * of the element's first chunk keeps the feed's first load small; the element fetches it when the
 * list has loaded (idle time) or at the first click, whichever comes first.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { pendingBadge } from '../../../ui/pending.js';
import { composerStyles } from '../../../ui/composer.styles.js';
import { mentionStyles } from '../../../ui/mention-suggest.styles.js';
import { mentionChipStyles } from '../../../styles/mention-chip.js';
import { fields } from '../../../styles/fields.js';
import { prose } from '../../../styles/prose.js';
import { NewThreadController, newThreadForm } from './new-thread.js';
import { OpenThread } from './open-thread.js';
import type { FeedHost } from '../host.js';
import { panelStyles } from './panels.styles.js';
import { reportStyles } from '../../../ui/report-dialog.styles.js';
import { ReportController } from '../../../ui/report-dialog.js';

/** Styles of these parts (form fields and Markdown only appear here), adopted when the chunk arrives. */
export const styles = [fields, prose, composerStyles, mentionStyles, mentionChipStyles, panelStyles, reportStyles];

/** The thread view, the new-thread form and the writes waiting in the outbox. */
export class Panels {
  /** The "Report" dialog of the rows and of the open thread (one per feed, so both know what was reported). */
  readonly report: ReportController;
  readonly thread: OpenThread;
  readonly newThread: NewThreadController;
  /** Creates the controllers on `host` (they start at once: drafts, pending writes, outbox replay). */
  constructor(private readonly host: FeedHost) {
    this.report = new ReportController(host);
    this.thread = new OpenThread(host, this.report);
    this.newThread = new NewThreadController(host, {
      backend: () => host.backendNow(),
      signedIn: () => host.signedIn,
      defaultCategory: () => host.category ?? '',
      onCreated: (t) => {
        host.announce(msg('Thread posted', { id: 'forum-feed-thread-posted' }));
        void host.list.refresh().then(() => host.focusAfterUpdate(`article[data-id="${CSS.escape(t.id)}"]`));
      },
      onQueued: () => host.announce(msg('You are offline. Your thread will be posted when you are back online.', { id: 'forum-feed-thread-queued' })),
      onReplayed: () => void host.list.refresh(),
    });
  }

  /** Opens the "New thread" form (or asks the page for a sign-in) and focuses its title. */
  async startThread(): Promise<void> {
    await this.newThread.show();
    this.host.focusAfterUpdate('#nt-title');
  }

  /** Above the list: the open "New thread" form and the threads waiting in the outbox. */
  aboveList(): TemplateResult {
    const nt = this.newThread;
    return html`${nt.open ? newThreadForm(nt, this.categories()) : nothing}
      ${nt.pending.length
        ? html`<ul class="pending" aria-label=${msg('Threads waiting to be posted', { id: 'forum-feed-pending-threads' })}>
            ${nt.pending.map((t) => html`<li class="pending-item" part="pending-item"><strong dir="auto">${t.title}</strong>
              ${pendingBadge()}</li>`)}
          </ul>`
        : nothing}`;
  }

  private categories(): string[] {
    const { category, threads } = this.host;
    return [...new Set([category, ...threads.map((t) => t.category)].filter((c): c is string => !!c))];
  }
}
