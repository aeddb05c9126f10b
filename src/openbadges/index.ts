// Open Badges 2.0 hosted verification: pure rules shared by <confab-cert-badge> and the reference
// server. No DOM, no Node APIs, no global fetch: the fetcher and the hash functions are injected.
// (OB 3.0 lives in ./ob3/.)
export { verifyHosted, type HostedVerifyDeps, type HostedVerifyOptions } from './verify-hosted.js';
export { FetchFailure, type DocumentFetcher, type DocumentKind, type FetchedDocument } from './fetcher.js';
export type { Hashes } from './hashes.js';
export { recipientMatches } from './recipient.js';
export { withinPolicy } from './policy.js';
export { md5 } from './md5.js';
