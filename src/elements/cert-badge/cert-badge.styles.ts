import { css } from 'lit';

/**
 * Layout of <confab-cert-badge>: cards in a grid, list rows, or compact lines. Logical properties only (RTL).
 * The verdict's styles load with the verifier (verdict.styles.ts), the copy-by-hand field's with it (copy-fallback.ts).
 */
export const certBadgeStyles = css`
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .badge {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
    align-items: start;
  }
  .image {
    display: block;
    width: 64px;
    height: 64px;
    object-fit: contain;
  }
  .image.placeholder {
    border-radius: 50%;
    background: var(--_surface-2);
    border: 1px dashed var(--_border);
  }
  .item.expired .image,
  .item.revoked .image {
    filter: grayscale(1);
    opacity: 0.6;
  }
  .body {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    min-width: 0;
    justify-items: start;
  }
  .title {
    font-size: 1.02em;
    font-weight: 700;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .meta {
    overflow-wrap: anywhere;
  }
  .dates {
    display: flex;
    flex-wrap: wrap;
    column-gap: calc(var(--_space) * 1.5);
  }
  .description {
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding-block: 1px;
    padding-inline: 6px 10px;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.82em;
    font-weight: 700;
    line-height: 1.6;
  }
  .status.active { color: var(--_success); }
  .status.expiring { color: var(--_warning); }
  .status.expired,
  .status.revoked { color: var(--_danger); }
  .icon {
    flex: none;
    width: 16px;
    height: 16px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    margin-block-start: calc(var(--_space) * 0.5);
  }
  .btn {
    white-space: normal;
    text-align: center;
  }

  /* card: a responsive grid of centred cards */
  .layout.card .list {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 230px), 1fr));
  }
  .layout.card .item {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
  }
  .layout.card .badge {
    grid-template-columns: minmax(0, 1fr);
    justify-items: center;
    text-align: center;
  }
  .layout.card .body {
    justify-items: center;
  }
  .layout.card .dates,
  .layout.card .actions {
    justify-content: center;
  }
  .layout.card .image {
    width: 96px;
    height: 96px;
  }

  /* list: rows divided by rules */
  .layout.list .list {
    gap: 0;
  }
  .layout.list .item {
    padding-block: calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
  }
  .layout.list .item:first-child {
    padding-block-start: 0;
  }
  .layout.list .item:last-child {
    border-block-end: 0;
    padding-block-end: 0;
  }
  .layout.list .description {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }

  /* compact: dense lines, for sidebars and profile headers */
  .layout.compact .list {
    gap: var(--_space);
  }
  .layout.compact .badge {
    gap: var(--_space);
  }
  .layout.compact .image {
    width: 36px;
    height: 36px;
  }
  /* Issuer, dates and status share one wrapping line; title, verdict and actions take full lines. */
  .layout.compact .body {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px calc(var(--_space) * 1.25);
  }
  .layout.compact :is(.title, .actions) {
    flex: 1 1 100%;
  }
  .layout.compact .title {
    font-size: 0.95em;
  }
  .layout.compact .description {
    display: none;
  }
  .layout.compact .status {
    font-size: 0.75em;
  }
  .layout.compact .actions {
    margin-block-start: 2px;
    gap: 4px;
  }
  .layout.compact .btn.small {
    min-height: 26px;
    font-size: 0.8em;
  }
`;
