/**
 * MemoryBackend: the demo community (src/demo-data) as an in-memory CommunityBackend for stories and
 * tests. Not in the SDK bundles. The server seeds the same community, followed by an older archive.
 *
 * People worth knowing when writing a story or a test (sign in with `meFor(id)`):
 * - `u-aiko`   Aiko Tanaka, Northwind Networks (platinum), technical: active, expiring and active certifications
 * - `u-priya`  Priya Raghunathan, Tailspin Security (gold), sales + technical: a revoked certification
 * - `u-lars`   Lars Øvergaard, Contoso Integrators (gold), technical: an expired certification
 * - `u-jean-luc` Jean-Luc Moreau, Fabrikam Networks (silver), sales
 * - `u-mateus` Mateus Oliveira, Litware Consulting (registered), sales + marketing, no avatar
 * - `u-hannah` Hannah Schmidt, vendor staff and moderator: reads every article, sees stats
 * - `p-ava`, `p-ben`, `p-chloe`, `p-devi`, `p-morgan`, `p-victor`, `p-sam`: the demo portal's sign-in people
 * Orgs: `org-northwind` has a certification without expiry; `org-contoso` an expired one.
 * Threads `th-001`..`th-040` (`th-039` has 26 replies, two pages); questions `q-001`..`q-025`
 * (`q-001` accepted, `q-002` answered, `q-014` unanswered); articles `kb-001`..`kb-063`;
 * certifications `c-<recipient>-<badge>` (`c-aiko-firewall` expiring, `c-priya-identity` revoked).
 */
export { MemoryBackend, type MemoryBackendOptions } from './memory-backend.js';
export { meFor } from './people.js';
export { sampleInsightsLog } from './insights-sample.js';
export type { InsightsLog } from './insights-log.js';
export type { DeflectionRecord } from './deflection.js';
export type { FeedbackRecord } from './articles.js';
export { createFixtures, DEFAULT_SEED, type FixtureOptions } from './fixtures.js';
export { certStatus, EXPIRING_WITHIN_DAYS } from './certifications.js';
export { canRead } from './search.js';
export { THREAD_CATEGORIES, QUESTION_CATEGORIES, PRODUCTS, ISSUER_BASE, ISSUER_NAME } from '../../demo-data/index.js';
export type { MemoryData } from './model.js';
