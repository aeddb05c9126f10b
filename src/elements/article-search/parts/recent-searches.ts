import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { RecentSearchesController } from '../../../core/recent-searches.js';

/** Recent searches under the inline field, and the chips and labels the results share with them. */
const recentStyles = css`
  .search .label {
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  button.chip {
    position: relative; /* contains its visually-hidden label inside a scrolling row */
    min-height: 28px;
  }
  button.chip:hover {
    border-color: var(--_accent);
  }
  .recent-inline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
  }
  .recent-inline button.chip {
    color: var(--_text);
  }
`;

/** What this part renders, adopted when its chunk arrives. */
export const styles = [recentStyles];

/** Core's recent searches (kept in IndexedDB there), with the chips that show them under the inline field. */
export class RecentSearches extends RecentSearchesController {
  /** Inline mode under the empty field: the recent searches as chips, and a button that forgets them. */
  chips(choose: (query: string) => void): TemplateResult | typeof nothing {
    if (!this.items.length) return nothing;
    return html`<div class="recent-inline" role="group" aria-labelledby="recent-label">
      <span id="recent-label" class="label">${msg('Recent searches', { id: 'article-search-recent' })}</span>
      ${this.items.map((q) => html`<button class="chip" part="chip" type="button" @click=${() => choose(q)}>${q}</button>`)}
      <button class="btn ghost small" part="button" @click=${() => void this.clear()}>
        ${msg('Clear', { id: 'article-search-recent-clear' })}</button>
    </div>`;
  }
}
