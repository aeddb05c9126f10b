import { msg, str } from '@lit/localize';
import type { ContentKind, ContentStatus, FlagReason, HoldReason, ModerationActionName } from '../../contract/index.js';

/** A report reason as moderators and reporters read it. */
export function reasonLabel(reason: FlagReason): string {
  switch (reason) {
    case 'spam': return msg('Spam', { id: 'mod-queue-reason-spam' });
    case 'off-topic': return msg('Off-topic', { id: 'mod-queue-reason-off-topic' });
    case 'inappropriate': return msg('Inappropriate', { id: 'mod-queue-reason-inappropriate' });
    case 'other': return msg('Other', { id: 'mod-queue-reason-other' });
  }
}

export function statusLabel(status: ContentStatus): string {
  switch (status) {
    case 'published': return msg('Published', { id: 'mod-queue-status-published' });
    case 'held': return msg('Held for review', { id: 'mod-queue-status-held' });
    case 'hidden': return msg('Hidden', { id: 'mod-queue-status-hidden' });
  }
}

/** What the item is, with the title of where it sits: "Reply in “Title”". */
export function contextLabel(kind: ContentKind, title: string): string {
  switch (kind) {
    case 'thread': return msg(str`Thread “${title}”`, { id: 'mod-queue-kind-thread' });
    case 'post': return msg(str`Reply in “${title}”`, { id: 'mod-queue-kind-post' });
    case 'question': return msg(str`Question “${title}”`, { id: 'mod-queue-kind-question' });
    case 'answer': return msg(str`Answer to “${title}”`, { id: 'mod-queue-kind-answer' });
  }
}

/** The button that starts an action. */
export function actionLabel(action: ModerationActionName): string {
  switch (action) {
    case 'approve': return msg('Approve', { id: 'mod-queue-action-approve' });
    case 'hide': return msg('Hide', { id: 'mod-queue-action-hide' });
    case 'delete': return msg('Delete', { id: 'mod-queue-action-delete' });
    case 'lock': return msg('Lock', { id: 'mod-queue-action-lock' });
    case 'unlock': return msg('Unlock', { id: 'mod-queue-action-unlock' });
    case 'pin': return msg('Pin', { id: 'mod-queue-action-pin' });
    case 'unpin': return msg('Unpin', { id: 'mod-queue-action-unpin' });
    case 'suspend': return msg('Suspend author', { id: 'mod-queue-action-suspend' });
    case 'unsuspend': return msg('Lift suspension', { id: 'mod-queue-action-unsuspend' });
  }
}

/** Why an item is held or hidden without a moderator's decision. */
export function heldReasonLabel(reason: HoldReason): string {
  switch (reason) {
    case 'watched-word': return msg('Held: watched word', { id: 'mod-queue-held-watched-word' });
    case 'new-partner': return msg('Held: new partner', { id: 'mod-queue-held-new-partner' });
    case 'flags': return msg('Hidden by reports', { id: 'mod-queue-held-flags' });
    case 'moderator': return msg('Hidden by a moderator', { id: 'mod-queue-held-moderator' });
  }
}

/** "3 reports" with the locale's plural rules. */
export function reportCount(n: number, locale: string): string {
  const count = new Intl.NumberFormat(locale).format(n);
  return n === 1 ? msg('1 report', { id: 'mod-queue-one-report' }) : msg(str`${count} reports`, { id: 'mod-queue-reports' });
}
