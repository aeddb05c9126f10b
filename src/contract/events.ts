import * as v from 'valibot';
import { Id, Timestamp } from './common.js';

export const LIVE_EVENT_TYPES = ['thread.created', 'post.created', 'question.created', 'answer.created', 'answer.accepted'] as const;

/** One Server-Sent Event from `/v1/events`; the SSE `event:` field carries `type` too. */
export const LiveEvent = v.object({
  type: v.picklist(LIVE_EVENT_TYPES),
  id: Id,
  /** The thread or question the event belongs to. */
  parentId: v.nullable(Id),
  category: v.nullable(v.string()),
  at: Timestamp,
});
export type LiveEvent = v.InferOutput<typeof LiveEvent>;
