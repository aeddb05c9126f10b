import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { ContentStatus } from '../contract/index.js';

/**
 * What the author sees on their own held or hidden content (nobody else is sent it, except
 * moderators): why others do not see it. Nothing for published content.
 */
export function moderationNotice(status: ContentStatus | undefined): TemplateResult | typeof nothing {
  if (status === 'held') {
    return html`<p class="mod-notice held" part="mod-notice">${msg('Awaiting review: only you and the moderators can see this for now.', { id: 'moderation-held' })}</p>`;
  }
  if (status === 'hidden') {
    return html`<p class="mod-notice hidden" part="mod-notice">${msg('Hidden by a moderator: only you and the moderators can see this.', { id: 'moderation-hidden' })}</p>`;
  }
  return nothing;
}

/** The short form for a list row. */
export function moderationBadge(status: ContentStatus | undefined): TemplateResult | typeof nothing {
  if (status === 'held') return html`<span class="mod-badge held" part="mod-badge">${msg('Awaiting review', { id: 'moderation-held-short' })}</span>`;
  if (status === 'hidden') return html`<span class="mod-badge hidden" part="mod-badge">${msg('Hidden by a moderator', { id: 'moderation-hidden-short' })}</span>`;
  return nothing;
}
