import * as v from 'valibot';
import { Id, Timestamp } from './common.js';

/** How many experts one request notifies at most. */
export const EXPERTS_PER_REQUEST = 5;

/** How long a request stands: asking again within it notifies nobody and answers with the first request (`repeated: true`). */
export const EXPERT_REQUEST_WINDOW_HOURS = 24;

/**
 * `POST /v1/questions/{id}/notify-experts`: vendor staff asked the community's experts to look at an
 * unanswered question. Only a count: who the experts are stays on the server (they learn of it in
 * their own notifications).
 */
export const ExpertRequest = v.object({
  questionId: Id,
  /** People notified (at most EXPERTS_PER_REQUEST); 0 when no expert was found. */
  notified: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** When the standing request was made: now, or earlier for a repeat. */
  requestedAt: Timestamp,
  /** True when experts were already notified of this question within the window: nobody was notified again. */
  repeated: v.boolean(),
});
export type ExpertRequest = v.InferOutput<typeof ExpertRequest>;
