import { css } from 'lit';

/**
 * The bell, its badge and the popover frame of <confab-notifications>. The list and the preferences
 * bring their own styles (parts/*.styles.ts). Logical properties only (RTL).
 */
export const notificationsStyles = css`
  :host {
    display: inline-block;
    position: relative;
  }
  .base {
    position: relative;
    background: transparent;
    border: 0;
    padding: 0;
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 50%;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  .bell:hover {
    background: var(--_surface-2);
  }
  .bell:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -5px;
    min-inline-size: 20px;
    padding: 0 5px;
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_surface);
    font-size: 11px;
    font-weight: 700;
    line-height: 20px;
    text-align: center;
  }
  .popover {
    position: absolute;
    z-index: 10;
    inset-block-start: calc(100% + 8px);
    inset-inline-end: 0;
    inline-size: min(384px, calc(100vw - 32px));
    max-block-size: min(332px, 80vh);
    overflow: auto;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    padding: calc(var(--_space) * 1.5);
    text-align: start;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  .heading {
    margin: 0;
    font-size: 16px;
  }
  .heading:focus {
    outline: none;
  }
`;
