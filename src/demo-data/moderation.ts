import type { ContentRef, FlagReason, HoldReason, WatchedWord } from '../contract/index.js';

/**
 * The demo's moderation queue, so that a moderator (Morgan Reyes) signing in to the portal finds
 * something to decide: a thread held by a watched word, an answer held because a new partner put
 * too many links in it, and a reply two partners reported. Times are hours before the community's
 * `now`. Only the server seed uses it; the held items are extra content and change no count.
 */
export interface HeldDemoItem {
  kind: 'thread' | 'answer';
  id: string;
  /** For an answer: its question. */
  parentId: string | null;
  title: string | null;
  body: string;
  /** For a thread: its category. */
  category: string | null;
  authorId: string;
  heldReason: HoldReason;
  hoursAgo: number;
}

export interface DemoFlag {
  target: ContentRef;
  flaggerId: string;
  reason: FlagReason;
  note: string | null;
  hoursAgo: number;
}

export const DEMO_WATCHED_WORDS: WatchedWord[] = [
  { pattern: 'crypto giveaway', action: 'block' },
  { pattern: 'guaranteed discount', action: 'hold' },
];

export const DEMO_HELD: HeldDemoItem[] = [
  {
    kind: 'thread', id: 'th-held-01', parentId: null, category: 'marketing', authorId: 'u-mateus', heldReason: 'watched-word', hoursAgo: 5,
    title: 'Guaranteed discount on Edge Firewall renewals for your customers',
    body: 'We can offer a guaranteed discount on every Edge Firewall renewal this quarter. Reply here and I will send the price list.',
  },
  {
    kind: 'answer', id: 'an-held-01', parentId: 'q-003', category: null, authorId: 'u-dmitri', heldReason: 'new-partner', hoursAgo: 3, title: null,
    body: 'We sorted this with a reseller tool: see https://tools.example/dedupe, https://tools.example/guide and https://tools.example/pricing.',
  },
];

export const DEMO_FLAGS: DemoFlag[] = [
  { target: { kind: 'post', id: 'po-003-01' }, flaggerId: 'p-chloe', reason: 'off-topic', note: 'This is about SD-WAN pricing, not deal registration.', hoursAgo: 2 },
  { target: { kind: 'post', id: 'po-003-01' }, flaggerId: 'u-wei', reason: 'spam', note: null, hoursAgo: 1 },
];
