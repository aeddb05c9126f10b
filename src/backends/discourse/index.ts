/** `confab/discourse`: Confab's elements on an existing Discourse forum. */
export { DiscourseBackend } from './discourse-backend.js';
export type { DiscourseBackendOptions } from './options.js';
export type { DiscourseAuth } from './http.js';
export type { GroupMapping } from './map-user.js';
