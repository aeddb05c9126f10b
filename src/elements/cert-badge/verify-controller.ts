import type { ReactiveController } from 'lit';
import type { CommunityBackend } from '../../backends/types.js';
import type { VerifyRequest } from '../../contract/certifications.js';
import { isAbort, toConfabError } from '../../core/errors.js';
import { LazyPart, partLoader, type PartHost } from '../../core/lazy-part.js';
import type { Verification } from './host.js';

export type { Verification };

/** The verifier chunk, shared by every badge element on the page. */
const verifierPart = partLoader(() => import('./parts/verification.js'));
/** The Open Badges 3.0 verifier (jose, the credential schemas): only `credential` badges load it. */
const credentialPart = partLoader(() => import('./parts/verify-credential.js'));

/** What is verified: an Open Badges 2.0 hosted assertion (by URL) or a 3.0 credential (URL or VC-JWT). */
export type BadgeSource = 'assertion' | 'credential';

export interface VerifyControllerOptions {
  backend: () => CommunityBackend | undefined;
  identity: () => string | undefined;
  /** Called when a run finishes with a result (not when it was aborted or could not run). */
  onDone: (url: string, v: Verification) => void;
}

type RunOptions = { show: boolean; recipientName?: string | null; source?: BadgeSource };

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
  private readonly ob3: LazyPart<typeof import('./parts/verify-credential.js'), typeof import('./parts/verify-credential.js')>;

  constructor(
    private readonly host: PartHost,
    private readonly options: VerifyControllerOptions,
  ) {
    host.addController(this);
    this.part = new LazyPart(host, verifierPart, { create: (m) => m });
    this.ob3 = new LazyPart(host, credentialPart, { create: (m) => m });
  }

  /** The verifier chunk if it has arrived; every result comes from it, so it is there whenever one is. */
  get module() {
    return this.part.value;
  }

  get(url: string): Verification | undefined {
    return this.runs.get(url);
  }

  /** Starts loading the verifier (a reader points at or focuses a Verify button). */
  prefetch(source: BadgeSource = 'assertion'): void {
    void this.part.load();
    if (source === 'credential') void this.ob3.load();
  }

  /** Starts verifying `url`. `show` reveals the verdict when it arrives (and keeps it revealed). */
  async run(url: string, { show, recipientName, source = 'assertion' }: RunOptions): Promise<void> {
    this.aborts.get(url)?.abort();
    this.waiting.delete(url);
    const abort = new AbortController();
    this.aborts.set(url, abort);
    const prev = this.runs.get(url);
    // While it runs, the previous result stays (a single badge is drawn from it), but a verdict that was
    // not on screen yet waits for this run: the hidden result of the automatic first fetch may be minutes
    // old, and showing it on "Verify" would say "Verified" for a badge revoked since. A verdict already
    // on screen stays until the new one replaces it.
    const entry: Verification = { running: true, result: prev?.result ?? null, shown: !!prev?.shown };
    this.runs.set(url, entry);
    this.host.requestUpdate();
    const backend = this.options.backend();
    try {
      // The verdict's rendering always comes with the 2.0 part; a 3.0 credential needs its own verifier too.
      const [verifier, ob3] = await Promise.all([this.part.load(), source === 'credential' ? this.ob3.load() : undefined]);
      if (abort.signal.aborted) return;
      if (!verifier || (source === 'credential' && !ob3)) {
        this.waiting.set(url, { show, recipientName, source });
        this.runs.set(url, { ...entry, running: false, error: this.part.error ?? this.ob3.error });
        return;
      }
      const how = {
        identity: this.options.identity() || undefined,
        recipientName,
        signal: abort.signal,
        fallback: backend ? (request: VerifyRequest, signal?: AbortSignal) => backend.verifyAssertion(request, { signal }) : undefined,
      };
      const result = ob3 ? await ob3.verifyCredentialInBrowser(url, how) : await verifier.verifyHostedAssertion(url, how);
      if (abort.signal.aborted) return;
      const done: Verification = { running: false, result, shown: show || entry.shown };
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
    for (const [url, options] of [...this.waiting]) {
      if (options.source !== 'credential' || this.ob3.status === 'ready') void this.run(url, options);
    }
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
