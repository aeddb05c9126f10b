/**
 * The one way the OB 3.0 verifier reaches the network: injected by the caller, so that the same
 * logic runs in the browser (window.fetch without credentials), on the server (the SSRF-safe
 * fetcher) and in tests (an in-process app). The verifier never calls a global fetch.
 */
export interface FetchedText {
  status: number;
  /** The address after redirects (the requested one when the fetcher does not follow any). */
  url: string;
  body: string;
}

export interface FetchTextOptions {
  /** The Accept header to send, e.g. `application/did+json, application/json`. */
  accept: string;
  signal?: AbortSignal;
}

export type FetchText = (url: string, opts: FetchTextOptions) => Promise<FetchedText>;

/** Thrown by a fetcher for an address it refuses to fetch or cannot reach. */
export class Ob3FetchError extends Error {
  override name = 'Ob3FetchError';
  constructor(readonly kind: 'blocked-url' | 'unreachable', message: string) {
    super(message);
  }
}

/** Parses JSON, or gives undefined: a document that is not JSON is the caller's "malformed". */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A compact JWS: three base64url parts (the payload may not be empty for a credential). */
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
