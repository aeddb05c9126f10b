import { del, get, set, createStore, type UseStore } from 'idb-keyval';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { currentIdentity, lastIdentity } from './identity.js';

// Own database, never idb-keyval's default store that the host page may use.
let store: UseStore | undefined;
const idb = (): UseStore => (store ??= createStore('confab-drafts', 'drafts'));

interface Draft {
  text: string;
  savedAt: number;
}

// Drafts are the partner's own words: stored per partner (see identity.ts) so that whoever signs in
// next on a shared computer never sees them. The last known partner is used when there is one, so
// a save on `pagehide` needs no round trip to the token provider.
async function owned(key: string, fresh = false): Promise<string> {
  const who = (fresh ? undefined : lastIdentity()) ?? (await currentIdentity()) ?? 'unknown';
  return `${who}|${key}`;
}

/** The text saved under `key`, or undefined. Drafts are plain text; nothing here is ever parsed as HTML. */
export async function loadDraft(key: string): Promise<string | undefined> {
  const d = await get<Draft | string>(await owned(key, true), idb());
  if (typeof d === 'string') return d;
  return d && typeof d.text === 'string' ? d.text : undefined;
}

/** Saves `text` under `key` now. An empty text clears the draft. */
export async function saveDraft(key: string, text: string): Promise<void> {
  if (!text) return clearDraft(key);
  await set(await owned(key), { text, savedAt: Date.now() } satisfies Draft, idb());
}

/** Forgets the draft under `key`, e.g. once it was sent. */
export async function clearDraft(key: string): Promise<void> {
  await del(await owned(key), idb());
}

/** How long typing must pause before a draft is written. */
export const DRAFT_DEBOUNCE_MS = 300;

/**
 * Keeps a text field's draft in IndexedDB while it is typed, so it survives a reload or a crash.
 * Saves are debounced and flushed on `pagehide` (the last reliable moment before unload) and when the
 * host disconnects.
 *
 * @example
 * private draft = new DraftController(this, () => `reply:${this.threadId}`);
 * // firstUpdated: this.body = (await this.draft.restore()) ?? '';
 * // @input: this.draft.update(textarea.value)
 * // after a successful send: this.draft.clear()
 */
export class DraftController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private pendingKey?: string;
  private pendingText?: string;
  private readonly onPageHide = () => void this.flush();

  constructor(
    host: ReactiveControllerHost,
    private readonly key: () => string | null,
    private readonly options: { debounceMs?: number } = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.onPageHide);
    void this.flush();
  }

  /** The saved draft for the current key, if any. */
  async restore(): Promise<string | undefined> {
    const key = this.key();
    if (!key) return undefined;
    // A save not yet written is newer than what IndexedDB holds.
    if (this.pendingKey === key && this.pendingText !== undefined) return this.pendingText;
    return loadDraft(key).catch(() => undefined);
  }

  /** Records the current text; it is written after `debounceMs` (default DRAFT_DEBOUNCE_MS) of quiet. */
  update(text: string): void {
    const key = this.key();
    if (!key) return;
    if (this.pendingKey && this.pendingKey !== key) void this.flush();
    this.pendingKey = key;
    this.pendingText = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.debounceMs ?? DRAFT_DEBOUNCE_MS);
  }

  /** Writes a pending save now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const key = this.pendingKey;
    const text = this.pendingText;
    this.pendingKey = this.pendingText = undefined;
    if (key === undefined || text === undefined) return;
    await saveDraft(key, text).catch(() => {
      /* no IndexedDB (private mode, blocked storage): the text is still in the field */
    });
  }

  /** Drops the draft of the current key and any pending save, e.g. after a successful send. */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingKey = this.pendingText = undefined;
    const key = this.key();
    if (key) await clearDraft(key).catch(() => {});
  }
}
