import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ReactiveControllerHost } from 'lit';
import type { CommunityBackend } from '../backends/types.js';
import { FollowController } from '../core/follow.js';

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

/** What the category's follow button needs of its element (`<confab-forum-feed>`, `<confab-qa-box>`). */
export interface CategoryFollowHost extends ReactiveControllerHost, HTMLElement {
  readonly category?: string;
  /** The signed-in partner's id, null when signed out, undefined while unknown. */
  readonly partnerId: string | null | undefined;
  backendNow(): CommunityBackend | undefined;
  announce(text: string): void;
}

/**
 * The "Follow" button of an element's category. Elements load it as a lazy part (parts/category-follow.ts)
 * only once a partner is signed in on a backend with follows, so it stays out of their first load.
 */
export class CategoryFollow {
  private readonly ctl: FollowController;

  constructor(private readonly host: CategoryFollowHost) {
    this.ctl = new FollowController(host, {
      backend: () => host.backendNow(),
      target: () => (host.category ? { kind: 'category', id: host.category } : null),
      partner: () => host.partnerId,
      announce: (text) => host.announce(text),
    });
  }

  render(): TemplateResult | typeof nothing {
    return followButton(this.ctl, this.host.category ?? '');
  }
}
