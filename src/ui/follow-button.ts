import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { FollowController } from '../core/follow.js';

/**
 * The follow toggle of a thread, a question or a category: a pressed button while the partner follows
 * it ("Following"), with the topic in its accessible name (visually hidden). Nothing when the controller is not
 * available (signed out, or a backend without follows).
 */
export function followButton(ctl: FollowController, topic: string): TemplateResult | typeof nothing {
  if (!ctl.available) return nothing;
  const watching = ctl.level === 'watching';
  const muted = ctl.level === 'muted';
  return html`<button
    type="button"
    class="btn small ${watching ? 'primary' : 'ghost'} follow"
    part="button follow"
    aria-pressed=${watching ? 'true' : 'false'}
    ?disabled=${ctl.busy}
    @click=${() =>
      void ctl.toggle({
        followed: msg(str`Following ${topic}. You will be notified of new posts.`, { id: 'follow-done' }),
        unfollowed: msg(str`No longer following ${topic}.`, { id: 'follow-undone' }),
        failed: msg('Could not change the follow. Try again.', { id: 'follow-failed' }),
      })}
  >${watching ? msg('Following', { id: 'follow-following' }) : muted ? msg('Muted', { id: 'follow-muted' }) : msg('Follow', { id: 'follow-follow' })}<span
      class="visually-hidden"
      >: ${topic}</span
    ></button>`;
}
