import type { ReactiveController } from 'lit';
import type { CommunityBackend } from '../../backends/types.js';
import { isAbort, toConfabError } from '../../core/errors.js';
import { LazyPart, partLoader, type PartHost } from '../../core/lazy-part.js';
import type { Verification } from './host.js';

export type { Verification };

/** The verifier chunk, shared by every badge element on the page. */
const verifierPart = partLoader(() => import('./parts/verification.js'));

export interface VerifyControllerOptions {
  backend: () => CommunityBackend | undefined;
  identity: () => string | undefined;
  /** Called when a run finishes with a result (not when it was aborted or could not run). */
  onDone: (url: string, v: Verification) => void;
}

type RunOptions = { show: boolean; recipientName?: string | null };

/**
 * Verifies hosted assertions for an element, one run per assertion URL at a time, each with its own
 * AbortSignal: a new run for the same URL aborts the old one, and disconnecting aborts all.
 * Verification results are never cached: a badge revoked a minute ago must show as revoked.
 * A run never rejects: when the verifier's chunk cannot be fetched the run ends with `error`, and it
 * runs again by itself once the chunk is here (the lazy part retries when the page is back online).
 */
export class VerifyController implements ReactiveController {
  private readonly runs = new Map<string, Verification>();
  private readonly aborts = new Map<string, AbortController>();
  /** Runs that could not start for want of the chunk, with what they were asked. */
  private readonly waiting = new Map<string, RunOptions>();
  private readonly part: LazyPart<typeof import('./parts/verification.js'), typeof import('./parts/verification.js')>;

  constructor(
    private readonly host: PartHost,
    private readonly options: VerifyControllerOptions,
  ) {
    host.addController(this);
    this.part = new LazyPart(host, verifierPart, { create: (m) => m });
  }

  /** The verifier chunk if it has arrived; every result comes from it, so it is there whenever one is. */
  get module() {
    return this.part.value;
  }

  get(url: string): Verification | undefined {
    return this.runs.get(url);
  }

  /** Starts loading the verifier (a reader points at or focuses a Verify button). */
  prefetch(): void {
    void this.part.load();
  }

  /** Starts verifying `url`. `show` reveals the verdict when it arrives (and keeps it revealed). */
  async run(url: string, { show, recipientName }: RunOptions): Promise<void> {
    this.aborts.get(url)?.abort();
    this.waiting.delete(url);
    const abort = new AbortController();
    this.aborts.set(url, abort);
    const prev = this.runs.get(url);
    const entry: Verification = { running: true, result: prev?.result ?? null, shown: show || !!prev?.shown };
    this.runs.set(url, entry);
    this.host.requestUpdate();
    const backend = this.options.backend();
    try {
      const verifier = await this.part.load();
      if (abort.signal.aborted) return;
      if (!verifier) {
        this.waiting.set(url, { show, recipientName });
        this.runs.set(url, { ...entry, running: false, error: this.part.error });
        return;
      }
      const result = await verifier.verifyHostedAssertion(url, {
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
      this.runs.set(url, { ...entry, running: false, error: toConfabError(e) });
    } finally {
      this.host.requestUpdate();
    }
  }

  /** The verifier's chunk arrived after runs had failed for want of it: run them now. */
  hostUpdate(): void {
    if (this.part.status !== 'ready' || !this.waiting.size) return;
    for (const [url, options] of [...this.waiting]) void this.run(url, options);
  }

  /** Forgets every result and aborts every run: the badges or the identity changed. */
  reset(): void {
    for (const a of this.aborts.values()) a.abort();
    this.aborts.clear();
    this.runs.clear();
    this.waiting.clear();
  }

  hostDisconnected(): void {
    this.reset();
  }
}
