/**
 * The host contract of `<confab-cert-badge>`: what its lazy parts (parts/) share with the element's
 * eager view. The verdict (parts/verdict.ts) renders inside a badge row, so it takes the row's
 * context from here, never from badge-item.ts or the element class (see src/elements/README.md).
 */
import type { TemplateResult } from 'lit';
import type { CertStatus, VerificationResult } from '../../contract/certifications.js';
import type { ConfabError } from '../../core/errors.js';
import type { BadgeView } from './badge-view.js';

/** One assertion's verification: under way, or finished with its result or an error. */
export interface Verification {
  running: boolean;
  result: VerificationResult | null;
  /** True once someone asked to see the verdict (the Verify button, or `verify`). */
  shown: boolean;
  /** The verifier could not run (its chunk did not load): shown with a retry; it runs again once the chunk is here. */
  error?: ConfabError;
}

/** What one badge row or card needs from its element. */
export interface ItemContext {
  index: number;
  status: CertStatus;
  verification: Verification | undefined;
  /** Show the Verify button (false while `verify` does it automatically and no failure needs a retry). */
  verifyButton: boolean;
  expanded: boolean;
  copied: boolean;
  /** The field for copying the link by hand, after a copy failed. */
  copyFallback?: TemplateResult;
  linkedIn: boolean;
  date: (iso: string | null) => string;
  inDays: (iso: string) => string;
  onVerify: () => void;
  /** The reader may be about to verify: start loading the verifier. */
  onVerifyIntent: () => void;
  onToggle: () => void;
  onCopy: () => void;
  /** The reader may be about to copy: start loading what follows. */
  onCopyIntent: () => void;
  /** The verdict renderer; it arrives with the verifier chunk, before any result exists. */
  verdict?: (b: BadgeView, r: VerificationResult, c: ItemContext, id: string) => TemplateResult;
}
