export { RestBackend } from './rest-backend.js';
export { RestClient, type CallInput } from './client.js';
export type { RestBackendOptions, RestRetryOptions, TokenGetter } from './options.js';
