import * as v from 'valibot';
import { ContentKind, Id, Timestamp } from './common.js';

export const LIVE_EVENT_TYPES = ['thread.created', 'post.created', 'question.created', 'answer.created', 'answer.accepted'] as const;
/**
 * Moderation events: sent on the live stream only to moderators and vendor staff (the queue updates
 * live); `id` is the flagged, held or hidden content, `kind` says what it is.
 */
export const MODERATION_EVENT_TYPES = ['flag.created', 'content.held', 'content.hidden'] as const;
export const ALL_LIVE_EVENT_TYPES = [...LIVE_EVENT_TYPES, ...MODERATION_EVENT_TYPES] as const;

/** One Server-Sent Event from `/v1/events`; the SSE `event:` field carries `type` too. */
export const LiveEvent = v.object({
  type: v.picklist(ALL_LIVE_EVENT_TYPES),
  id: Id,
  /** The thread or question the event belongs to. */
  parentId: v.nullable(Id),
  category: v.nullable(v.string()),
  at: Timestamp,
  /** For moderation events: the kind of content `id` names. */
  kind: v.optional(ContentKind),
});
export type LiveEvent = v.InferOutput<typeof LiveEvent>;
