import type { Question, VerificationResult } from '../contract/index.js';
import type { ConfabError } from './errors.js';
import type { Notification } from '../contract/notifications.js';

/** Every `confab-*` event and its `detail`. One list, so the emitter and the host page's listeners agree. */
export interface ConfabEventDetails {
  /** Data arrived. `what` names it, e.g. `'threads'`, `'question'`. */
  'confab-load': { what: string };
  /** A fetch or write failed. `status` is the HTTP status, 0 when there was no response. */
  'confab-error': { error: ConfabError; status: number };
  /** A thread is about to open. Cancelable: call `preventDefault()` to route it yourself. */
  'confab-thread-open': { id: string };
  /** The user tried something that needs a sign-in; the host page should offer one. */
  'confab-auth-required': { action: string };
  /** A question was posted. */
  'confab-question-asked': { question: Question };
  /** An answer was accepted. */
  'confab-answer-accepted': { questionId: string; answerId: string };
  /** The user found an existing question instead of asking: a deflection. */
  'confab-deflected': { questionId: string; query: string };
  /** The user is about to ask `query`. */
  'confab-ask': { query: string };
  /** An article is about to open. Cancelable: call `preventDefault()` to route it yourself. */
  'confab-article-open': { id: string };
  /** "Was this helpful?" answered. */
  'confab-feedback': { articleId: string; helpful: boolean };
  /** A badge verification finished. */
  'confab-verified': { result: VerificationResult };
  /** A notification is about to open. Cancelable: call `preventDefault()` to route it yourself. */
  'confab-notification-open': { notification: Notification };
  /** A question is about to open (the insights' unanswered queue). Cancelable: call `preventDefault()` to route it yourself. */
  'confab-question-open': { id: string };
  /** An insights table was exported as CSV. */
  'confab-export': { table: string; from: string; to: string };
  /** A moderator's action went through (`<confab-mod-queue>`): which action, on what. */
  'confab-moderated': { action: string; targets: { kind: string; id: string }[] };
  /** A partner reported content (the "Report" dialog of the feed and the Q&A box). */
  'confab-reported': { target: { kind: string; id: string }; reason: string };
}

/** The name of a Confab event. */
export type ConfabEventName = keyof ConfabEventDetails;

/** A typed Confab event. */
export type ConfabEvent<K extends ConfabEventName> = CustomEvent<ConfabEventDetails[K]>;

/**
 * Dispatches a `confab-*` event from `host`. Events bubble and are composed so the host page hears
 * them from outside every shadow root.
 *
 * @returns false when a listener called `preventDefault()` on a cancelable event, true otherwise.
 * @example
 * if (emit(this, 'confab-thread-open', { id }, { cancelable: true })) this.open(id);
 */
export function emit<K extends ConfabEventName>(
  host: EventTarget,
  name: K,
  detail: ConfabEventDetails[K],
  { cancelable = false }: { cancelable?: boolean } = {},
): boolean {
  return host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'confab-load': ConfabEvent<'confab-load'>;
    'confab-error': ConfabEvent<'confab-error'>;
    'confab-thread-open': ConfabEvent<'confab-thread-open'>;
    'confab-auth-required': ConfabEvent<'confab-auth-required'>;
    'confab-question-asked': ConfabEvent<'confab-question-asked'>;
    'confab-answer-accepted': ConfabEvent<'confab-answer-accepted'>;
    'confab-deflected': ConfabEvent<'confab-deflected'>;
    'confab-ask': ConfabEvent<'confab-ask'>;
    'confab-article-open': ConfabEvent<'confab-article-open'>;
    'confab-feedback': ConfabEvent<'confab-feedback'>;
    'confab-verified': ConfabEvent<'confab-verified'>;
    'confab-notification-open': ConfabEvent<'confab-notification-open'>;
    'confab-question-open': ConfabEvent<'confab-question-open'>;
    'confab-export': ConfabEvent<'confab-export'>;
    'confab-moderated': ConfabEvent<'confab-moderated'>;
    'confab-reported': ConfabEvent<'confab-reported'>;
  }
}
