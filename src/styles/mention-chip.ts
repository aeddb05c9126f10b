import { css } from 'lit';

/**
 * An @mention in rendered Markdown (core/markdown renders `@[Name](id)` as `span.mention`): a chip in
 * the accent colour, from the theme tokens so it follows dark mode. Not in `prose`, which is in the
 * elements' first load: only the lazy parts that render posts, answers and previews add it.
 */
export const mentionChipStyles = css`
  .prose .mention {
    padding: 0 0.3em;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
    color: var(--_accent);
    font-weight: 600;
    white-space: nowrap;
  }
`;
