import { msg, str } from '@lit/localize';
import { AuthError, OfflineError, ValidationError, type ConfabError } from '../core/errors.js';

/** A sentence a partner can act on, naming what was wrong. Never a stack trace. */
export function errorText(error: ConfabError): { title: string; detail: string } {
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
  return {
    title: status ? msg(str`The community server answered with an error (${status}).`, { id: 'err-status' }) : msg('Something went wrong.', { id: 'err-generic' }),
    detail: error.problem?.detail ?? error.problem?.title ?? error.message,
  };
}
