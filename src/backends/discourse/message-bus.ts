import * as v from 'valibot';
import { LiveEvent } from '../../contract/index.js';
import { BackendError, OfflineError, isAbort } from '../../core/errors.js';
import { categorySlug, type MapContext } from './context.js';
import type { DiscourseHttp } from './http.js';
import { acceptedEvents, acceptedPostNumbers, bumpReply, newTopicEvents, replyEvents } from './live-events.js';
import type { TopicWatch } from './topic-watch.js';
import type { DBusMessage, DTopicDetail, DTrackingMessage } from './types.js';

/**
 * Live updates from Discourse's MessageBus, by long polling `POST /message-bus/{clientId}/poll`.
 *
 * Channels: `/new` (TopicTrackingState.publish_new: a topic was created), `/latest`
 * (publish_latest: a topic was bumped; live-events.ts tells a reply from other bumps) and
 * `/topic/{id}` of the watched topics (Solved's `accepted_solution`). A channel is first asked for
 * at position -1; MessageBus answers with a `/__status` message giving the current positions, and
 * every poll after that asks for what came since. A change in the watched topics restarts the
 * pending poll with the channels the watch now holds (a topic it let go of is no longer asked for).
 */
export interface BusOptions {
  http: DiscourseHttp;
  context: () => Promise<MapContext>;
  /** Slug of the Q&A category: its topics and replies are questions and answers. */
  questionsCategory: string;
  /** The topics whose `/topic/{id}` channel to listen to. */
  watch: TopicWatch;
  /** Pause after a failed poll, doubled up to 30 s. */
  retryMs?: number;
  /** Pause between polls where the forum answers at once (long polling off): `shortPollPause`. */
  pollMs?: number;
  /** Category slugs to report (subcategories of them too); others are skipped before any read. Default: all. */
  categories?: readonly string[] | undefined;
}

/**
 * Where a forum has long polling off (Discourse's `enable_long_polling`), MessageBus answers every poll
 * at once, empty when nothing is new, and a loop that polls again at once sends hundreds of requests a
 * second. An empty answer sooner than a held one would come means that: the next poll waits `pollMs`,
 * as Discourse's own client then polls every 15 s (its callbackInterval). A held poll comes back empty
 * only after its timeout (25 s on Discourse), and an answer with messages is polled again at once.
 */
export function shortPollPause(messages: unknown, startedAt: number, pollMs = 15_000): number {
  return Array.isArray(messages) && messages.length === 0 && performance.now() - startedAt < 1000 ? pollMs : 0;
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const done = () => (clearTimeout(t), signal.removeEventListener('abort', done), r());
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * A signal aborted when either is, and the way to let go of both once the poll it serves settles:
 * the subscription's signal lives as long as the stream, so a listener left on it for every poll
 * would pile up. (AbortSignal.any does this, but older browsers lack it.)
 */
function eitherSignal(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; release: () => void } {
  const c = new AbortController();
  const stop = () => c.abort();
  const release = () => {
    a.removeEventListener('abort', stop);
    b.removeEventListener('abort', stop);
  };
  if (a.aborted || b.aborted) stop();
  else {
    a.addEventListener('abort', stop, { once: true });
    b.addEventListener('abort', stop, { once: true });
  }
  return { signal: c.signal, release };
}

/**
 * Failed attempts at a message. A 429 or no answer is the forum or the network, waited out however
 * long it lasts; any other failure (a 500, a malformed message or topic) may be the message's own,
 * and it is let go of at the third, so that one bad message does not stall every one after it.
 * `giveUp(m, e)`: true when the caller should go past `m`; `handled(m)` once it is past.
 */
export function messageAttempts() {
  const attempts = new Map<string, number>();
  const key = (m: DBusMessage) => `${m.channel}#${m.message_id}`;
  return {
    giveUp(m: DBusMessage, e: unknown): boolean {
      if (isAbort(e) || e instanceof OfflineError || (e instanceof BackendError && e.status === 429)) return false;
      const n = (attempts.get(key(m)) ?? 0) + 1;
      attempts.set(key(m), n);
      return n >= 3;
    },
    handled(m: DBusMessage): void {
      attempts.delete(key(m));
    },
  };
}

const FIXED_CHANNELS = ['/new', '/latest'] as const;
const TOLD_POSTS = 500;

export function subscribeMessageBus(opts: BusOptions, onEvent: (e: LiveEvent) => void, signal: AbortSignal): void {
  const clientId = crypto.randomUUID().replace(/-/g, '');
  let positions: Record<string, number> = {};
  const announced = new Set<number>();
  /** Replies told already (the most recent TOLD_POSTS): a bump read again never tells one twice. */
  const toldPosts = new Set<number>();
  let backoff = opts.retryMs ?? 1000;
  let pending: AbortController | undefined;

  /**
   * The channels to poll: the fixed ones and the watched topics' (TopicWatch keeps the most recent
   * few), each at its known position or -1 when new. A topic the watch let go of is dropped, so the
   * poll asks for no more channels than the watch holds. True when the set of channels changed.
   */
  const rebuild = () => {
    const next: Record<string, number> = {};
    for (const c of [...FIXED_CHANNELS, ...opts.watch.channels()]) next[c] = positions[c] ?? -1;
    const before = Object.keys(positions);
    const changed = before.length !== Object.keys(next).length || before.some((c) => !(c in next));
    positions = next;
    return changed;
  };
  const stopWatching = opts.watch.onChange(() => rebuild() && pending?.abort());
  signal.addEventListener('abort', stopWatching, { once: true });
  rebuild();

  /** Whether a category (by slug) is one the subscription asked for: any, when it did not say. */
  const wanted = (ctx: MapContext, slug: string | null) => {
    if (!opts.categories || slug === null || opts.categories.includes(slug)) return true;
    const parent = [...ctx.categories.values()].find((c) => c.slug === slug)?.parentSlug;
    return !!parent && opts.categories.includes(parent);
  };

  const say = (ctx: MapContext, events: unknown[]) => {
    for (const event of events) {
      // Dropped rather than passed on when Discourse sent something this adapter does not understand.
      const r = v.safeParse(LiveEvent, event);
      if (r.success && wanted(ctx, r.output.category)) onEvent(r.output);
    }
  };

  /** A topic view read for an event; a topic gone or hidden since (404, 403) means no event. */
  const topicView = (path: string) =>
    opts.http.get<DTopicDetail>(path, {}, signal).catch((e: unknown) => {
      if (e instanceof BackendError && (e.status === 404 || e.status === 403)) return undefined;
      throw e;
    });

  /** The reads of one poll's messages: a topic bumped several times in it is read once. */
  type Reads = Map<string, Promise<DTopicDetail | undefined>>;
  const read = (reads: Reads, path: string) => {
    let r = reads.get(path);
    if (!r) reads.set(path, (r = topicView(path)));
    return r;
  };

  const handle = async (m: DBusMessage, ctx: MapContext, reads: Reads) => {
    if (m.channel.startsWith('/topic/')) {
      const topicId = Number(m.channel.slice('/topic/'.length));
      for (const n of acceptedPostNumbers(m.data)) {
        const around = await read(reads, `/t/${topicId}/${n}.json`);
        if (around) say(ctx, acceptedEvents(topicId, n, around, ctx));
      }
      return;
    }
    const data = m.data as DTrackingMessage | null;
    if (!data || typeof data.topic_id !== 'number') return;
    // Out of scope by the message's own category: skipped before any read.
    const categoryId = data.payload?.category_id;
    if (categoryId !== null && categoryId !== undefined && !wanted(ctx, categorySlug(ctx, categoryId))) return;
    if (m.channel === '/new') {
      announced.add(data.topic_id);
      return say(ctx, newTopicEvents(data, ctx, opts.questionsCategory));
    }
    // A new topic is bumped as it is created: that bump is the topic, not a reply.
    if (announced.delete(data.topic_id)) return;
    const last = await read(reads, `/t/${data.topic_id}/last.json`);
    const reply = last && bumpReply(data, last, toldPosts);
    if (!last || !reply) return;
    toldPosts.add(reply.id);
    if (toldPosts.size > TOLD_POSTS) toldPosts.delete(toldPosts.values().next().value!);
    say(ctx, replyEvents(data, reply, last, ctx, opts.questionsCategory));
  };

  const { giveUp, handled } = messageAttempts();

  const loop = async () => {
    while (!signal.aborted) {
      const poll = (pending = new AbortController());
      const both = eitherSignal(signal, poll.signal);
      try {
        const startedAt = performance.now();
        const messages = await opts.http.poll<DBusMessage[]>(`/message-bus/${clientId}/poll`, { ...positions }, both.signal).finally(both.release);
        const idle = shortPollPause(messages, startedAt, opts.pollMs);
        if (idle) await pause(idle, signal);
        const ctx = await opts.context();
        const reads: Reads = new Map();
        for (const m of Array.isArray(messages) ? messages : []) {
          if (m.channel === '/__status') {
            for (const [channel, id] of Object.entries(m.data as Record<string, number>)) if (channel in positions) positions[channel] = id;
            continue;
          }
          if (!(m.channel in positions)) continue;
          // Past a message only once it is handled: a read that fails (429, offline) throws out of
          // this batch with its channel's position still before it, so the next poll brings it again.
          try {
            await handle(m, ctx, reads);
          } catch (e) {
            if (signal.aborted || !giveUp(m, e)) throw e;
          }
          handled(m);
          if (m.channel in positions) positions[m.channel] = m.message_id;
        }
        backoff = opts.retryMs ?? 1000;
      } catch (e) {
        if (signal.aborted) return;
        // Restarted for a change in the watched topics. Only the poll's own abort: a read that failed
        // after such a restart still waits out its Retry-After below.
        if (poll.signal.aborted && isAbort(e)) continue;
        if (isAbort(e)) return;
        const wait = e instanceof BackendError && e.retryAfter ? e.retryAfter * 1000 : backoff;
        backoff = Math.min(backoff * 2, 30_000);
        await pause(wait, signal);
      }
    }
  };
  void loop();
}
