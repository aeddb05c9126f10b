-- Redelivery of a webhook delivery (POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver).
--
-- A redelivery is a new row, not a reset of the old one: the old row keeps its attempt series (its
-- attempts, last status and last error: why the vendor lost the event), and the new one has its own,
-- from 0, so the delivery log shows both. `redelivery_of` names the first row of the event for this
-- endpoint (never another redelivery): the sender signs with that row's id as `webhook-id`, so a
-- receiver deduplicates a redelivery with the original (Standard Webhooks: the id stays the same however
-- many times the event is sent). The new row's event_key is its own (`redelivery|<id>`), so the unique
-- (channel, recipient, event_key) key still makes the fan-out queue an event once.
--
-- No foreign key: rows are deleted only while pending (deleteWebhook), and a row with redeliveries is
-- never pending again, so it cannot go first; a foreign key would cost every such delete a look-up.
ALTER TABLE deliveries ADD COLUMN redelivery_of text;

-- At most one redelivery of an event waiting or being sent at a time: two quick requests queue one,
-- the second gets a 409 (handlers/webhooks.ts inserts ON CONFLICT on this index). Race-free with
-- several server processes, which a check before the insert alone would not be.
CREATE UNIQUE INDEX deliveries_one_pending_redelivery ON deliveries (redelivery_of) WHERE status = 'pending';
