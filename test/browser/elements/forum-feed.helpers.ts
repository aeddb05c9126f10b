// Shared set-up for the <confab-forum-feed> tests: a clean page state per test and a mount helper.
import { fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { clear, createStore, keys } from 'idb-keyval';
import '../../../src/elements/forum-feed/define.js';
import '../../../src/elements/provider/define.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import type { ConfabForumFeed } from '../../../src/elements/forum-feed/forum-feed.js';
import type { ConfabProvider } from '../../../src/core/provider.js';
import { _resetForTests as resetOutbox } from '../../../src/core/outbox.js';
import { _clearMemoryCacheForTests } from '../../../src/core/cache.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';

/** Forgets everything a reload forgets (memory caches, in-flight requests, outbox listeners). */
export function simulateReload(): void {
  resetOutbox();
  _clearMemoryCacheForTests();
  _resetResourcesForTests();
}

const STORES = [createStore('confab-outbox', 'outbox'), createStore('confab-drafts', 'drafts'), createStore('confab', 'cache')];

/** A clean slate: in-memory state and every Confab IndexedDB store. */
export async function resetAll(): Promise<void> {
  // The previous test's elements write without awaiting it (cache entries, a draft flushed on removal):
  // such a write can land after a clear. So clear, let a late write land, and clear again until the
  // stores are seen empty (a clear is queued behind every write already started).
  await waitFor(async () => {
    simulateReload();
    await Promise.all(STORES.map((s) => clear(s)));
    await new Promise((r) => setTimeout(r, 50));
    return (await Promise.all(STORES.map((s) => keys(s)))).every((k) => k.length === 0);
  }, 'the Confab IndexedDB stores stay empty');
  simulateReload();
  delete (window as { __pwned?: unknown }).__pwned;
}

/** Mounts `<confab-forum-feed>` with `attrs` inside a provider that supplies `backend`. */
export async function mountFeed(backend: CommunityBackend, attrs: Record<string, string | boolean> = {}): Promise<ConfabForumFeed> {
  const provider = await fixture<ConfabProvider>(html`<confab-provider .backend=${backend}></confab-provider>`);
  const el = document.createElement('confab-forum-feed');
  el.setAttribute('lang', 'en');
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  provider.append(el);
  await el.updateComplete;
  return el;
}

/** Re-creates the element in the same provider, as a reload (with `simulateReload()`) would. */
export async function remount(el: ConfabForumFeed): Promise<ConfabForumFeed> {
  const parent = el.parentElement!;
  const next = el.cloneNode(false) as ConfabForumFeed;
  el.remove();
  parent.append(next);
  await next.updateComplete;
  return next;
}

export const $ = <T extends Element = HTMLElement>(el: Element, sel: string): T => el.shadowRoot!.querySelector(sel) as T;
export const $$ = <T extends Element = HTMLElement>(el: Element, sel: string): T[] => [...el.shadowRoot!.querySelectorAll(sel)] as T[];
export const rows = (el: Element) => $$(el, 'article.item');
export const titles = (el: Element) => rows(el).map((r) => r.querySelector('.title')!.textContent!.trim());

/** waitUntil with a timeout that survives a busy machine (the default 1 s does not): the shared `waitFor`. */
export const until = waitFor;
