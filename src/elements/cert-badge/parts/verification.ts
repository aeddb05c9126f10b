/**
 * Everything that verifying needs, as one lazily loaded chunk: the Open Badges verifier (valibot
 * schemas, md5, policy), the verdict's rendering, wording and styles, and the view of a hosted
 * assertion's badge. A page that only lists badges never downloads it.
 */
import { verdictStyles } from './verdict.styles.js';

export { verifyHostedAssertion } from './verify-assertion.js';
export { failurePanel, verdict } from './verdict.js';
export { fromVerification } from './hosted-view.js';

/** The verdict's styles, adopted when this chunk arrives (before any verdict can show). */
export const styles = [verdictStyles];
