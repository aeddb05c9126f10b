// Delivery preferences: a row per type the partner changed; the defaults below for the rest.
import { MODERATION_NOTIFICATION_TYPES, NOTIFICATION_TYPES, type DeliveryMode, type NotificationType, type Preferences } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';

/**
 * What a partner gets before choosing: what concerns them directly (answers, acceptances, mentions)
 * by email at once; replies in a daily digest; new topics of followed places in a weekly one. A
 * request from vendor staff to answer a question (`expert_request`) asks for a reply soon: by email at once.
 */
export const DEFAULT_PREFERENCES: Preferences = { reply: 'daily', answer: 'email', accepted: 'email', new_topic: 'weekly', mention: 'email', expert_request: 'email' };

/**
 * A moderator's defaults for the moderation types: a report and a hidden item by email at once (someone
 * should look soon); held items, which new-partner holds make frequent, in the bell only.
 */
export const DEFAULT_MODERATION_PREFERENCES = { flag_created: 'email', content_held: 'inapp', content_hidden: 'email' } as const satisfies Record<
  (typeof MODERATION_NOTIFICATION_TYPES)[number],
  DeliveryMode
>;

const moderationTypes: readonly string[] = MODERATION_NOTIFICATION_TYPES;

/** The person's modes; the moderation types only for a moderator (`moderator`), since only they get those. */
export async function preferencesOf(q: Queryable, personId: string, moderator = false): Promise<Preferences> {
  const { rows } = await q.query<{ type: NotificationType; mode: DeliveryMode }>(
    `SELECT type, mode FROM notification_preferences WHERE person_id = $1`,
    [personId],
  );
  const out: Preferences = moderator ? { ...DEFAULT_PREFERENCES, ...DEFAULT_MODERATION_PREFERENCES } : { ...DEFAULT_PREFERENCES };
  for (const r of rows) {
    if (!(NOTIFICATION_TYPES as readonly string[]).includes(r.type) || (!moderator && moderationTypes.includes(r.type))) continue;
    out[r.type] = r.mode;
  }
  return out;
}

/** SQL for a person's mode for a type, defaults included: `$person` and `$type` are column expressions. */
export const modeSql = (person: string, type: string) =>
  `COALESCE((SELECT mode FROM notification_preferences WHERE person_id = ${person} AND type = ${type}),
     CASE ${type} ${Object.entries({ ...DEFAULT_PREFERENCES, ...DEFAULT_MODERATION_PREFERENCES }).map(([t, m]) => `WHEN '${t}' THEN '${m}'`).join(' ')} END)`;
