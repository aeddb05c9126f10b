/**
 * Everything that verifying needs, as one lazily loaded chunk: the Open Badges verifier (valibot
 * schemas, md5, policy) and the verdict's rendering and wording. A page that only lists badges
 * never downloads it.
 */
export { verifyHostedAssertion } from './verify/verify-assertion.js';
export { failurePanel, verdict } from './verdict.js';
