import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Ctrl+K (Cmd+K on Apple keyboards) anywhere on the page calls `onTrigger`, while `enabled()` says so.
 * Listens on the document only while the host is connected. When several elements opt in, the first
 * to hear the key takes it and marks the event handled, so focus does not bounce between them.
 */
export class ShortcutController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly enabled: () => boolean,
    private readonly onTrigger: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.onKey);
  }

  private onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.shiftKey || !this.enabled()) return;
    if (e.key.toLowerCase() !== 'k' || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    this.onTrigger();
  };
}

/** The shortcut as printed on this platform's keyboard. */
export const shortcutLabel = (): string =>
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘ K' : 'Ctrl K';
