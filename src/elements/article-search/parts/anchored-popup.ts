import type { ReactiveController, ReactiveControllerHost } from 'lit';

const supported = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;
const GAP = 4;
const MIN_BELOW = 220;

/**
 * Shows the results popup in the browser's top layer (`popover="manual"`), pinned under the field.
 * Portals put search boxes in headers and cards with `overflow: hidden` and their own z-index wars;
 * an absolutely positioned popup would be clipped or covered there. Where the Popover API is missing
 * the popup stays absolutely positioned by CSS, which is the old behaviour and still works in most pages.
 */
export class AnchoredPopup implements ReactiveController {
  private listening = false;
  private frame = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly popup: () => HTMLElement | null,
    private readonly anchor: () => HTMLElement | null,
    private readonly open: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (!supported) return;
    const el = this.popup();
    if (!el || !el.isConnected) return this.listen(false);
    const isOpen = el.matches(':popover-open');
    if (this.open()) {
      if (!isOpen) el.showPopover();
      this.place();
      this.listen(true);
    } else {
      if (isOpen) el.hidePopover();
      this.listen(false);
    }
  }

  hostDisconnected(): void {
    this.listen(false);
  }

  private listen(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    if (on) {
      // Capture: a scroll of any ancestor moves the field, not only the window's.
      window.addEventListener('scroll', this.schedule, { capture: true, passive: true });
      window.addEventListener('resize', this.schedule, { passive: true });
    } else {
      window.removeEventListener('scroll', this.schedule, { capture: true });
      window.removeEventListener('resize', this.schedule);
      cancelAnimationFrame(this.frame);
    }
  }

  private schedule = (): void => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.place());
  };

  /** Under the field, as wide as it; above it when the room below is short and there is more above. */
  private place(): void {
    const el = this.popup();
    const anchor = this.anchor();
    if (!el || !anchor) return;
    const r = anchor.getBoundingClientRect();
    const below = innerHeight - r.bottom - GAP * 3;
    const above = r.top - GAP * 3;
    const up = below < MIN_BELOW && above > below;
    const s = el.style;
    s.setProperty('left', `${r.left}px`);
    s.setProperty('width', `${r.width}px`);
    s.setProperty('top', up ? 'auto' : `${r.bottom + GAP}px`);
    s.setProperty('bottom', up ? `${innerHeight - r.top + GAP}px` : 'auto');
    s.setProperty('max-height', `min(var(--confab-search-popup-max-height, 480px), ${Math.max(120, up ? above : below)}px)`);
  }
}
