/**
 * Writes are never lost: a write that fails for network reasons (no response at all) is persisted
 * with its idempotency key and replayed later, also after a reload. The server stores each key once,
 * so a replay can never create a duplicate; the guards below make sure we do not even try twice at once.
 */
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { CommunityBackend, OutboxWrite } from '../backends/types.js';
import type { Problem } from '../contract/index.js';
import { persistentBackendId } from './backend-id.js';
import { ConfabError, OfflineError, isAbort, toConfabError } from './errors.js';
import { onConfigChange } from './config.js';
import { currentIdentity, lastIdentity } from './identity.js';

/** A persisted write waiting to be sent. */
export interface OutboxEntry {
  /** Stable id for UI lists; the same as `key`. */
  id: string;
  /** The Idempotency-Key sent with every attempt. */
  key: string;
  /** Which backend it belongs to (`backend.id`, or 'default'); replay only sends it there. */
  backendId: string;
  method: OutboxWrite;
  /** The method's arguments without CallOptions: plain JSON. */
  args: unknown[];
  /** Free-form grouping chosen by the caller, e.g. `backendId:replyToThread:threadId`. */
  scope?: string;
  /** ms since epoch; replay keeps this order. */
  createdAt: number;
  /**
   * Hash of the partner who wrote it (see identity.ts; never the token). Replay sends only the
   * current partner's entries, so a write is never posted under someone else's name.
   */
  owner: string;
}

/** A queued write the server refused on replay (a 4xx): removed from the queue, kept so the UI can say so. */
export interface OutboxFailure {
  entry: OutboxEntry;
  status: number;
  message: string;
  problem: Problem | null;
  failedAt: number;
}

/** What submit() did: sent now, or queued for later. */
export type SubmitResult<V = unknown> = { queued: false; value: V } | { queued: true; entry: OutboxEntry };

/** What changed in the outbox; listeners in every tab of this origin hear it. */
export type OutboxChange =
  | { type: 'queued'; entry: OutboxEntry }
  | { type: 'sent'; entry: OutboxEntry; value?: unknown }
  | { type: 'failed'; failure: OutboxFailure }
  | { type: 'dismissed'; id: string };

/** What one replay did. */
export interface ReplayResult {
  sent: number;
  failed: number;
  /** Still queued (offline or server trouble); retried on the next `online` or page load. */
  kept: number;
}

// Own database, never idb-keyval's default store that the host page may use.
let store: UseStore | undefined;
const idb = (): UseStore => (store ??= createStore('confab-outbox', 'outbox'));
const QUEUE = 'q:';
const FAILED = 'f:';

// ----- change notification, across tabs too -----

const listeners = new Set<(change: OutboxChange) => void>();
let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  if (typeof BroadcastChannel === 'undefined') return (channel = null);
  channel = new BroadcastChannel('confab-outbox');
  channel.onmessage = (e: MessageEvent<OutboxChange>) => deliver(e.data);
  return channel;
}

function deliver(change: OutboxChange): void {
  for (const cb of [...listeners]) {
    try {
      cb(change);
    } catch (e) {
      console.error(e);
    }
  }
}

function notify(change: OutboxChange): void {
  deliver(change);
  try {
    getChannel()?.postMessage(change);
  } catch {
    /* a value that cannot be cloned: other tabs re-read on their next change */
  }
}

/**
 * Calls `cb` whenever an entry is queued, sent, failed or dismissed, in this tab or another one.
 * @returns the unsubscribe function.
 */
export function onOutboxChange(cb: (change: OutboxChange) => void): () => void {
  listeners.add(cb);
  getChannel();
  return () => listeners.delete(cb);
}

// ----- submit -----

const noResponse = (e: unknown): boolean => !isAbort(e) && toConfabError(e) instanceof OfflineError;

/**
 * Sends a write with a fresh idempotency key. When it fails for network reasons (no response) it is
 * persisted and `{ queued: true }` is returned; any other failure (4xx, 5xx, validation, abort) is
 * thrown for the element to show, because the partner can act on it now.
 *
 * @example
 * const r = await submit(backend, 'replyToThread', [threadId, { body }], { scope });
 * if (r.queued) showPending(r.entry); else showPost(r.value);
 */
export async function submit<V = unknown>(
  backend: CommunityBackend,
  method: OutboxWrite,
  args: unknown[],
  { scope }: { scope?: string } = {},
): Promise<SubmitResult<V>> {
  const key = crypto.randomUUID();
  try {
    const value = (await call(backend, method, args, key)) as V;
    return { queued: false, value };
  } catch (e) {
    if (!noResponse(e)) throw e;
    // The token provider may itself fail offline; the partner seen last is then still the author.
    const owner = (await currentIdentity()) ?? lastIdentity();
    // Without knowing whose write it is, it could later be sent as someone else: do not queue it.
    if (!owner) throw e;
    const entry: OutboxEntry = {
      id: key,
      key,
      backendId: persistentBackendId(backend),
      method,
      args: [...args],
      ...(scope !== undefined ? { scope } : {}),
      createdAt: Date.now(),
      owner,
    };
    // If IndexedDB refuses, the original offline error stands: the element keeps the text and says so.
    try {
      await set(QUEUE + key, entry, idb());
    } catch {
      throw e;
    }
    notify({ type: 'queued', entry });
    return { queued: true, entry };
  }
}

function call(backend: CommunityBackend, method: OutboxWrite, args: unknown[], idempotencyKey: string): Promise<unknown> {
  const fn = backend[method] as (...a: unknown[]) => Promise<unknown>;
  // Not a TypeError: that would read as "network error" and queue a write that can never be sent.
  if (typeof fn !== 'function') return Promise.reject(new ConfabError(`This backend cannot ${method}.`));
  return fn.call(backend, ...args, { idempotencyKey });
}

// ----- reading -----

async function all<T>(prefix: string): Promise<T[]> {
  const rows = await entries<string, T>(idb());
  return rows.filter(([k]) => typeof k === 'string' && k.startsWith(prefix)).map(([, v]) => v);
}

/** The current partner's writes still waiting, oldest first; only those of `scope` when given. */
export async function pending(scope?: string): Promise<OutboxEntry[]> {
  const [list, me] = await Promise.all([all<OutboxEntry>(QUEUE), currentIdentity()]);
  return list.filter((e) => e.owner === me && (scope === undefined || e.scope === scope)).sort(byAge);
}

/** The current partner's writes the server refused on replay, oldest first; only those of `scope` when given. */
export async function failures(scope?: string): Promise<OutboxFailure[]> {
  const [list, me] = await Promise.all([all<OutboxFailure>(FAILED), currentIdentity()]);
  return list
    .filter((f) => f.entry.owner === me && (scope === undefined || f.entry.scope === scope))
    .sort((a, b) => byAge(a.entry, b.entry));
}

/** Forgets a recorded failure once the UI has shown it. */
export async function dismissFailure(id: string): Promise<void> {
  await del(FAILED + id, idb());
  notify({ type: 'dismissed', id });
}

const byAge = (a: OutboxEntry, b: OutboxEntry): number => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1);

// ----- replay -----

// One replay per backend id at a time in this tab; Web Locks extend that to every tab.
const running = new Map<string, Promise<ReplayResult>>();

/**
 * Sends every queued write of this backend, oldest first, each with its stored idempotency key.
 * Sent entries and those that fail for good (a 4xx, a response that breaks the contract: recorded in
 * `failures()`) leave the queue; those that meet no network, a 401 (the token may come back), 408,
 * 429 or a 5xx stay, with everything after them, for the next replay.
 * Concurrent calls share one run; other tabs wait for the `confab-outbox` Web Lock.
 */
export function replay(backend: CommunityBackend): Promise<ReplayResult> {
  const id = persistentBackendId(backend);
  let run = running.get(id);
  if (!run) {
    run = withLock(() => replayNow(backend, id)).finally(() => running.delete(id));
    running.set(id, run);
  }
  return run;
}

interface LockManagerLike {
  request<T>(name: string, cb: () => Promise<T>): Promise<T>;
}

function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  // Without Web Locks two tabs may replay together; the idempotency keys still keep the server exact.
  return locks ? locks.request('confab-outbox', fn) : fn();
}

/**
 * Worth another try later: no response, or a status that says "not now" (401: the token may be
 * refreshed by then; 408, 429, 5xx). Anything else, including a response that did not match the
 * contract, would fail the same way forever.
 */
const keeps = (e: unknown, error: ConfabError): boolean =>
  isAbort(e) || error instanceof OfflineError || [401, 408, 429].includes(error.status) || error.status >= 500;

async function replayNow(backend: CommunityBackend, id: string): Promise<ReplayResult> {
  const result: ReplayResult = { sent: 0, failed: 0, kept: 0 };
  let queue: OutboxEntry[];
  try {
    // Read inside the lock: what another tab sent before we got it is gone by now. Another partner's
    // writes wait for that partner (pending() filters by owner).
    queue = (await pending()).filter((e) => e.backendId === id);
  } catch {
    return result;
  }
  for (let i = 0; i < queue.length; i++) {
    const entry = queue[i];
    let value: unknown;
    try {
      value = await call(backend, entry.method, entry.args, entry.key);
    } catch (e) {
      const error = toConfabError(e);
      if (keeps(e, error)) {
        // No network or server trouble: the rest would meet the same, keep them all for later.
        result.kept = queue.length - i;
        break;
      }
      const failure: OutboxFailure = {
        entry,
        status: error.status,
        message: error.message,
        problem: error.problem,
        failedAt: Date.now(),
      };
      await set(FAILED + entry.key, failure, idb()).catch(() => {});
      await del(QUEUE + entry.key, idb()).catch(() => {});
      result.failed++;
      notify({ type: 'failed', failure });
      continue;
    }
    // Sent. Should the delete fail, the next replay sends the same key again and the server answers
    // with the stored response: still exactly one write.
    await del(QUEUE + entry.key, idb()).catch(() => {});
    result.sent++;
    notify({ type: 'sent', entry, value });
  }
  return result;
}

// ----- starting -----

const started = new Map<string, CommunityBackend>();
let onlineListening = false;
let unlistenConfig: (() => void) | undefined;
/** Ids with a replay queued behind the running one (see replayAll). */
const rerun = new Set<string>();
/** Bumped by _resetForTests, so that a replay queued before a reset does not run after it. */
let generation = 0;
/**
 * Replays every started backend. A replay that is already running began before what triggered this
 * one (the token handed over, the network back) and may have kept entries it could not send then, so
 * one more runs after it (one, however many triggers came meanwhile). Joining the running one lost
 * a partner's write when the token arrived during the start-up replay (outbox.test.ts "replays when
 * the portal hands over getToken after startup", which timed out under load).
 */
const replayAll = (): void => {
  for (const [id, b] of started) {
    const run = running.get(id);
    if (!run) void replay(b).catch(() => {});
    else if (!rerun.has(id)) {
      rerun.add(id);
      const queuedIn = generation;
      void run
        .catch(() => undefined)
        .then(() => {
          if (queuedIn !== generation) return undefined;
          rerun.delete(id);
          return replay(started.get(id) ?? b);
        })
        .catch(() => {});
    }
  }
};
const onOnline = replayAll;

/**
 * Replays this backend's queue now, whenever the page comes back online and when the configuration
 * changes (e.g. `getToken` arrives). Elements call it when they connect; calling it again for the
 * same backend id does nothing more.
 */
export function startOutbox(backend: CommunityBackend): void {
  const id = persistentBackendId(backend);
  const known = started.has(id);
  // Keep the newest client for the id: configure() may have rebuilt it with a new token provider.
  started.set(id, backend);
  if (!onlineListening && typeof addEventListener === 'function') {
    addEventListener('online', onOnline);
    onlineListening = true;
  }
  // The portal may hand over getToken after the elements started: the partner's queued writes can
  // only be matched to them (and sent) from then on.
  unlistenConfig ??= onConfigChange((o) => {
    if (o.getToken) replayAll();
  });
  if (!known) void replay(backend).catch(() => {});
}

/** Test hook: drops every in-memory state, as a reload would. IndexedDB is kept. */
export function _resetForTests(): void {
  running.clear();
  rerun.clear();
  generation++;
  started.clear();
  listeners.clear();
  if (onlineListening) removeEventListener('online', onOnline);
  onlineListening = false;
  unlistenConfig?.();
  unlistenConfig = undefined;
  channel?.close();
  channel = undefined;
}
