import * as v from 'valibot';
import { LiveEvent } from '../../contract/index.js';
import { BackendError, isAbort } from '../../core/errors.js';
import { categorySlug, type MapContext } from './context.js';
import type { DiscourseHttp } from './http.js';
import type { DBusMessage, DTrackingMessage } from './types.js';

/**
 * Live updates from Discourse's MessageBus, by long polling `POST /message-bus/{clientId}/poll`.
 *
 * Channels: `/new` (TopicTrackingState.publish_new: a topic was created) and `/latest`
 * (publish_latest: a topic was bumped, which a new reply does). The first poll asks for each
 * channel at position -1; MessageBus answers with a `/__status` message giving the current
 * positions, and every poll after that asks for what came since.
 *
 * `/latest` carries no post id: the event's id is `{topic}@{bumped_at}`, unique per bump, which is
 * what the feed needs to count a reply once. A bump that is not a new post (a staff "bump") counts too.
 */
export interface BusOptions {
  http: DiscourseHttp;
  context: () => Promise<MapContext>;
  /** Slug of the Q&A category: its topics and replies are questions and answers. */
  questionsCategory: string;
  /** Pause after a failed poll, doubled up to 30 s. */
  retryMs?: number;
}

/** Discourse sends `2026-03-01T09:00:00.000Z` or `...+00:00`; the contract wants toISOString()'s form. */
const isoOrNull = (s: string | undefined) => {
  const d = new Date(s ?? '');
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

const CHANNELS = ['/new', '/latest'] as const;

export function subscribeMessageBus(opts: BusOptions, onEvent: (e: LiveEvent) => void, signal: AbortSignal): void {
  const clientId = crypto.randomUUID().replace(/-/g, '');
  const positions: Record<string, number> = Object.fromEntries(CHANNELS.map((c) => [c, -1]));
  const announced = new Set<number>();
  let backoff = opts.retryMs ?? 1000;

  const emit = (m: DBusMessage, ctx: MapContext) => {
    const data = m.data as DTrackingMessage | null;
    if (!data || typeof data.topic_id !== 'number') return;
    const category = data.payload?.category_id != null ? categorySlug(ctx, data.payload.category_id) : null;
    const isQuestion = category === opts.questionsCategory;
    // A Discourse topic is a thread; in the Q&A category it is a question as well, so both are said.
    const events: unknown[] = [];
    if (m.channel === '/new') {
      announced.add(data.topic_id);
      const at = isoOrNull(data.payload?.created_at);
      for (const type of isQuestion ? ['thread.created', 'question.created'] : ['thread.created']) events.push({ type, id: String(data.topic_id), parentId: null, category, at });
    } else if (m.channel === '/latest') {
      // A new topic is bumped as it is created: that bump is the topic, not a reply.
      if (announced.delete(data.topic_id)) return;
      const at = isoOrNull(data.payload?.bumped_at);
      for (const type of isQuestion ? ['post.created', 'answer.created'] : ['post.created']) events.push({ type, id: `${data.topic_id}@${at}`, parentId: String(data.topic_id), category, at });
    }
    for (const event of events) {
      // Dropped rather than passed on when Discourse sent something this adapter does not understand.
      const r = v.safeParse(LiveEvent, event);
      if (r.success) onEvent(r.output);
    }
  };

  const loop = async () => {
    while (!signal.aborted) {
      try {
        const messages = await opts.http.poll<DBusMessage[]>(`/message-bus/${clientId}/poll`, positions, signal);
        const ctx = await opts.context();
        for (const m of Array.isArray(messages) ? messages : []) {
          if (m.channel === '/__status') {
            for (const [channel, id] of Object.entries(m.data as Record<string, number>)) if (channel in positions) positions[channel] = id;
            continue;
          }
          if (!(m.channel in positions)) continue;
          positions[m.channel] = m.message_id;
          emit(m, ctx);
        }
        backoff = opts.retryMs ?? 1000;
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
        const wait = e instanceof BackendError && e.retryAfter ? e.retryAfter * 1000 : backoff;
        backoff = Math.min(backoff * 2, 30_000);
        await new Promise((r) => {
          const t = setTimeout(r, wait);
          signal.addEventListener('abort', () => (clearTimeout(t), r(undefined)), { once: true });
        });
      }
    }
  };
  void loop();
}
