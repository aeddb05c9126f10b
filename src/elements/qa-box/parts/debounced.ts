import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A string that settles `delay` ms after the last change. The qa-box keys its similar-questions
 * resource on `value`, so typing fast sends one request and core's ResourceController aborts the
 * request of a key that is no longer wanted.
 */
export class Debounced implements ReactiveController {
  /** The settled value. */
  value = '';
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly delay = 250,
  ) {
    host.addController(this);
  }

  /** Takes `next` after the delay, restarting the delay on every call. */
  set(next: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.now(next), this.delay);
  }

  /** Takes `next` at once (a prefill from a handoff, a cleared form). */
  now(next: string): void {
    clearTimeout(this.timer);
    if (next === this.value) return;
    this.value = next;
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
