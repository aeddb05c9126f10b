import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/**
 * "← Back to asking": the way out of the question view, also what Escape does. In a module of its own
 * because the box's first view shows it while the question view's chunk is loading.
 */
export function backButton(back: () => void): TemplateResult {
  return html`<div class="toolbar" part="header">
    <button type="button" class="btn ghost small back" part="button back" @click=${back}>
      <span aria-hidden="true" class="arrow">←</span> ${msg('Back to asking', { id: 'qa-box-back' })}
    </button>
  </div>`;
}
