/**
 * A synchronous copy, in localStorage, of the cache entries a page wrote during its first view, so that
 * the next visit shows them in the elements' very first render (core/cache.ts reads it when its memory
 * layer misses, before IndexedDB).
 *
 * Why not IndexedDB alone: on a loading page Chromium runs IndexedDB's answers after the module
 * evaluation, style, layout and code-cache tasks queued beside them. Traced in the demo portal on a warm
 * visit (bench/render.mjs, load 6-10 on 2 cores): each read took 1-2 ms in the browser process and its
 * answer then waited 115-160 ms for the page's main thread, so cached threads showed after the first
 * paint, not in it. A read from this copy costs no round trip.
 *
 * Bounded, because the origin's localStorage belongs to the host page too: at most MIRROR_BUDGET
 * characters of JSON, newest first. Only writes made while the page is young (FIRST_VIEW_MS) add keys,
 * so searches typed later do not push the first view out; a later write to a key already here updates
 * it. In one tab the copy is never older than IndexedDB's entry; two tabs each save the whole copy as
 * they saw it, so the later save wins and may put back an older entry than IndexedDB holds (a visit then
 * shows that older entry first and revalidates it). Keys are the cache's own, partition first
 * (core/identity.ts), and entries are read back only under their full key: a partner never reads another
 * partner's entries here either. Values are contract data, which is JSON on the wire.
 */

/** One cached response and when it was fetched (the shape of core/cache.ts's `CacheEntry`). */
interface MirrorEntry {
  value: unknown;
  savedAt: number;
}

const STORAGE_KEY = 'confab:first-view';
/** Characters of JSON the copy may take (UTF-16, so twice as many bytes): the first views of a few pages. */
export const MIRROR_BUDGET = 64_000;
/** Writes this long after navigation start add no new keys: they are not the first view any more. */
export const FIRST_VIEW_MS = 10_000;

// Oldest written first (a Map keeps insertion order). Undefined until the first read of this page.
let entries: Map<string, MirrorEntry> | undefined;
let saveQueued = false;

// Every localStorage access is in a try: it throws where storage is refused (a sandboxed iframe,
// storage turned off) or full, and then the cache goes on without this copy.
function load(): Map<string, MirrorEntry> {
  try {
    // Anything but a list of [key, entry] pairs (another version's format, edited by hand) throws here.
    entries ??= new Map(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as [string, MirrorEntry][]);
  } catch {
    entries = new Map();
  }
  return entries;
}

/** The copy's entry for `key`, if any. Synchronous. */
export function mirrorGet(key: string): MirrorEntry | undefined {
  const entry = load().get(key);
  return typeof entry?.savedAt == 'number' ? entry : undefined;
}

/** Copies a persisted write: a new key only while the page is young, a key already here always. */
export function mirrorWrite(key: string, entry: MirrorEntry): void {
  const map = load();
  if (!map.has(key) && performance.now() > FIRST_VIEW_MS) return;
  map.delete(key);
  map.set(key, entry);
  queueSave();
}

/** Forgets `key`. */
export function mirrorDelete(key: string): void {
  if (load().delete(key)) queueSave();
}

/** Forgets everything. */
export function mirrorClear(): void {
  entries = new Map();
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* nothing stored */
  }
}

/**
 * One save per burst of writes (a page's first answers arrive together), when the browser is idle, or
 * as the page is left, whichever comes first: a partner who follows a link as soon as the first view
 * is there leaves before the browser is idle, and localStorage, unlike IndexedDB, is written in full
 * from a `pagehide` handler.
 */
function queueSave(): void {
  if (saveQueued) return;
  saveQueued = true;
  const run = () => {
    if (!saveQueued) return;
    saveQueued = false;
    removeEventListener('pagehide', run);
    save();
  };
  addEventListener('pagehide', run);
  const idle = globalThis.requestIdleCallback as typeof requestIdleCallback | undefined;
  if (idle) idle(run, { timeout: 2000 });
  else setTimeout(run, 200);
}

/** Writes the newest entries that fit the budget, and forgets the rest here too. */
function save(): void {
  const map = load();
  const kept: string[] = [];
  let size = 2;
  for (const [key, entry] of [...map].reverse()) {
    let json = '';
    try {
      json = JSON.stringify([key, entry]);
    } catch {
      /* not JSON (a backend's own value): IndexedDB still has it */
    }
    if (json && size + json.length < MIRROR_BUDGET) {
      size += json.length + 1;
      kept.unshift(json);
    } else map.delete(key);
  }
  try {
    // Removed first, so that a write over the origin's quota (or refused) leaves no older item for the
    // next visit to serve ahead of IndexedDB; it also frees the old item's space for the new one.
    localStorage.removeItem(STORAGE_KEY);
    localStorage.setItem(STORAGE_KEY, `[${kept}]`);
  } catch {
    /* the next visit reads IndexedDB */
  }
}

/** Test hook: saves now, then forgets the in-page copy, so the next read loads localStorage again, as a reload would. */
export function _reloadMirrorForTests(): void {
  save();
  entries = undefined;
}

/** Test hook: an empty in-page copy (localStorage untouched until the next save), as on a visit that found none. */
export function _forgetMirrorForTests(): void {
  entries = new Map();
}
