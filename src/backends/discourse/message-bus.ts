import * as v from 'valibot';
import { LiveEvent } from '../../contract/index.js';
import { BackendError } from '../../core/errors.js';
import { BusHub, reporting } from './bus-hub.js';
import { categorySlug, type MapContext } from './context.js';
import type { DiscourseHttp } from './http.js';
import { acceptedEvents, acceptedPostNumbers, bumpReply, newTopicEvents, replyEvents } from './live-events.js';
import type { TopicWatch } from './topic-watch.js';
import type { DBusMessage, DTopicDetail, DTrackingMessage } from './types.js';

/**
 * The forum feed's live updates from Discourse's MessageBus, on the backend's one long poll (bus-hub.ts).
 *
 * Channels: `/new` (TopicTrackingState.publish_new: a topic was created), `/latest`
 * (publish_latest: a topic was bumped; live-events.ts tells a reply from other bumps) and
 * `/topic/{id}` of the watched topics (Solved's `accepted_solution`). A change in the watched topics
 * restarts the pending poll with the channels the watch now holds (a topic it let go of is no longer
 * asked for).
 */
export interface BusOptions {
  http: DiscourseHttp;
  context: () => Promise<MapContext>;
  /** Slug of the Q&A category: its topics and replies are questions and answers. */
  questionsCategory: string;
  /** The topics whose `/topic/{id}` channel to listen to. */
  watch: TopicWatch;
  /** The backend's one poll; without it, a poll of this subscription's own (retryMs, pollMs below). */
  hub?: BusHub;
  /** Pause after a failed poll or read, doubled up to 30 s. */
  retryMs?: number | undefined;
  /** Pause between polls where the forum answers at once (long polling off): `shortPollPause`. */
  pollMs?: number | undefined;
  /** Category slugs to report (subcategories of them too); others are skipped before any read. Default: all. */
  categories?: readonly string[] | undefined;
}

const FIXED_CHANNELS = ['/new', '/latest'] as const;
const TOLD_POSTS = 500;

export function subscribeMessageBus(opts: BusOptions, onEvent: (e: LiveEvent) => void, signal: AbortSignal): void {
  const hub = opts.hub ?? new BusHub(opts.http, { retryMs: opts.retryMs, pollMs: opts.pollMs });
  const tell = reporting(onEvent);
  const announced = new Set<number>();
  /** Replies told already (the most recent TOLD_POSTS): a bump read again never tells one twice. */
  const toldPosts = new Set<number>();

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
      if (r.success && wanted(ctx, r.output.category)) tell(r.output);
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

  // The fixed channels and the watched topics' (TopicWatch keeps the most recent few): a topic the
  // watch let go of is dropped, so the poll asks for no more channels than the watch holds.
  const stopWatching = opts.watch.onChange(() => hub.refresh());
  signal.addEventListener('abort', stopWatching, { once: true });
  hub.join({
    channels: () => [...FIXED_CHANNELS, ...opts.watch.channels()],
    // One poll's messages share their reads: a topic bumped several times in it is read once.
    batch: async () => {
      const ctx = await opts.context();
      const reads: Reads = new Map();
      return (m) => handle(m, ctx, reads);
    },
  }, signal);
}
