/**
 * Everything that verifying needs, as one lazily loaded chunk: the Open Badges verifier (valibot
 * schemas, md5, policy), the verdict's rendering, wording and styles, and the view of a hosted
 * assertion's badge. A page that only lists badges never downloads it.
 */
export { verifyHostedAssertion } from '../verify/verify-assertion.js';
export { failurePanel, verdict } from './verdict.js';
export { verdictStyles } from './verdict.styles.js';
export { fromVerification } from './hosted-view.js';
