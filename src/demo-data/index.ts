/**
 * The demo community: one dataset and one seeded PRNG behind the server seed, MemoryBackend and the
 * stories, so the portal and Storybook show the same partner community of Acme.
 *
 * Pure data and pure functions: no DOM, no Node APIs, no import beyond `src/contract`. The server may
 * import this module (see ARCHITECTURE.md); nothing in the SDK bundles does.
 */
export { createRng, type Rng } from './prng.js';
export {
  VENDOR, VENDOR_ORG, ISSUER_NAME, ISSUER_BASE, PRODUCTS, TECHNICAL_PRODUCTS, VERSIONS, ORGS, REGULARS, PORTAL_PEOPLE, PEOPLE,
  INDUSTRIES, emailOf, type PersonTuple,
} from './members.js';
export { THREAD_CATEGORIES, QUESTION_CATEGORIES } from './content.js';
export { BADGES, CERTIFICATIONS, TECHNICAL_BADGES } from './badges.js';
export { createCommunity, DEFAULT_SEED, DAY, HOUR, type CommunityOptions } from './community.js';
export { createArchive, archiveBody, ARCHIVE_SEED, type Archive, type ArchiveOptions } from './archive.js';
export { ARCHIVE_PUBLIC_TOPICS, ARCHIVE_THREADS, ARCHIVE_TOPICS } from './archive-text.js';
export { avatarImage, badgeImage } from './images.js';
export type * from './model.js';
export { DEMO_FLAGS, DEMO_HELD, DEMO_WATCHED_WORDS, type DemoFlag, type HeldDemoItem } from './moderation.js';
