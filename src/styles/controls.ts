import { css } from 'lit';

/**
 * Buttons, chips, notices, state panels, skeletons and avatars: what every element's first view uses.
 * Form fields (fields.ts) and Markdown prose (prose.ts) are separate, so views without them stay smaller.
 * Parts: button, chip.
 */
export const controls = css`
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) * 0.75);
    min-height: 36px;
    padding: 0 calc(var(--_space) * 1.75);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    font-weight: 600;
    font-size: 0.93em;
    line-height: 1.2;
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
    transition: background 120ms, border-color 120ms;
  }
  .btn:hover {
    background: var(--_surface-2);
  }
  .btn.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .btn.primary:hover {
    filter: brightness(1.08);
  }
  .btn.ghost {
    border-color: transparent;
    background: transparent;
  }
  .btn.small {
    min-height: 28px;
    padding: 0 var(--_space);
    font-size: 0.85em;
  }
  .btn[disabled], .btn[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px calc(var(--_space) * 0.875);
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_surface-2);
    color: var(--_muted);
    font-size: 0.8em;
    line-height: 1.6;
    white-space: nowrap;
  }
  button.chip {
    cursor: pointer;
  }
  button.chip[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .row {
    display: flex;
    align-items: center;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  .notice {
    display: flex;
    align-items: center;
    gap: var(--_space);
    flex-wrap: wrap;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_surface-2);
    border: 1px solid var(--_border);
    font-size: 0.9em;
  }
  .notice.error {
    border-color: var(--_danger);
    color: var(--_text);
  }
  .notice.error strong {
    color: var(--_danger);
  }
  .state {
    display: grid;
    justify-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 4) calc(var(--_space) * 2);
    text-align: center;
    color: var(--_muted);
  }
  .state strong {
    color: var(--_text);
    font-size: 1.05em;
  }
  .skeleton {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .skeleton .bar {
    height: 12px;
    border-radius: 6px;
    background: linear-gradient(90deg, var(--_surface-2) 0%, var(--_border) 50%, var(--_surface-2) 100%);
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
    width: 64%;
  }
  .skeleton .bar + .bar {
    width: 41%;
    margin-top: 8px;
    opacity: 0.6;
  }
  .skeleton > :nth-child(even) .bar {
    width: 81%;
  }
  .skeleton > :nth-child(even) .bar + .bar {
    width: 58%;
  }
  @keyframes shimmer {
    from { background-position: 200% 0; }
    to { background-position: -200% 0; }
  }
  .avatar {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    overflow: hidden;
    background: var(--_surface-2);
    color: var(--_muted);
    font-size: 12px;
    font-weight: 700;
    border: 1px solid var(--_border);
    position: relative;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
    background: inherit;
  }
  .clamp-2 {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
`;
