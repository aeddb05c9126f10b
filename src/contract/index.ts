/** The v1 REST contract: valibot schemas are the one source of the types, validation and OpenAPI. */
export * from './common.js';
export * from './problem.js';
export * from './threads.js';
export * from './questions.js';
export * from './articles.js';
export * from './certifications.js';
export * from './openbadges.js';
export * from './openbadges3.js';
export * from './me.js';
export * from './events.js';
export * from './stats.js';
export * from './endpoints.js';
export * from './issues.js';
export * from './moderation.js';
