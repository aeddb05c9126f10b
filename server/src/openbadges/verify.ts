// The server's side of Open Badges 2.0 hosted verification: the rules are the shared ones in
// src/openbadges/ (the same the browser runs); this file only injects node:crypto and the fetcher.
import { createHash } from 'node:crypto';
import type { VerificationResult } from '../../../src/contract/index.js';
import { FetchFailure, verifyHosted, type FetchedDocument, type Hashes } from '../../../src/openbadges/index.js';

/** A fetched document: `url` is the address after redirects (absent: none were followed). */
export type FetchResult = FetchedDocument;
export type FetchJson = (url: string) => Promise<FetchResult>;

/** Thrown by a fetcher for a URL it refuses (SSRF rules) or cannot reach: the shared verifier's failure. */
export { FetchFailure as FetchError };

const nodeHashes: Hashes = {
  sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  md5: (text) => createHash('md5').update(text, 'utf8').digest('hex'),
};

export function verifyAssertion(
  assertionUrl: string,
  fetchJson: FetchJson,
  opts: { identity?: string; now?: Date; recipientName?: string | null } = {},
): Promise<VerificationResult> {
  return verifyHosted(assertionUrl, { fetch: (url) => fetchJson(url), hashes: nodeHashes }, opts);
}
