import { msg, str } from '@lit/localize';
import type { Notification } from '../../../contract/notifications.js';
import type { DeliveryMode, NotificationType } from '../../../contract/notifications.js';

/** What happened, as one line with the actor's name: "Lars replied". */
export function whatHappened(n: Notification): string {
  const who = n.actor.name;
  switch (n.type) {
    case 'reply':
      return msg(str`${who} replied`, { id: 'notifications-type-reply' });
    case 'answer':
      return msg(str`${who} answered`, { id: 'notifications-type-answer' });
    case 'accepted':
      return msg(str`${who} accepted your answer`, { id: 'notifications-type-accepted' });
    case 'new_topic':
      return msg(str`${who} started a new topic`, { id: 'notifications-type-new-topic' });
    case 'mention':
      return msg(str`${who} mentioned you`, { id: 'notifications-type-mention' });
    case 'flag_created':
      return msg(str`${who} reported a post`, { id: 'notifications-type-flag-created' });
    case 'content_held':
      return msg(str`A post by ${who} awaits review`, { id: 'notifications-type-content-held' });
    case 'content_hidden':
      return msg(str`A post by ${who} was hidden`, { id: 'notifications-type-content-hidden' });
    case 'expert_request':
      return msg(str`${who} asks you to answer`, { id: 'notifications-type-expert-request' });
    default:
      return who;
  }
}

/** The name of an event type in the preferences panel. */
export function typeLabel(type: NotificationType): string {
  switch (type) {
    case 'reply':
      return msg('Replies in threads you follow', { id: 'notifications-pref-reply' });
    case 'answer':
      return msg('Answers to questions you follow', { id: 'notifications-pref-answer' });
    case 'accepted':
      return msg('Your answer accepted', { id: 'notifications-pref-accepted' });
    case 'new_topic':
      return msg('New topics in categories and tags you follow', { id: 'notifications-pref-new-topic' });
    case 'mention':
      return msg('Mentions of you', { id: 'notifications-pref-mention' });
    case 'flag_created':
      return msg('Reports (moderators)', { id: 'notifications-pref-flag-created' });
    case 'content_held':
      return msg('Posts awaiting review (moderators)', { id: 'notifications-pref-content-held' });
    case 'content_hidden':
      return msg('Posts hidden (moderators)', { id: 'notifications-pref-content-hidden' });
    case 'expert_request':
      return msg('Requests to answer as an expert', { id: 'notifications-pref-expert-request' });
    default:
      return type;
  }
}

/** The name of a delivery choice. */
export function deliveryLabel(delivery: DeliveryMode): string {
  switch (delivery) {
    case 'inapp':
      return msg('In the app only', { id: 'notifications-delivery-inapp' });
    case 'email':
      return msg('Email at once', { id: 'notifications-delivery-email' });
    case 'daily':
      return msg('Daily digest', { id: 'notifications-delivery-daily' });
    case 'weekly':
      return msg('Weekly digest', { id: 'notifications-delivery-weekly' });
    case 'off':
      return msg('Off', { id: 'notifications-delivery-off' });
    default:
      return delivery;
  }
}
