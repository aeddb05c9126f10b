// Temporary: the notification endpoints' contract is committed before their handlers (issue 13);
// each answers 501 until its handler lands in the following commits.
import { HttpError } from '../problem.js';

export const notYet = async (): Promise<never> => {
  throw new HttpError(501, 'Not Implemented', 'This endpoint is not implemented yet.');
};
