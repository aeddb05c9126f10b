// Test files share the origin's outbox database: each clears only the entries (queued or failed) of
// its own backends, whose ids start with a prefix of its own.
import { createStore, del, entries } from 'idb-keyval';

/** The outbox's own store, as core/outbox.ts opens it. */
export const outboxStore = createStore('confab-outbox', 'outbox');

/** Deletes every queued write and failure whose backend id starts with `prefix`. */
export async function clearOutboxOf(prefix: string): Promise<void> {
  for (const [k, v] of await entries(outboxStore)) {
    // A failure wraps its entry; a queued write is the entry itself.
    const entry = (v as { entry?: { backendId?: unknown } }).entry ?? (v as { backendId?: unknown });
    if (String(entry.backendId ?? '').startsWith(prefix)) await del(k, outboxStore);
  }
}
