import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Follow, FollowKind, FollowLevel } from '../contract/notifications.js';
import type { CommunityBackend } from '../backends/types.js';
import { emit } from './events.js';
import { toConfabError } from './errors.js';
import { ResourceController } from './resource.js';

/** What a follow button follows: a thread, a question, a category or a tag. */
export interface FollowTarget {
  kind: FollowKind;
  id: string;
}

export interface FollowOptions {
  backend: () => CommunityBackend | undefined;
  /** What to follow; null shows no button. */
  target: () => FollowTarget | null;
  /** The signed-in partner's id, null when signed out, undefined while unknown. */
  partner: () => string | null | undefined;
  /** Said in the element's live region after a change, or when it failed. */
  announce?: (text: string, ok: boolean) => void;
}

/**
 * Whether the signed-in partner follows a topic, and the toggle that changes it (`setFollow` /
 * `removeFollow` of the backend's notifications capability). The partner's follows are one shared
 * request per backend and partner. The change shows at once and is undone if the backend refuses.
 * `available` is false on a backend without the capability, when signed out, or without a target.
 */
export class FollowController implements ReactiveController {
  /** A change sent and not answered yet: what the button shows meanwhile. */
  private pending: { key: string; level: FollowLevel | null } | undefined;
  private readonly follows: ResourceController<Follow[]>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly options: FollowOptions) {
    host.addController(this);
    this.follows = new ResourceController<Follow[]>(host, {
      backend: () => (this.capable ? options.backend() : undefined),
      key: () => (options.partner() ? `follows:${options.partner()}` : null),
      fetch: (b, signal) => b.listFollows!({ signal }),
      cache: false,
    });
  }

  hostConnected(): void {}

  private get capable(): boolean {
    const b = this.options.backend();
    return !!b && typeof b.setFollow === 'function' && typeof b.removeFollow === 'function' && typeof b.listFollows === 'function';
  }

  /** True when a button makes sense: the capability, a signed-in partner, a target, and their follows loaded. */
  get available(): boolean {
    return this.capable && !!this.options.partner() && !!this.options.target() && this.follows.status === 'ready';
  }

  /** `watching`, `muted`, or null (neither). */
  get level(): FollowLevel | null {
    const t = this.options.target();
    if (!t) return null;
    const key = `${t.kind}:${t.id}`;
    if (this.pending?.key === key) return this.pending.level;
    return this.follows.value?.find((f) => f.kind === t.kind && f.id === t.id)?.level ?? null;
  }

  get busy(): boolean {
    return !!this.pending;
  }

  /** Asks for the partner's follows again, e.g. after a write that auto-follows. */
  refresh(): Promise<void> {
    return this.follows.refresh();
  }

  /** Follows when not watching (a mute becomes a follow), unfollows when watching. */
  async toggle(labels: { followed: string; unfollowed: string; failed: string }): Promise<void> {
    const t = this.options.target();
    const backend = this.options.backend();
    if (!t || !backend?.setFollow || !backend.removeFollow || this.pending) return;
    const next: FollowLevel | null = this.level === 'watching' ? null : 'watching';
    this.pending = { key: `${t.kind}:${t.id}`, level: next };
    this.host.requestUpdate();
    try {
      if (next) await backend.setFollow(t.kind, t.id, next);
      else await backend.removeFollow(t.kind, t.id);
      const rest = (this.follows.value ?? []).filter((f) => !(f.kind === t.kind && f.id === t.id));
      this.follows.mutate(next ? [{ kind: t.kind, id: t.id, level: next, title: null, createdAt: new Date().toISOString() }, ...rest] : rest);
      this.options.announce?.(next ? labels.followed : labels.unfollowed, true);
    } catch (e) {
      const error = toConfabError(e);
      emit(this.host, 'confab-error', { error, status: error.status });
      this.options.announce?.(labels.failed, false);
    } finally {
      this.pending = undefined;
      this.host.requestUpdate();
    }
  }
}
