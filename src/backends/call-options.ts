/** Per-call options every backend honours. */
export interface CallOptions {
  /** Aborts the call; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Makes a write safe to replay: the server stores the first response under this key. */
  idempotencyKey?: string;
}
