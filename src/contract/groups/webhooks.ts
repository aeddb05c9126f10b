import type { Endpoint } from './endpoint.js';
import { PageQuery } from '../common.js';
import { CreatedWebhook, NewWebhook, WebhookDelivery, WebhookDeliveryPage, WebhookList } from '../notifications.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Webhook endpoints and their delivery logs, for vendor staff. One part of the contract's endpoint table (see ../endpoints.ts). */
export const webhookEndpoints = {
  createWebhook: ep({ method: 'POST', path: '/v1/webhooks', summary: 'Add a webhook endpoint', description: 'Vendor staff only: registers a URL for the given events and returns it with its signing secret (Standard Webhooks), shown this once.', body: NewWebhook, response: CreatedWebhook, auth: 'write' }),
  listWebhooks: ep({ method: 'GET', path: '/v1/webhooks', summary: 'The webhook endpoints', description: 'Vendor staff only: every registered endpoint with its events (never its secret).', response: WebhookList, auth: 'write' }),
  deleteWebhook: ep({ method: 'DELETE', path: '/v1/webhooks/{id}', summary: 'Remove a webhook endpoint', description: 'Vendor staff only: removes the endpoint; deliveries not yet made are dropped.', auth: 'write' }),
  listWebhookDeliveries: ep({ method: 'GET', path: '/v1/webhooks/{id}/deliveries', summary: 'A webhook\'s delivery log', description: 'Vendor staff only: the events sent or being sent to the endpoint, newest first, with attempts and the last HTTP status; a redelivery is a row of its own that names the delivery it repeats.', query: PageQuery, response: WebhookDeliveryPage, auth: 'write' }),
  redeliverWebhookDelivery: ep({ method: 'POST', path: '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', summary: 'Send a delivery again', description: 'Vendor staff only: queues the event of a delivered or parked delivery again for the same endpoint, as a new delivery in the log with attempts from 0, signed afresh when sent (a new `webhook-timestamp`) with the original `webhook-id`, so a receiver that already has the event can drop it. Returns the new delivery. 409 while the delivery, or an earlier redelivery of its event, is still waiting or being sent.', response: WebhookDelivery, auth: 'write', problems: { 404: 'No such webhook, or no such delivery of it', 409: 'The delivery, or a redelivery of its event, is still waiting or being sent' } }),
} satisfies Record<string, Endpoint>;
