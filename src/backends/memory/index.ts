/** MemoryBackend: fixtures and an in-memory CommunityBackend for stories and tests. Not in the SDK bundles. */
export { MemoryBackend, meFor, type MemoryBackendOptions, type DeflectionRecord, type FeedbackRecord } from './memory-backend.js';
export { createFixtures, DEFAULT_SEED, type FixtureOptions } from './fixtures.js';
export { certStatus, EXPIRING_WITHIN_DAYS } from './certifications.js';
export { canRead } from './search.js';
export { THREAD_CATEGORIES, QUESTION_CATEGORIES, PRODUCTS, ISSUER_BASE } from './content.js';
export type { MemoryData } from './model.js';
