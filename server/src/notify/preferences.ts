// Delivery preferences: a row per type the partner changed; the defaults below for the rest.
import { NOTIFICATION_TYPES, type DeliveryMode, type NotificationType, type Preferences } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';

/**
 * What a partner gets before choosing: what concerns them directly (answers, acceptances, mentions)
 * by email at once; replies in a daily digest; new topics of followed places in a weekly one.
 */
export const DEFAULT_PREFERENCES: Preferences = { reply: 'daily', answer: 'email', accepted: 'email', new_topic: 'weekly', mention: 'email' };

export async function preferencesOf(q: Queryable, personId: string): Promise<Preferences> {
  const { rows } = await q.query<{ type: NotificationType; mode: DeliveryMode }>(
    `SELECT type, mode FROM notification_preferences WHERE person_id = $1`,
    [personId],
  );
  const out = { ...DEFAULT_PREFERENCES };
  for (const r of rows) if ((NOTIFICATION_TYPES as readonly string[]).includes(r.type)) out[r.type] = r.mode;
  return out;
}

/** SQL for a person's mode for a type, defaults included: `$person` and `$type` are column expressions. */
export const modeSql = (person: string, type: string) =>
  `COALESCE((SELECT mode FROM notification_preferences WHERE person_id = ${person} AND type = ${type}),
     CASE ${type} ${Object.entries(DEFAULT_PREFERENCES).map(([t, m]) => `WHEN '${t}' THEN '${m}'`).join(' ')} END)`;
