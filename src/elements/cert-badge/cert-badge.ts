import { html, nothing, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Certification, CertificationQuery, CertStatus } from '../../contract/certifications.js';
import type { Me } from '../../contract/me.js';
import { AuthError, BackendError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { ResourceController } from '../../core/resource.js';
import { LazyPart, partLoader } from '../../core/lazy-part.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';
import { checkEnum } from '../../ui/dev-warn.js';
import { emptyState, errorState, offlineNotice, skeleton } from '../../ui/states.js';
import { ConfabElement } from '../confab-element.js';
import { badgeItem } from './badge-item.js';
import { fromCertification, type BadgeView } from './badge-view.js';
import { certBadgeStyles } from './cert-badge.styles.js';
import { copyText } from './share.js';
import { certStatus, daysUntil } from './status.js';
import type { Verification } from './host.js';
import { VerifyController, type BadgeSource } from './verify-controller.js';

/** What follows "Copy link" (parts/copy-controller.ts): loaded when a reader points at or focuses a Copy button. */
const copyPart = partLoader(() => import('./parts/copy-controller.js'));

/** The values `layout` accepts. */
export const CERT_LAYOUTS = ['card', 'list', 'compact'] as const;
export type CertLayout = (typeof CERT_LAYOUTS)[number];

/**
 * A person's or partner organisation's certifications as verifiable Open Badges 2.0: image, name,
 * issuer, dates and status (active, expiring soon, expired, revoked), verification of the hosted
 * assertion in the browser (with the backend as fallback for issuers without CORS), and sharing.
 *
 * @tag confab-cert-badge
 * @summary Certification badges with status, verification and sharing.
 *
 * @fires confab-verified - A verification the reader asked for (or `verify`) finished: `{ result }`.
 * @fires confab-load - Certifications arrived: `{ what: 'certifications' }`.
 * @fires confab-error - Loading certifications failed: `{ error, status }`.
 * @fires confab-auth-required - A signed-out partner pressed "Sign in" to see their own certifications: `{ action }`.
 *
 * @csspart base - The themed frame around everything.
 * @csspart list - The list of badges.
 * @csspart item - One badge.
 * @csspart image - The badge image (or its placeholder).
 * @csspart title - The badge name.
 * @csspart meta - Issuer and dates.
 * @csspart status - The status label with its icon.
 * @csspart verdict - The verification result.
 * @csspart checks - Its list of checks.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button and button-like link (also `verify`, `copy`, `linkedin`, `download`, `details`, `retry`).
 * @csspart verify - The "Verify" button (also `button`).
 * @csspart copy - The "Copy link" button (also `button`).
 * @csspart linkedin - The "Add to LinkedIn" link (also `button`).
 * @csspart download - The "Download image" link (also `button`).
 * @csspart details - The button that shows or hides the checks of a verdict (also `button`).
 * @csspart retry - "Try again" on an error panel or the offline notice (also `button`).
 * @csspart sign-in - The "Sign in" button of the signed-out state (also `button`).
 * @csspart input - The link shown for copying by hand when the clipboard is not available.
 * @csspart empty - The empty and signed-out states.
 * @csspart error - An error panel.
 * @csspart skeleton - Loading placeholders.
 * @csspart offline-notice - "Offline: showing what was saved …" above cached badges.
 *
 * @cssprop --confab-color-success - Active and verified.
 * @cssprop --confab-color-danger - Expired, revoked and failed verification.
 * @cssprop --confab-color-accent - Buttons, links and focus rings.
 *
 * @example
 * <confab-cert-badge person="u-aiko" layout="card" identity="aiko@example.com"></confab-cert-badge>
 * <confab-cert-badge assertion="https://badges.example.org/assertions/42" verify></confab-cert-badge>
 * <confab-cert-badge credential="https://badges.example.org/credentials/42" verify></confab-cert-badge>
 */
export class ConfabCertBadge extends ConfabElement {
  static override styles = [tokens, controls, certBadgeStyles];

  // Internal reactive state: no attribute, and kept out of custom-elements.json's public API (@private).
  static override properties: PropertyDeclarations = {
    person: { reflect: true },
    org: { reflect: true },
    assertion: {},
    credential: {},
    layout: { reflect: true },
    identity: {},
    label: {},
    verify: { type: Boolean, reflect: true },
    /** @private */
    expanded: { state: true, attribute: false },
  };

  /** Show this person's certifications (`me`: the signed-in partner's). */
  person?: string;
  /** Show this partner organisation's certifications (`me`: the signed-in partner's organisation). */
  org?: string;
  /** URL of an Open Badges 2.0 hosted assertion from any issuer; wins over `person` and `org`. */
  assertion?: string;
  /**
   * An Open Badges 3.0 credential from any issuer: the URL it is published at, or the VC-JWT itself.
   * Its signature (issuer key by did:web or JWKS), dates, status list and, with `identity`, recipient
   * are checked. Wins over `person` and `org`; `assertion` wins over it.
   */
  credential?: string;
  /** `card` (default), `list` or `compact`. */
  layout: CertLayout = 'card';
  /** An identity (usually the recipient's email) to check each badge's recipient hash against. */
  identity?: string;
  /** Accessible name of the widget's region. Default: "Certifications of <recipient>" or "Certification: <badge>". */
  label?: string;
  /** Verify every badge as soon as it is shown, instead of waiting for the Verify button. */
  verify = false;

  private expanded: ReadonlySet<string> = new Set();
  private readonly copyPart = new LazyPart(this, copyPart, { create: (m) => new m.CopyController(this) });

  private focusVerdictOf: string | null = null;
  private marked = false;
  private readonly me = new ResourceController<Me>(this, {
    // Asked first only when the badges to list are the partner's own; otherwise once they are shown, for
    // "Add to LinkedIn" on the partner's own badges, so that `me` never delays another person's or an
    // organisation's badges (nor takes a request beside theirs).
    backend: () => (this.single || !(this.wantsMe || this.list.value) ? undefined : this.backend),
    key: () => 'me',
    fetch: (b, signal) => b.me({ signal }),
    // Cached only in the partition of the partner a token names (core/identity.ts), as qa-box's: `person="me"`
    // then shows the returning partner's cached badges at once instead of waiting for this request first.
    cache: 'partner',
    // "Nobody is signed in" names no one: where getToken gave no token it is cached in the shared anonymous
    // partition, so a signed-out return shows its state at once (core/resource.ts `namesNobody`).
    namesNobody: (me) => !me.authenticated,
  });

  private readonly list = new ResourceController<Certification[]>(this, {
    backend: () => this.backend,
    key: () => {
      const q = this.query();
      return q ? `certifications:${JSON.stringify(q)}` : null;
    },
    fetch: (b, signal) => b.listCertifications(this.query()!, { signal }),
    what: 'certifications',
  });

  private readonly verifier = new VerifyController(this, {
    backend: () => this.backend,
    identity: () => this.identity,
    onDone: (url, v) => this.verificationDone(url, v),
  });

  /** The one badge the host page gave by itself, if any: a 2.0 assertion, else a 3.0 credential. */
  private get single(): { source: BadgeSource; key: string } | null {
    if (this.assertion) return { source: 'assertion', key: this.assertion };
    const credential = this.credential?.trim();
    return credential ? { source: 'credential', key: credential } : null;
  }

  /** How the badge under `key` is verified: only the host's credential is a 3.0 one. */
  private sourceOf(key: string): BadgeSource {
    const one = this.single;
    return one && one.key === key ? one.source : 'assertion';
  }

  private get effectiveLayout(): CertLayout {
    return checkEnum(this, 'layout', this.layout ?? 'card', CERT_LAYOUTS, 'card');
  }

  /** The signed-in partner, null when signed out, undefined while unknown. */
  private get signedInMe() {
    // A failed read (a rejected token) counts as signed out, whatever the cache held.
    if (this.me.status === 'error') return null;
    const m = this.me.value;
    return m === undefined ? undefined : m.authenticated ? m : null;
  }

  /** The badges to list are the signed-in partner's own, or their organisation's. */
  private get wantsMe(): boolean {
    return this.person === 'me' || (!this.person && this.org === 'me');
  }

  private query(): CertificationQuery | null {
    if (this.single) return null;
    if (this.wantsMe) {
      const me = this.signedInMe;
      if (!me) return null;
      if (this.person === 'me') return { person: me.id };
      return me.org ? { org: me.org.id } : null;
    }
    if (this.person) return { person: this.person };
    if (this.org) return { org: this.org };
    return null;
  }

  // ----- lifecycle -----

  protected override willUpdate(changed: PropertyValues<ConfabCertBadge>): void {
    // Results depend on all of these; turning `verify` on must also show verdicts that were fetched unseen.
    const stale = ['assertion', 'credential', 'identity', 'person', 'org'].some((k) => changed.has(k as keyof ConfabCertBadge)) || (changed.has('verify') && this.verify);
    if (stale) {
      this.verifier.reset();
      this.expanded = new Set();
      this.copier?.reset();
    }
    // A hosted assertion has to be fetched to be shown at all; its verdict shows with `verify` or on request.
    const one = this.single;
    if (one && !this.verifier.get(one.key)) void this.verifier.run(one.key, { show: this.verify, source: one.source });
    if (this.verify && !one && this.list.value) {
      for (const c of this.list.value) {
        if (!this.verifier.get(c.assertionUrl)) void this.verifier.run(c.assertionUrl, { show: true, recipientName: c.recipient.name });
      }
    }
  }

  protected override updated(): void {
    if (!this.marked && this.renderRoot.querySelector('[part~="item"]')) {
      this.marked = true;
      performance.mark('confab:cert-badge:first-content');
    }
    if (this.focusVerdictOf) {
      const el = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-verdict]')].find((e) => e.dataset.verdict === this.focusVerdictOf);
      if (el) {
        this.focusVerdictOf = null;
        el.focus();
      }
    }
  }

  private get copier() {
    return this.copyPart.value;
  }

  private verificationDone(url: string, v: Verification): void {
    if (v.shown && v.result) emit(this, 'confab-verified', { result: v.result });
    if (this.focusVerdictOf === url) this.requestUpdate();
  }

  // ----- actions -----

  private onVerify(b: BadgeView): void {
    this.focusVerdictOf = b.key;
    void this.verifier.run(b.key, { show: true, recipientName: b.recipientName, source: this.sourceOf(b.key) });
  }

  private onToggle(b: BadgeView): void {
    const next = new Set(this.expanded);
    if (!next.delete(b.key)) next.add(b.key);
    this.expanded = next;
  }

  private onCopy(b: BadgeView): void {
    // The clipboard is written within the click (some browsers insist); the outcome shows once the copy part is here.
    const written = copyText(b.assertionUrl);
    // Without the copy part (offline) the link is still copied, only unannounced; the next click fetches it again.
    void this.copyPart.load().then((c) => c?.finish(b, written));
  }

  private signIn(): void {
    emit(this, 'confab-auth-required', { action: 'view-certifications' });
  }

  // ----- rendering -----

  protected override render(): TemplateResult {
    return this.frame(
      html`<div class="layout ${this.effectiveLayout}">${this.content()}</div>
        <div class="visually-hidden" role="status" aria-live="polite">${this.copier?.announcement ?? ''}</div>`,
      this.regionLabel(),
    );
  }

  /** The region's name: the host's `label`, else one that says whose badges these are, so that several regions differ. */
  private regionLabel(): string {
    if (this.label) return this.label;
    const one = this.single;
    if (one) {
      const name = this.verifier.get(one.key)?.result?.badgeName;
      return name ? msg(str`Certification: ${name}`, { id: 'cert-badge-label-badge' }) : msg('Certification', { id: 'cert-badge-label-one' });
    }
    const who = this.list.value?.[0]?.recipient.name;
    return who ? msg(str`Certifications of ${who}`, { id: 'cert-badge-label-of' }) : msg('Certifications', { id: 'cert-badge-label' });
  }

  private content(): TemplateResult {
    const one = this.single;
    if (one) return this.singleContent(one);
    if (!this.person && !this.org) return emptyState(msg('No certifications to show.', { id: 'cert-badge-nothing' }));
    if (!this.backend) return emptyState(msg('No community server is configured.', { id: 'cert-badge-no-backend' }));
    if (this.wantsMe) {
      const me = this.signedInMe;
      if (me === undefined) return this.loading();
      if (me === null) return this.signedOut();
    }
    const l = this.list;
    if (l.status === 'error' && l.error instanceof AuthError) return this.signedOut();
    // A backend without certifications (DiscourseBackend answers 501): say so, with no retry that cannot help.
    if (l.status === 'error' && l.error instanceof BackendError && l.error.status === 501) {
      return emptyState(msg('Certifications are not available on this community.', { id: 'cert-badge-unavailable' }));
    }
    if (l.status === 'error') return errorState(l.error!, () => void l.refresh());
    if (!l.value) return this.loading();
    if (l.value.length === 0) {
      return emptyState(
        msg('No certifications yet', { id: 'cert-badge-empty' }),
        this.org && !this.person
          ? msg('Certifications this organisation earns will show here.', { id: 'cert-badge-empty-org' })
          : msg('Certifications this partner earns will show here.', { id: 'cert-badge-empty-person' }),
      );
    }
    return html`${l.offline ? offlineNotice(l.savedAt ?? null, this.locale, () => void l.refresh(), l.error) : nothing}
      ${this.badges(l.value.map(fromCertification))}`;
  }

  private singleContent({ key: url, source }: { source: BadgeSource; key: string }): TemplateResult {
    const v = this.verifier.get(url);
    // The verifier could not be loaded: say so, with a retry (it also runs again by itself once back online).
    if (!v?.result && v?.error && !v.running) return errorState(v.error, () => void this.verifier.run(url, { show: this.verify, source }));
    if (!v?.result) return this.loading();
    const { fromVerification, failurePanel } = this.verifier.module!;
    const view = fromVerification(v.result);
    // Keyed by what the host gave (a VC-JWT has no URL; a redirect may have moved the assertion).
    if (view) return this.badges([{ ...view, key: url }]);
    // Too little was read to show a badge: the verdict is the content, with a way to try again.
    return failurePanel(v.result, v.running, () => void this.verifier.run(url, { show: this.verify, source }));
  }

  private loading(): TemplateResult {
    return html`<div class="loading" aria-busy="true">
      <p class="visually-hidden">${msg('Loading certifications…', { id: 'cert-badge-loading' })}</p>
      ${skeleton(this.effectiveLayout === 'compact' ? 1 : 2)}
    </div>`;
  }

  private signedOut(): TemplateResult {
    return emptyState(
      msg('Sign in to see your certifications.', { id: 'cert-badge-signed-out' }),
      undefined,
      html`<button class="btn primary" part="button sign-in" @click=${this.signIn}>${msg('Sign in', { id: 'cert-badge-sign-in' })}</button>`,
    );
  }

  /** The issuer's word wins: a verification that found the badge revoked or expired overrides the list. */
  private statusOf(b: BadgeView): CertStatus {
    const reason = this.verifier.get(b.key)?.result?.reason;
    if (reason === 'revoked' || reason === 'expired') return reason;
    return certStatus(b.revoked, b.expires);
  }

  private badges(views: BadgeView[]): TemplateResult {
    const locale = this.locale;
    let dateFmt: Intl.DateTimeFormat;
    try {
      dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    } catch {
      dateFmt = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
    }
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const date = (iso: string | null) => {
      const d = iso ? new Date(iso) : null;
      return d && !Number.isNaN(d.getTime()) ? dateFmt.format(d) : '';
    };
    const me = this.signedInMe;
    return html`<ul part="list" class="list" role="list">
      ${views.map((b, index) => {
        return badgeItem(b, {
          index,
          status: this.statusOf(b),
          verification: this.verifier.get(b.key),
          verifyButton: !this.verify,
          expanded: this.expanded.has(b.key),
          copied: this.copier?.copied === b.key,
          copyFallback: this.copier?.fallbackFor(b),
          // LinkedIn certifications belong on a person's own profile; for a hosted assertion the host decides.
          linkedIn: !!this.single || (!!me && b.recipientId === me.id),
          date,
          inDays: (iso) => rtf.format(daysUntil(iso), 'day'),
          onVerify: () => this.onVerify(b),
          onToggle: () => this.onToggle(b),
          onCopy: () => this.onCopy(b),
          onCopyIntent: () => void this.copyPart.load(),
          onVerifyIntent: () => this.verifier.prefetch(this.sourceOf(b.key)),
          verdict: this.verifier.module?.verdict,
        });
      })}
    </ul>`;
  }
}
