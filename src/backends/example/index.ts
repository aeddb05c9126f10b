/** An example adapter: a Discourse-style forum behind Confab's CommunityBackend. See discourse-backend.ts. */
export { DiscourseBackend, type DiscourseBackendOptions } from './discourse-backend.js';
