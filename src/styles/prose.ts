import { css } from 'lit';

/** Rendered Markdown (posts, answers, articles): block spacing, code, quotes, images. */
export const prose = css`
  .prose {
    overflow-wrap: anywhere;
  }
  .prose :is(p, ul, ol, pre, blockquote, table) {
    margin: 0 0 var(--_space);
  }
  .prose pre {
    overflow: auto;
    padding: var(--_space);
    background: var(--_surface-2);
    border-radius: calc(var(--_radius) / 2);
  }
  .prose code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .prose blockquote {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: var(--_space);
    color: var(--_muted);
  }
  .prose img {
    max-width: 100%;
  }
  .prose :is(ul, ol) {
    padding-inline-start: calc(var(--_space) * 3);
  }
`;
