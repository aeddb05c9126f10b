import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityBackend } from '../../backends/types.js';
import type { VerificationResult } from '../../contract/certifications.js';
import { isAbort } from '../../core/errors.js';
import { loadOnce } from '../../core/load-once.js';

type VerificationModule = typeof import('./parts/verification.js');
let loaded: VerificationModule | undefined;

/** Loads the verifier chunk once per page (again after a failed fetch). */
export const loadVerification = loadOnce(() => import('./parts/verification.js').then((m) => (loaded = m)));

/** The verifier chunk if it has arrived; every result comes from it, so it is there whenever one is. */
export const verification = (): VerificationModule | undefined => loaded;

/** One assertion's verification: under way, or finished with its result. */
export interface Verification {
  running: boolean;
  result: VerificationResult | null;
  /** True once someone asked to see the verdict (the Verify button, or `verify`). */
  shown: boolean;
}

export interface VerifyControllerOptions {
  backend: () => CommunityBackend | undefined;
  identity: () => string | undefined;
  /** Called when a run finishes (not when it was aborted). */
  onDone: (url: string, v: Verification) => void;
}

/**
 * Verifies hosted assertions for an element, one run per assertion URL at a time, each with its own
 * AbortSignal: a new run for the same URL aborts the old one, and disconnecting aborts all.
 * Verification results are never cached: a badge revoked a minute ago must show as revoked.
 */
export class VerifyController implements ReactiveController {
  private readonly runs = new Map<string, Verification>();
  private readonly aborts = new Map<string, AbortController>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VerifyControllerOptions,
  ) {
    host.addController(this);
  }

  get(url: string): Verification | undefined {
    return this.runs.get(url);
  }

  /** Starts verifying `url`. `show` reveals the verdict when it arrives (and keeps it revealed). */
  async run(url: string, { show, recipientName }: { show: boolean; recipientName?: string | null }): Promise<void> {
    this.aborts.get(url)?.abort();
    const abort = new AbortController();
    this.aborts.set(url, abort);
    const prev = this.runs.get(url);
    const entry: Verification = { running: true, result: prev?.result ?? null, shown: show || !!prev?.shown };
    this.runs.set(url, entry);
    this.host.requestUpdate();
    const backend = this.options.backend();
    try {
      const { verifyHostedAssertion } = await loadVerification();
      if (abort.signal.aborted) return;
      const result = await verifyHostedAssertion(url, {
        identity: this.options.identity() || undefined,
        recipientName,
        signal: abort.signal,
        fallback: backend ? (request, signal) => backend.verifyAssertion(request, { signal }) : undefined,
      });
      if (abort.signal.aborted) return;
      const done: Verification = { running: false, result, shown: entry.shown };
      this.runs.set(url, done);
      this.aborts.delete(url);
      this.options.onDone(url, done);
    } catch (e) {
      if (abort.signal.aborted || isAbort(e)) return;
      throw e;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** Forgets every result and aborts every run: the badges or the identity changed. */
  reset(): void {
    for (const a of this.aborts.values()) a.abort();
    this.aborts.clear();
    this.runs.clear();
  }

  hostDisconnected(): void {
    this.reset();
  }
}
