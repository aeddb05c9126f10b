import type { FlagReason, NewFlag } from '../../contract/index.js';

/**
 * Confab's report reasons as Discourse flags (`POST /post_actions.json`), by PostActionType id
 * (discourse `app/models/post_action_type.rb`; the ids discourse_api_docs lists for `post_action_type_id`).
 * Confab's "other" is Discourse's "Something else": a private message to the moderators, which
 * carries the note.
 */
export const FLAG_TYPE: Record<FlagReason, number> = {
  'off-topic': 3,
  inappropriate: 4,
  other: 7, // notify_moderators
  spam: 8,
};

/**
 * Discourse refuses "notify moderators" without a message; a report without a note still says
 * where it came from rather than failing.
 */
export const NO_NOTE = 'Reported from Confab (no note given).';

/**
 * The body Discourse expects. A thread or question is a topic: Discourse flags a topic by its id
 * with `flag_topic: true` and puts the flag on its first post itself (PostActionsController
 * `fetch_post_from_params`), so no extra read is needed to find that post.
 */
export function flagBody(input: NewFlag): Record<string, unknown> {
  const isTopic = input.target.kind === 'thread' || input.target.kind === 'question';
  const note = input.note?.trim();
  return {
    id: Number(input.target.id),
    post_action_type_id: FLAG_TYPE[input.reason],
    ...(isTopic ? { flag_topic: true } : {}),
    // Discourse keeps a message only with "notify moderators"; on the other flags it would be dropped.
    ...(input.reason === 'other' ? { message: note || NO_NOTE } : {}),
  };
}
