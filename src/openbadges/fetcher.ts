/**
 * What the verifier needs from a network, injected by whoever runs it: the browser passes a
 * CORS fetch (src/core/fetch-document.ts), the server its SSRF-safe fetcher. The verifier itself
 * never touches the network, so the same rules run in both places.
 */

/** A fetched Open Badges document. */
export interface FetchedDocument {
  status: number;
  /** The address after redirects; absent when the fetcher did not follow any (then: the address asked for). */
  url?: string;
  /** The parsed body, or undefined/null when it was not JSON. */
  json: unknown;
}

/** Which document is being fetched: the browser shares badge classes and issuers between verifications. */
export type DocumentKind = 'assertion' | 'badge class' | 'issuer';

export type DocumentFetcher = (url: string, how: { kind: DocumentKind; signal?: AbortSignal }) => Promise<FetchedDocument>;

/**
 * Thrown by a fetcher: `blocked-url` for an address it refuses to fetch (not http(s), or private on
 * the server), `unreachable` when no response came at all (network, CORS, timeout, too large).
 * Anything else a fetcher throws (an AbortError) passes through the verifier untouched.
 */
export class FetchFailure extends Error {
  override name = 'FetchFailure';
  constructor(
    readonly kind: 'blocked-url' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}
