import { msg, str } from '@lit/localize';
import { AuthError, OfflineError, UnreachableError, ValidationError, type ConfabError } from '../core/errors.js';

// First-strong isolates keep a left-to-right origin whole inside right-to-left text (Arabic).
const isolate = (text: string) => `\u2068${text}\u2069`;

/** True when a server's text only restates the status the title already shows ("HTTP 404", "404 Not Found"). */
const restatesStatus = (text: string, status: number) => new RegExp(`^\\s*(HTTP\\s+)?${status}\\b`, 'i').test(text);

/** A sentence a partner can act on, naming what was wrong. Never a stack trace. */
export function errorText(error: ConfabError): { title: string; detail: string } {
  // Before OfflineError, which it extends: no response although the browser is online.
  if (error instanceof UnreachableError) {
    return {
      title: msg(str`Could not reach the community server at ${isolate(error.origin)}.`, { id: 'err-unreachable' }),
      detail: msg('It may be down or not accept requests from this page. Try again in a moment.', { id: 'err-unreachable-detail' }),
    };
  }
  if (error instanceof OfflineError) {
    return error.timedOut
      ? { title: msg('The community server is taking too long.', { id: 'err-timeout' }), detail: msg('Check your connection and try again.', { id: 'err-check-connection' }) }
      : { title: msg('You appear to be offline.', { id: 'err-offline' }), detail: msg('Check your connection and try again.', { id: 'err-check-connection' }) };
  }
  if (error instanceof ValidationError) {
    const first = error.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
    return {
      title: msg('The community server sent a response Confab could not read.', { id: 'err-validation' }),
      detail: first || error.message,
    };
  }
  if (error instanceof AuthError) {
    return {
      title: error.status === 403 ? msg('You do not have permission to do that.', { id: 'err-forbidden' }) : msg('Please sign in again.', { id: 'err-signin' }),
      detail: error.problem?.detail ?? error.message,
    };
  }
  const status = error.status;
  const detail = error.problem?.detail ?? error.problem?.title ?? error.message;
  return {
    title: status ? msg(str`The community server answered with an error (${status}).`, { id: 'err-status' }) : msg('Something went wrong.', { id: 'err-generic' }),
    // The title already names the status: a detail that only repeats it ("HTTP 404") says nothing more.
    detail: status && restatesStatus(detail, status) ? '' : detail,
  };
}
