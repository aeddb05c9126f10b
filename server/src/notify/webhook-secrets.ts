// The webhooks' Standard Webhooks secrets (`whsec_…`) as the table stores them: sealed with
// CONFAB_KEY_SECRET like the issuer's keys (seal/), so that a copy of the database is not enough to
// sign deliveries that vendors' receivers would accept. The plain secret is shown once, when the
// webhook is created, and is otherwise read only to sign a delivery.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db.js';
import { toStored, unseal, type SealedColumn } from '../seal/seal.js';
import { sealAndCheckRows } from '../seal/sealed-rows.js';

export const WEBHOOK_SECRETS: SealedColumn = {
  table: 'webhooks',
  column: 'secret',
  one: 'webhook signing secret',
  many: 'webhook signing secrets',
  salt: 'confab-webhooks',
  lock: 7262006,
};

export const newWebhookSecret = () => 'whsec_' + randomBytes(24).toString('base64');

/** What `webhooks.secret` stores for a new secret: sealed with `keySecret` (config.keySecret), plain without it. */
export const storedWebhookSecret = (plain: string, keySecret: string | undefined) => toStored(plain, keySecret, WEBHOOK_SECRETS);

/** The `whsec_` secret of a stored one; throws a KeySealError when it cannot be unsealed with `keySecret`. */
export const webhookSecretOf = (stored: string, keySecret: string | undefined) => unseal(stored, keySecret, WEBHOOK_SECRETS);

/**
 * At start (setup.ts): the secrets stored plain are sealed in place with `keySecret`, unless it does not
 * open those sealed before; then every sealed one must open, so a missing or wrong CONFAB_KEY_SECRET
 * (or a damaged row) stops the start with its message instead of failing every delivery.
 */
export const checkWebhookSecrets = (db: Db, keySecret: string | undefined) => sealAndCheckRows(db, WEBHOOK_SECRETS, keySecret);
