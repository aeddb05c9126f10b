// The fan-out of an expert request: the experts chosen when staff asked (notify/experts.ts) get an
// `expert_request` notification of the question, and an email if their preferences say so; webhooks
// subscribed to `expert_request.created` get the request (a count, not who). Only if the question is
// still published when the worker runs (the moderation gate).
import type { Queryable } from '../db.js';
import { deliver, queueWebhooks, type FanOutDeps } from './deliver.js';
import { EXPERT_REQUEST_TYPE } from './experts.js';
import type { NotifyVerdict } from './moderation-hook.js';
import type { ExpertOutboxEvent } from './outbox.js';
import { contentSource } from './sources.js';

export async function fanOutExpertRequest(q: Queryable, e: ExpertOutboxEvent, deps: FanOutDeps): Promise<NotifyVerdict> {
  // Keyed by the request's time: a request renewed after its window notifies the experts again.
  const source = await contentSource(q, 'question', e.id, () => `experts:${e.id}:${e.at}`, e.by);
  if (!source) return 'drop';
  const verdict = await deps.gate(q, source.content);
  if (verdict !== 'notify') return verdict;
  await deliver(q, source, [{ type: EXPERT_REQUEST_TYPE, sql: `SELECT unnest($11::text[]) AS person_id`, params: [e.recipients] }], deps);
  await queueWebhooks(q, 'expert_request.created', source, { requestedBy: e.by, requestedAt: new Date(e.at).toISOString(), notified: e.recipients.length });
  return 'notify';
}
