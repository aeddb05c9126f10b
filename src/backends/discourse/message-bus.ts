import * as v from 'valibot';
import { LiveEvent } from '../../contract/index.js';
import { BackendError, isAbort } from '../../core/errors.js';
import type { MapContext } from './context.js';
import type { DiscourseHttp } from './http.js';
import { acceptedEvents, acceptedPostNumbers, bumpEvents, newTopicEvents } from './live-events.js';
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
}

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

const FIXED_CHANNELS = ['/new', '/latest'] as const;

export function subscribeMessageBus(opts: BusOptions, onEvent: (e: LiveEvent) => void, signal: AbortSignal): void {
  const clientId = crypto.randomUUID().replace(/-/g, '');
  let positions: Record<string, number> = {};
  const announced = new Set<number>();
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

  const say = (events: unknown[]) => {
    for (const event of events) {
      // Dropped rather than passed on when Discourse sent something this adapter does not understand.
      const r = v.safeParse(LiveEvent, event);
      if (r.success) onEvent(r.output);
    }
  };

  /** A topic view read for an event; a topic gone or hidden since (404, 403) means no event. */
  const topicView = (path: string) =>
    opts.http.get<DTopicDetail>(path, {}, signal).catch((e: unknown) => {
      if (e instanceof BackendError && (e.status === 404 || e.status === 403)) return undefined;
      throw e;
    });

  const handle = async (m: DBusMessage, ctx: MapContext) => {
    if (m.channel.startsWith('/topic/')) {
      const topicId = Number(m.channel.slice('/topic/'.length));
      for (const n of acceptedPostNumbers(m.data)) {
        const around = await topicView(`/t/${topicId}/${n}.json`);
        if (around) say(acceptedEvents(topicId, n, around, ctx));
      }
      return;
    }
    const data = m.data as DTrackingMessage | null;
    if (!data || typeof data.topic_id !== 'number') return;
    if (m.channel === '/new') {
      announced.add(data.topic_id);
      return say(newTopicEvents(data, ctx, opts.questionsCategory));
    }
    // A new topic is bumped as it is created: that bump is the topic, not a reply.
    if (announced.delete(data.topic_id)) return;
    const last = await topicView(`/t/${data.topic_id}/last.json`);
    if (last) say(bumpEvents(data, last, ctx, opts.questionsCategory));
  };

  const loop = async () => {
    while (!signal.aborted) {
      const poll = (pending = new AbortController());
      const both = eitherSignal(signal, poll.signal);
      try {
        const messages = await opts.http.poll<DBusMessage[]>(`/message-bus/${clientId}/poll`, { ...positions }, both.signal).finally(both.release);
        const ctx = await opts.context();
        for (const m of Array.isArray(messages) ? messages : []) {
          if (m.channel === '/__status') {
            for (const [channel, id] of Object.entries(m.data as Record<string, number>)) if (channel in positions) positions[channel] = id;
            continue;
          }
          if (!(m.channel in positions)) continue;
          positions[m.channel] = m.message_id;
          await handle(m, ctx);
        }
        backoff = opts.retryMs ?? 1000;
      } catch (e) {
        if (signal.aborted) return;
        if (poll.signal.aborted) continue; // restarted for a newly watched topic
        if (isAbort(e)) return;
        const wait = e instanceof BackendError && e.retryAfter ? e.retryAfter * 1000 : backoff;
        backoff = Math.min(backoff * 2, 30_000);
        await new Promise<void>((r) => {
          const done = () => (clearTimeout(t), signal.removeEventListener('abort', done), r());
          const t = setTimeout(done, wait);
          signal.addEventListener('abort', done, { once: true });
        });
      }
    }
  };
  void loop();
}
