import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { fields } from '../../../styles/fields.js';
import type { BadgeView } from '../badge-view.js';

// What follows "Copy link": the acknowledgement, or the link selected for copying by hand when the page
// may not write to the clipboard. It loads when a reader points at or focuses a Copy button.

export const styles = [
  fields,
  css`
    .copy-fallback {
      display: grid;
      gap: 4px;
      width: 100%;
      font-size: 0.88em;
    }
    .layout.compact .copy-fallback {
      flex: 1 1 100%;
    }
  `,
];

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** The copy state of one <confab-cert-badge>: which badge's link was just copied, or needs copying by hand. */
export class CopyController implements ReactiveController {
  /** Key of the badge whose link was just copied ("Link copied" for a moment). */
  copied: string | null = null;
  /** Key of the badge whose link is shown for copying by hand. */
  fallback: string | null = null;
  /** Text for the element's polite live region. */
  announcement = '';
  private focusInput = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** Reports the outcome of writing `b`'s link to the clipboard (started inside the click). */
  async finish(b: BadgeView, written: Promise<boolean>): Promise<void> {
    if (await written) {
      this.fallback = null;
      this.copied = b.key;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.copied = null;
        this.host.requestUpdate();
      }, 2500);
      this.say(msg('Link copied', { id: 'cert-badge-copied' }));
    } else {
      // No clipboard access (insecure page, permissions policy): hand the link over, selected.
      this.fallback = b.key;
      this.focusInput = true;
      this.host.requestUpdate();
    }
  }

  /** The copy-by-hand field for `b`, when its copy failed. */
  fallbackFor(b: BadgeView): TemplateResult | undefined {
    if (this.fallback !== b.key) return undefined;
    return html`<label class="copy-fallback">
      <span>${msg('Copy this link with Ctrl+C or ⌘C:', { id: 'cert-badge-copy-fallback' })}</span>
      <input part="input" class="input" readonly .value=${b.assertionUrl} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
    </label>`;
  }

  /** The badges changed: a field for copying by hand belongs to the old ones. */
  reset(): void {
    this.fallback = null;
  }

  private say(text: string): void {
    // Clear first so that the same words twice in a row are announced twice.
    this.announcement = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      this.announcement = text;
      this.host.requestUpdate();
    });
  }

  hostUpdated(): void {
    if (!this.focusInput) return;
    this.focusInput = false;
    this.host.renderRoot.querySelector<HTMLInputElement>('.copy-fallback input')?.focus();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
