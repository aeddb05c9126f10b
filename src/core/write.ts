/**
 * One way to write, for every form (reply, answer, new thread, question): the send goes through the
 * outbox, so an offline partner loses nothing, and this controller keeps what the form shows about
 * its writes: whether one is on its way, and which of them wait in the outbox. The form keeps its
 * own fields, validation and draft (a `DraftController` under `scope`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityBackend, OutboxWrite } from '../backends/types.js';
import { persistentBackendId } from './backend-id.js';
import { AuthError, toConfabError, type ConfabError } from './errors.js';
import { emit } from './events.js';
import { onOutboxChange, pending, startOutbox, submit, type OutboxChange, type OutboxEntry, type OutboxFailure } from './outbox.js';

/** How a form's writes find their backend and tell the form what a replay did. */
export interface WriteOptions<V> {
  /** The backend method, e.g. `replyToThread`. */
  method: OutboxWrite;
  /** The backend to write to. */
  backend: () => CommunityBackend | undefined;
  /**
   * What the writes go to, e.g. the open thread; null when nothing is open (then nothing is sent).
   * Leave it out for writes that go to no particular thing, such as a new thread.
   */
  target?: () => string | null;
  /** The `action` of the `confab-auth-required` fired when the backend answers 401, e.g. `'reply'`. */
  authAction: string;
  /** A write of this scope waiting in the outbox was sent by a replay (maybe after a reload, maybe by another tab). `value` when this tab sent it. */
  onReplayed?: (value: V | undefined) => void;
  /** The server refused a write of this scope waiting in the outbox (e.g. it broke a rule meanwhile). */
  onRefused?: (failure: OutboxFailure) => void;
}

/** What a send did: stored by the backend, queued in the outbox (offline), or failed for the form to show. */
export type WriteOutcome<V> =
  | { status: 'sent'; value: V }
  | { status: 'queued'; entry: OutboxEntry }
  | { status: 'failed'; error: ConfabError };

/**
 * A form's writes through the outbox. Starts the outbox's replay for the backend, lists the scope's
 * pending writes (also those an earlier visit or another tab queued), and sends.
 *
 * @example
 * private writes = new WriteController<Post>(this, {
 *   method: 'replyToThread', backend: () => this.backend, target: () => this.threadId, authAction: 'reply',
 * });
 * private draft = new DraftController(this, () => this.writes.scope || null);
 * // submit: const outcome = await this.writes.send([this.threadId, { body }]);
 * // render: this.writes.pending.map((entry) => html`… ${pendingBadge()}`)
 */
export class WriteController<V = unknown> implements ReactiveController {
  /** This scope's writes waiting in the outbox, oldest first. */
  pending: OutboxEntry[] = [];
  /** True while a send is on its way. */
  sending = false;

  private listed = ''; // the scope `pending` belongs to
  private unlisten?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: WriteOptions<V>,
  ) {
    host.addController(this);
  }

  /**
   * Groups the writes (and the form's drafts): `<backend id>:<method>`, then `:<target>` when the
   * writes have one; '' while there is no backend or target. Stored with every queued write, so it
   * must stay stable across releases.
   */
  get scope(): string {
    const backend = this.options.backend();
    if (!backend) return '';
    const base = `${persistentBackendId(backend)}:${this.options.method}`;
    if (!this.options.target) return base;
    const target = this.options.target();
    return target ? `${base}:${target}` : '';
  }

  hostConnected(): void {
    this.unlisten ??= onOutboxChange((change) => this.onChange(change));
  }

  hostDisconnected(): void {
    this.unlisten?.();
    this.unlisten = undefined;
  }

  hostUpdate(): void {
    const backend = this.options.backend();
    // Replays whatever an earlier visit (or a reload) left queued; a no-op after the first call.
    if (backend) startOutbox(backend);
    const scope = this.scope;
    if (scope === this.listed) return;
    this.listed = scope;
    this.pending = [];
    if (scope) void this.refresh();
  }

  /**
   * Sends `args` (the method's arguments) with an idempotency key. Offline, the outbox keeps the write
   * and it is listed in `pending`. A 401 also asks the host page for a sign-in. Resolves undefined
   * when a send is already on its way or there is nothing to write to.
   */
  async send(args: unknown[]): Promise<WriteOutcome<V> | undefined> {
    const backend = this.options.backend();
    const scope = this.scope;
    if (!backend || !scope || this.sending) return undefined;
    this.sending = true;
    this.host.requestUpdate();
    try {
      const result = await submit<V>(backend, this.options.method, args, { scope });
      if (!result.queued) return { status: 'sent', value: result.value };
      const { entry } = result;
      if (scope === this.scope && !this.pending.some((p) => p.id === entry.id)) this.pending = [...this.pending, entry];
      return { status: 'queued', entry };
    } catch (e) {
      const error = toConfabError(e);
      if (error instanceof AuthError && error.status === 401) emit(this.host, 'confab-auth-required', { action: this.options.authAction });
      return { status: 'failed', error };
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  private onChange(change: OutboxChange): void {
    const entry = change.type === 'failed' ? change.failure.entry : change.type === 'dismissed' ? undefined : change.entry;
    // A dismissed failure names no scope: re-reading the list is cheap.
    if (entry && entry.scope !== this.scope) return;
    if (change.type === 'sent') this.options.onReplayed?.(change.value as V | undefined);
    if (change.type === 'failed') this.options.onRefused?.(change.failure);
    this.host.requestUpdate();
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const scope = this.scope;
    if (!scope) return;
    const entries = await pending(scope).catch(() => [] as OutboxEntry[]);
    if (scope !== this.scope) return;
    this.pending = entries;
    this.host.requestUpdate();
  }
}
